#include "engine/tenant/partition_time.h"

#include <gtest/gtest.h>

#include <limits>

namespace strata {
namespace {

TEST(PartitionTimeTest, DayPartitionsFloorTowardsMinusInfinity) {
  EXPECT_EQ(partition_index(0, kNanosPerDay), 0);
  EXPECT_EQ(partition_index(kNanosPerDay - 1, kNanosPerDay), 0);
  EXPECT_EQ(partition_index(kNanosPerDay, kNanosPerDay), 1);
  EXPECT_EQ(partition_index(-1, kNanosPerDay), -1);
}

TEST(PartitionTimeTest, NamesAreUtcStartTimes) {
  // 2026-11-22T00:00:00Z is 1795305600 s after the epoch.
  const int64_t index = partition_index(1795305600LL * kNanosPerSecond + 5, kNanosPerDay);
  EXPECT_EQ(partition_directory_name(index, kNanosPerDay), "20261122T000000Z");
  EXPECT_EQ(partition_directory_name(-1, kNanosPerDay), "19691231T000000Z");
  EXPECT_EQ(partition_directory_name(1, 3600 * kNanosPerSecond), "19700101T010000Z");
}

TEST(PartitionTimeTest, NamesParseBackToTheirIndex) {
  for (int64_t index : {int64_t{-200}, int64_t{-1}, int64_t{0}, int64_t{20779}}) {
    EXPECT_EQ(parse_partition_directory_name(partition_directory_name(index, kNanosPerDay), kNanosPerDay), index);
  }
  EXPECT_FALSE(parse_partition_directory_name("20261122T000000", kNanosPerDay));
  EXPECT_FALSE(parse_partition_directory_name("20261322T000000Z", kNanosPerDay));
  EXPECT_FALSE(parse_partition_directory_name("20261122T010000Z", kNanosPerDay));  // not a day boundary
}

TEST(PartitionTimeTest, Int64LimitsHaveRepresentablePartitions) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();
  const int64_t first = partition_index(kMin, kNanosPerDay), last = partition_index(kMax, kNanosPerDay);
  EXPECT_EQ(partition_first_ns(first, kNanosPerDay), kMin);  // clamped
  EXPECT_EQ(partition_last_ns(last, kNanosPerDay), kMax);
  EXPECT_EQ(parse_partition_directory_name(partition_directory_name(first, kNanosPerDay), kNanosPerDay), first);
  EXPECT_EQ(parse_partition_directory_name(partition_directory_name(last, kNanosPerDay), kNanosPerDay), last);
}

}  // namespace
}  // namespace strata
