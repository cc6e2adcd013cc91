// IngestLimits: the per-point bounds every ingest parser enforces; a breach rejects that
// line or element with a message naming the limit (docs/line-protocol.md "Limits").
#pragma once

#include <cstddef>

namespace strata::server {

struct IngestLimits {
  size_t max_line_bytes = 1 << 20;     // one line of line protocol, without its newline
  size_t max_tags_per_point = 256;
  size_t max_fields_per_point = 1024;
  size_t max_key_bytes = 1024;         // measurement, tag key, field key (unescaped)
  size_t max_value_bytes = 64 * 1024;  // tag value, string field value (unescaped)
};

}  // namespace strata::server
