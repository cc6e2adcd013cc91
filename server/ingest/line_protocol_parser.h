// LineProtocolParser: InfluxDB 1.x line protocol into a WriteBatch, line by line, with
// partial acceptance (docs/line-protocol.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/base/status.h"
#include "engine/base/utf8.h"
#include "engine/write_batch.h"
#include "server/ingest/ingest_limits.h"
#include "server/ingest/parse_report.h"
#include "server/ingest/precision.h"

namespace strata::server {

// Reusable across requests: its scratch buffers keep their capacity, so parsing allocates
// nothing per point once warm (WriteBatch copies what it keeps). Not thread-safe: one per
// session or thread.
class LineProtocolParser {
 public:
  // `default_timestamp_ns` is used for lines without a timestamp (the request's arrival).
  LineProtocolParser(IngestLimits limits, Precision precision, int64_t default_timestamp_ns);

  // Appends every valid point of `body` to `batch`, in body order. Bad lines are skipped,
  // counted and (the first ParseReport::kMaxReportedErrors) described; the rest are still
  // appended, as InfluxDB 1.x's partial writes do. A line is appended whole or not at all.
  // Never fails as a whole: an empty body gives an empty report.
  ParseReport parse(std::string_view body, WriteBatch& batch);

  // Sets the precision and default timestamp for the next parse(), so that one parser
  // (and its warm buffers) can serve request after request.
  void set_request(Precision precision, int64_t default_timestamp_ns) {
    precision_ = precision;
    default_timestamp_ns_ = default_timestamp_ns;
  }

 private:
  // Parses one line (no newline; blanks at both ends and a final CR removed) into the
  // members below. `column_base` is how many blanks were cut from its start.
  Status parse_line(std::string_view line, size_t column_base);
  // Each step starts at pos_ and leaves pos_ after what it consumed.
  Status parse_series();
  Status parse_tag();
  Status parse_fields();
  Status parse_field();
  Result<std::string_view> parse_string_value(std::string_view key);
  Status parse_timestamp();
  Status check_duplicate_tags();
  // Marks the fields_ entries shadowed by a later one with the same key (last wins).
  void mark_shadowed_fields();
  void append_point(WriteBatch& batch) const;

  // `raw` with the escapes of `specials` removed: a view of `raw` when it holds no
  // backslash, else of scratch_ (valid until the next line).
  std::string_view unescape(std::string_view raw, std::string_view specials);
  Status check_size(std::string_view what, std::string_view text, size_t limit, size_t pos) const;
  Status error_at(std::string message, size_t pos) const;
  // "<what check found> in <what> at column N", for a name that fails check_name. The name
  // is checked as sent, from `raw_begin`: its escapes are ASCII bytes before ASCII bytes,
  // so they change neither its validity nor which byte is bad, and the column is exact.
  Status name_error(const NameCheck& check, std::string_view what, size_t raw_begin) const;
  // check_name of the line's bytes [begin, end), which need no look when the whole line
  // passed it: each name lies between ASCII separators, so it passes too.
  NameCheck check_name_in_line(size_t begin, size_t end) const {
    return line_is_plain_ ? NameCheck{} : check_name(line_.substr(begin, end - begin));
  }
  size_t column(size_t pos) const { return column_base_ + pos + 1; }

  const IngestLimits limits_;  // set at construction
  Precision precision_;        // per request (set_request)
  int64_t default_timestamp_ns_;

  // Per line; capacity kept across lines and requests.
  std::string scratch_;  // sized to the line before parsing, so views into it stay put
  size_t scratch_used_ = 0;
  std::string_view line_;
  size_t pos_ = 0;
  size_t column_base_ = 0;
  bool line_is_plain_ = false;  // the whole line passes check_name
  std::string_view measurement_;
  std::string_view raw_series_;
  int64_t timestamp_ns_ = 0;
  size_t tag_count_ = 0;    // as sent, may exceed what tags_ holds
  size_t field_count_ = 0;  // as sent, may exceed what fields_ holds
  std::vector<TagView> tags_;
  std::vector<FieldView> fields_;
  std::vector<uint32_t> order_;   // index scratch for duplicate detection
  std::vector<bool> shadowed_;    // parallel to fields_
};

}  // namespace strata::server
