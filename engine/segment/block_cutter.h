// Where a column's points are cut into blocks (docs/format/segment.md, "Field notes").
// A block holds at most max_points_per_block points and never crosses a multiple of the
// column's block span: the largest span of a fixed ladder (1 s ... 1 day, aligned to the
// Unix epoch) in which the column's average density puts at most kBlockSpanPoints points.
// A GROUP BY time() bucket that is a multiple of the span then holds whole blocks, which
// queries answer from their statistics without decoding them; 10-second data gets
// hour-aligned blocks of 360 points.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace strata {

// About this many points per block span: enough for the codecs to find their patterns, few
// enough that a narrow time range decodes little.
inline constexpr uint32_t kBlockSpanPoints = 1024;

// The block span of a column with these (ascending) timestamps.
int64_t block_span_ns(std::span<const int64_t> timestamps_ns);

// The end (exclusive) of the block starting at `begin`: at most max_points_per_block points,
// all before the next multiple of span_ns after timestamps_ns[begin].
// REQUIRES: begin < timestamps_ns.size(); span_ns > 0; max_points_per_block > 0.
size_t block_end(std::span<const int64_t> timestamps_ns, size_t begin, int64_t span_ns, uint32_t max_points_per_block);

}  // namespace strata
