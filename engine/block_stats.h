// Per-block statistics kept in every segment's block index (docs/format/segment.md), so that
// aggregates over whole blocks never decode them. Also the shape the read API hands out.
#pragma once

#include <cstdint>
#include <variant>

namespace strata {

// A number in the column's own type: double for float64 columns, int64_t for int64,
// uint64_t for uint64 and bool (0/1; a bool block's sum is its number of trues).
using StatNumber = std::variant<double, int64_t, uint64_t>;

struct BlockStats {
  int64_t min_time_ns = 0;
  int64_t max_time_ns = 0;
  uint32_t count = 0;
  // False for string columns: only times and count are kept for them.
  bool has_numeric_stats = false;
  // An integer block whose sum left its type's range: sum is not usable, decode instead.
  bool sum_overflowed = false;
  // first/last are the values at min_time_ns/max_time_ns. For float columns min and max
  // skip NaN (NaN only when every value is NaN) and sum is NaN if any value is.
  StatNumber sum;
  StatNumber min;
  StatNumber max;
  StatNumber first;
  StatNumber last;
};

}  // namespace strata
