#include "engine/segment/block_cutter.h"

#include <algorithm>
#include <limits>

namespace strata {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
// Spans that common GROUP BY intervals are multiples of, shortest first.
constexpr int64_t kSpanLadder[] = {kSecond,           10 * kSecond,        60 * kSecond,
                                   5 * 60 * kSecond,  15 * 60 * kSecond,   3600 * kSecond,
                                   6 * 3600 * kSecond, 24 * 3600 * kSecond};

}  // namespace

int64_t block_span_ns(std::span<const int64_t> timestamps_ns) {
  constexpr int64_t kLongest = kSpanLadder[std::size(kSpanLadder) - 1];
  if (timestamps_ns.size() < 2) return kLongest;
  const long double covered = static_cast<long double>(timestamps_ns.back()) - timestamps_ns.front();
  if (covered <= 0) return kLongest;
  const long double per_ns = static_cast<long double>(timestamps_ns.size() - 1) / covered;
  int64_t chosen = kSpanLadder[0];
  for (int64_t span : kSpanLadder) {
    if (per_ns * static_cast<long double>(span) <= kBlockSpanPoints) chosen = span;
  }
  return chosen;
}

size_t block_end(std::span<const int64_t> timestamps_ns, size_t begin, int64_t span_ns, uint32_t max_points_per_block) {
  const size_t limit = std::min(timestamps_ns.size(), begin + max_points_per_block);
  const int64_t first = timestamps_ns[begin];
  // The next multiple of span_ns after `first`. Division truncates toward zero, so before
  // 1970 the truncated multiple is already past `first`.
  const int64_t truncated = first / span_ns * span_ns;
  int64_t boundary = truncated;
  if (truncated <= first) {
    if (truncated > std::numeric_limits<int64_t>::max() - span_ns) return limit;
    boundary = truncated + span_ns;
  }
  const auto end = std::lower_bound(timestamps_ns.begin() + static_cast<std::ptrdiff_t>(begin),
                                    timestamps_ns.begin() + static_cast<std::ptrdiff_t>(limit), boundary);
  return static_cast<size_t>(end - timestamps_ns.begin());
}

}  // namespace strata
