// Which segments compaction merges: the newest ones of similar size, all once idle or on
// demand, never fewer than two.
#include "engine/lifecycle/compaction_policy.h"

#include <gtest/gtest.h>

#include <limits>

namespace strata {
namespace {

// Segments of these sizes, oldest first.
std::vector<ManifestSegment> sized(std::initializer_list<uint64_t> sizes) {
  std::vector<ManifestSegment> segments;
  uint64_t number = 1;
  for (uint64_t size : sizes) segments.push_back(ManifestSegment{number++, size, 0, 1, 1, 1});
  return segments;
}

constexpr auto kBusy = std::chrono::seconds(1);  // the partition gained a segment a second ago

struct Case {
  const char* sentence;
  std::vector<ManifestSegment> segments;
  std::chrono::steady_clock::duration idle_for;
  size_t expected;
};

TEST(CompactionPolicyTest, ChoosesTheNewestSegmentsOfSimilarSize) {
  const CompactionPolicy policy{4, std::chrono::minutes(10), false};
  const Case cases[] = {
      {"one segment has nothing to merge with", sized({10}), std::chrono::hours(1), 0},
      {"three flushes are fewer than min_segments", sized({10, 10, 10}), kBusy, 0},
      {"four flushes of one size are merged", sized({10, 10, 10, 10}), kBusy, 4},
      {"a large old segment waits for enough new bytes", sized({100, 10, 10, 10}), kBusy, 0},
      {"four small ones beside a large one are merged alone", sized({100, 10, 10, 10, 10}), kBusy, 4},
      {"the large one joins once the new ones reach half its size", sized({60, 10, 10, 10}), kBusy, 4},
      {"an idle partition is merged whole", sized({100, 10}), std::chrono::minutes(10), 2},
  };
  for (const Case& one : cases) {
    EXPECT_EQ(segments_to_compact(one.segments, one.idle_for, policy), one.expected) << one.sentence;
  }
}

TEST(CompactionPolicyTest, OnDemandMergesEveryPartitionOfTwoOrMoreWhole) {
  const CompactionPolicy whole{4, std::chrono::minutes(10), true};
  EXPECT_EQ(segments_to_compact(sized({100, 1}), kBusy, whole), 2u);
  EXPECT_EQ(segments_to_compact(sized({100}), kBusy, whole), 0u);
}

TEST(CompactionPolicyTest, APartitionReachingTheEndOfInt64IsLeftAlone) {
  auto segments = sized({10, 10});
  segments.back().max_time_ns = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(segments_to_compact(segments, kBusy, CompactionPolicy{2, std::chrono::minutes(10), true}), 0u);
}

}  // namespace
}  // namespace strata
