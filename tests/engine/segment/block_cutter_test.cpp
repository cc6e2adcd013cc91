// Where columns are cut into blocks: spans by density, aligned to the epoch, and the
// point limit still holding inside a span.
#include "engine/segment/block_cutter.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace strata {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kHour = 3600 * kSecond;

// `count` timestamps from `first`, `step` apart.
std::vector<int64_t> regular(int64_t first, int64_t step, size_t count) {
  std::vector<int64_t> times(count);
  for (size_t index = 0; index < count; ++index) times[index] = first + static_cast<int64_t>(index) * step;
  return times;
}

// Every block's [begin, end) as the writer would cut them.
std::vector<size_t> cut(const std::vector<int64_t>& times, uint32_t max_points) {
  const int64_t span = block_span_ns(times);
  std::vector<size_t> ends;
  for (size_t begin = 0; begin < times.size(); begin = ends.back()) ends.push_back(block_end(times, begin, span, max_points));
  return ends;
}

TEST(BlockCutterTest, TenSecondDataGetsHourSpans) {
  // 360 points an hour: an hour fits under kBlockSpanPoints, six hours do not.
  EXPECT_EQ(block_span_ns(regular(0, 10 * kSecond, 1000)), kHour);
}

TEST(BlockCutterTest, OneSecondDataGetsQuarterHourSpans) {
  EXPECT_EQ(block_span_ns(regular(0, kSecond, 5000)), 15 * 60 * kSecond);
}

TEST(BlockCutterTest, SparseOrSinglePointColumnsGetDaySpans) {
  EXPECT_EQ(block_span_ns(regular(0, 3600 * kSecond, 24)), 24 * kHour);
  EXPECT_EQ(block_span_ns(regular(5, 1, 1)), 24 * kHour);
  EXPECT_EQ(block_span_ns(std::vector<int64_t>{}), 24 * kHour);
}

TEST(BlockCutterTest, DenseDataGetsTheShortestSpan) {
  EXPECT_EQ(block_span_ns(regular(0, 1'000'000, 10'000)), kSecond);  // 1000 points a second
}

TEST(BlockCutterTest, BlocksEndAtHourBoundariesWhateverTheFirstPoint) {
  // 10 s data from 00:25:00 for 2.5 h: blocks [00:25, 01:00), [01:00, 02:00), [02:00, 02:55).
  const auto times = regular(25 * 60 * kSecond, 10 * kSecond, 900);
  const std::vector<size_t> expected{210, 570, 900};
  EXPECT_EQ(cut(times, 4096), expected);
}

TEST(BlockCutterTest, ThePointLimitCutsInsideASpan) {
  // One second data: 15 minute spans of 900 points, each cut at 400 points.
  const auto times = regular(0, kSecond, 1800);
  const std::vector<size_t> expected{400, 800, 900, 1300, 1700, 1800};
  EXPECT_EQ(cut(times, 400), expected);
}

TEST(BlockCutterTest, TimesBeforeTheEpochAlignToo) {
  // From -00:30:00, 10 s apart, one hour: the boundary at 00:00 cuts it in two.
  const auto times = regular(-1800 * kSecond, 10 * kSecond, 360);
  const std::vector<size_t> expected{180, 360};
  EXPECT_EQ(cut(times, 4096), expected);
}

TEST(BlockCutterTest, TheLastSpanOfInt64DoesNotOverflow) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const std::vector<int64_t> times{kMax - 2, kMax - 1, kMax};
  EXPECT_EQ(block_end(times, 0, kHour, 4096), 3u);
  const std::vector<int64_t> lowest{std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min() + 1};
  EXPECT_EQ(block_end(lowest, 0, kHour, 4096), 2u);
}

}  // namespace
}  // namespace strata
