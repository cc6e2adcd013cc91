// Computes a block's statistics (engine/block_stats.h) and writes and reads them in the
// segment index (docs/format/segment.md, "Block entry").
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/base/coding.h"
#include "engine/block_stats.h"
#include "engine/column_values.h"

namespace strata {

// Stats of values [begin, end) of a column with the given timestamps.
BlockStats compute_block_stats(std::span<const int64_t> timestamps_ns, const ColumnValues& values, size_t begin,
                               size_t end);
void encode_block_stats(const BlockStats& stats, ValueType type, std::string& out);
bool decode_block_stats(ByteReader& reader, ValueType type, BlockStats& stats);

}  // namespace strata
