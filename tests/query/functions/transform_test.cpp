// Transformations over hand-made series: pairing, units, walking order, duplicates, types.
#include "query/functions/transform.h"

#include <gtest/gtest.h>

namespace strata::query {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

std::vector<TimedValue> series(std::initializer_list<std::pair<int64_t, Value>> points) {
  std::vector<TimedValue> out;
  for (const auto& [seconds, value] : points) out.push_back({seconds * kSecond, value});
  return out;
}

TEST(TransformTest, NamesAreRecognised) {
  EXPECT_EQ(transform_kind("derivative"), TransformKind::kDerivative);
  EXPECT_EQ(transform_kind("non_negative_difference"), TransformKind::kNonNegativeDifference);
  EXPECT_FALSE(transform_kind("mean").has_value());
}

TEST(TransformTest, DerivativeDividesByElapsedUnits) {
  const auto input = series({{0, Value{1.0}}, {2, Value{5.0}}, {6, Value{3.0}}});
  const auto output = apply_transform(TransformKind::kDerivative, kSecond, input, false);
  EXPECT_EQ(output, (series({{2, Value{2.0}}, {6, Value{-0.5}}})));
  EXPECT_EQ(apply_transform(TransformKind::kDerivative, 4 * kSecond, input, false),
            (series({{2, Value{8.0}}, {6, Value{-2.0}}})));
}

TEST(TransformTest, NonNegativeKindsDropDecreases) {
  const auto input = series({{0, Value{int64_t{10}}}, {1, Value{int64_t{4}}}, {2, Value{int64_t{7}}}});
  EXPECT_EQ(apply_transform(TransformKind::kNonNegativeDifference, kSecond, input, false),
            (series({{2, Value{int64_t{3}}}})));
  EXPECT_EQ(apply_transform(TransformKind::kNonNegativeDerivative, kSecond, input, false), (series({{2, Value{3.0}}})));
}

TEST(TransformTest, DifferenceKeepsTheInputType) {
  EXPECT_EQ(apply_transform(TransformKind::kDifference, kSecond,
                            series({{0, Value{uint64_t{5}}}, {1, Value{uint64_t{9}}}}), false),
            (series({{1, Value{uint64_t{4}}}})));
  EXPECT_EQ(apply_transform(TransformKind::kDifference, kSecond, series({{0, Value{1.5}}, {1, Value{1.0}}}), false),
            (series({{1, Value{-0.5}}})));
}

TEST(TransformTest, DescendingWalkNegatesElapsedTime) {
  const auto input = series({{0, Value{1.0}}, {10, Value{3.0}}});
  // From 10s back to 0s: (1 - 3) / (10s) = -0.2 per second, at the earlier time.
  EXPECT_EQ(apply_transform(TransformKind::kDerivative, kSecond, input, true), (series({{0, Value{-0.2}}})));
  EXPECT_EQ(apply_transform(TransformKind::kDifference, kSecond, input, true), (series({{0, Value{-2.0}}})));
}

TEST(TransformTest, LaterPointsAtTheSameTimeAreSkipped) {
  const auto input = series({{0, Value{1.0}}, {0, Value{100.0}}, {1, Value{2.0}}});
  EXPECT_EQ(apply_transform(TransformKind::kDifference, kSecond, input, false), (series({{1, Value{1.0}}})));
}

TEST(TransformTest, FewerThanTwoPointsGiveNothing) {
  EXPECT_TRUE(apply_transform(TransformKind::kDerivative, kSecond, {}, false).empty());
  EXPECT_TRUE(apply_transform(TransformKind::kDerivative, kSecond, series({{3, Value{1.0}}}), false).empty());
}

TEST(TransformTest, OnlyNumericFieldsAreAccepted) {
  EXPECT_TRUE(check_transform_type(TransformKind::kDerivative, "derivative", ValueType::kInt64, "v").is_ok());
  EXPECT_EQ(check_transform_type(TransformKind::kDifference, "difference", ValueType::kString, "v").message(),
            "difference() cannot be applied to string field v");
}

}  // namespace
}  // namespace strata::query
