// The payload of a WAL record that carries one write: its values resolved to series and
// field ids. Byte layout: docs/format/wal.md, "Write record payload".
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/memtable/memtable.h"

namespace strata {

constexpr uint8_t kWriteRecordKind = 0x01;

// Appends the payload for `values` to `out`. Consecutive values that share series and
// timestamp (the fields of one point) are stored under one header.
void encode_write_record(std::span<const ResolvedValue> values, std::string& out);

// Decodes a payload into `out` (cleared first); string values point into `payload`.
// kCorruption on any malformed byte.
Status decode_write_record(std::string_view payload, std::vector<ResolvedValue>& out);

}  // namespace strata
