// fill() over flat bucket results: each mode on a call with gaps, a second call left alone.
#include "query/exec/bucket_fill.h"

#include <gtest/gtest.h>

namespace strata::query {
namespace {

// Buckets at 0, 10, 20, 30 s; call 0 (max) has points at 0 s (4.0) and 30 s (10.0) only,
// call 1 (count) at every bucket.
class BucketFillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plan_.calls = {CallSpec{nullptr, AggregateKind::kMax, 0, 0}, CallSpec{nullptr, AggregateKind::kCount, 0, 0}};
    results_ = BucketResults{2, std::vector<uint8_t>(8, 0), std::vector<Value>(8)};
    set(0, 0, Value{4.0});
    set(3, 0, Value{10.0});
    for (size_t bucket = 0; bucket < 4; ++bucket) set(bucket, 1, Value{int64_t{1}});
  }
  void set(size_t bucket, size_t call, Value value) {
    results_.present[bucket * 2 + call] = 1;
    results_.at(bucket, call) = std::move(value);
  }
  std::vector<Value> filled(FillOption fill) {
    apply_fill(plan_, fill, starts_, results_);
    return {results_.at(0, 0), results_.at(1, 0), results_.at(2, 0), results_.at(3, 0)};
  }

  SelectPlan plan_;
  std::vector<int64_t> starts_{0, 10'000'000'000, 20'000'000'000, 30'000'000'000};
  BucketResults results_;
};

TEST_F(BucketFillTest, NullLeavesGapsNull) {
  EXPECT_EQ(filled(FillOption{FillMode::kNull}), (std::vector<Value>{Value{4.0}, Value{}, Value{}, Value{10.0}}));
}

TEST_F(BucketFillTest, NumberAndPreviousFillTheGaps) {
  EXPECT_EQ(filled(FillOption{FillMode::kNumber, int64_t{7}}),
            (std::vector<Value>{Value{4.0}, Value{int64_t{7}}, Value{int64_t{7}}, Value{10.0}}));
  SetUp();
  EXPECT_EQ(filled(FillOption{FillMode::kPrevious}), (std::vector<Value>{Value{4.0}, Value{4.0}, Value{4.0}, Value{10.0}}));
}

TEST_F(BucketFillTest, LinearFollowsTheLineBetweenPoints) {
  // 4 -> 10 over 30 s: +2 per 10 s.
  EXPECT_EQ(filled(FillOption{FillMode::kLinear}), (std::vector<Value>{Value{4.0}, Value{6.0}, Value{8.0}, Value{10.0}}));
  // The count call, present everywhere, is untouched.
  EXPECT_EQ(results_.at(1, 1), Value{int64_t{1}});
}

TEST_F(BucketFillTest, NullFillOfCountIsZero) {
  results_.present[1 * 2 + 1] = 0;
  results_.at(1, 1) = Value{};
  apply_fill(plan_, FillOption{FillMode::kNull}, starts_, results_);
  EXPECT_EQ(results_.at(1, 1), Value{int64_t{0}});
}

}  // namespace
}  // namespace strata::query
