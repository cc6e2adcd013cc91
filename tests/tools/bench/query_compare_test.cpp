// Tests of the answer comparison behind `strata bench compare`.
#include "tools/bench/query_compare.h"

#include <gtest/gtest.h>

#include <cmath>

namespace strata::tools {
namespace {

constexpr double kTolerance = 1e-9;

QueryAnswer answer(QueryType type, int index, std::vector<AnswerRow> rows) { return {type, index, std::move(rows)}; }

TEST(BenchQueryCompareTest, ValuesAgreeWithinTheRelativeTolerance) {
  EXPECT_TRUE(values_agree(100, 100 * (1 + 5e-10), kTolerance));
  EXPECT_FALSE(values_agree(100, 100 * (1 + 5e-9), kTolerance));
  EXPECT_TRUE(values_agree(0, 0, kTolerance));
  EXPECT_FALSE(values_agree(0, 1e-300, kTolerance));
  EXPECT_TRUE(values_agree(std::nan(""), std::nan(""), kTolerance));
  EXPECT_FALSE(values_agree(std::nan(""), 1, kTolerance));
}

TEST(BenchQueryCompareTest, EqualAnswersAgreePerTypeInTypeOrder) {
  const std::vector<QueryAnswer> answers = {
      answer(QueryType::kLastpoint, 0, {{"host_0", "usage_user", 10, 1.5}}),
      answer(QueryType::kSingleGroupby111, 0, {{"*", "usage_user", 0, 2}, {"*", "usage_user", 60, 3}}),
      answer(QueryType::kSingleGroupby111, 1, {}),
  };
  const std::vector<TypeComparison> comparisons = compare_answers(answers, answers, kTolerance);
  ASSERT_EQ(comparisons.size(), 2u);
  EXPECT_EQ(comparisons[0].type, QueryType::kSingleGroupby111);
  EXPECT_EQ(comparisons[0].instance_count, 2);
  EXPECT_EQ(comparisons[0].row_count, 2);
  EXPECT_TRUE(comparisons[0].agrees());
  EXPECT_EQ(comparisons[1].type, QueryType::kLastpoint);
  EXPECT_TRUE(comparisons[1].agrees());
}

TEST(BenchQueryCompareTest, ValueOutsideToleranceNamesInstanceAndRow) {
  const std::vector<QueryAnswer> reference = {
      answer(QueryType::kDoubleGroupby1, 4, {{"host_1", "usage_user", 0, 10}, {"host_2", "usage_user", 0, 20}})};
  const std::vector<QueryAnswer> other = {
      answer(QueryType::kDoubleGroupby1, 4, {{"host_1", "usage_user", 0, 10}, {"host_2", "usage_user", 0, 20.001}})};
  const std::vector<TypeComparison> comparisons = compare_answers(reference, other, kTolerance);
  ASSERT_EQ(comparisons.size(), 1u);
  EXPECT_EQ(comparisons[0].mismatch_count, 1);
  EXPECT_EQ(comparisons[0].first_mismatch.rfind("instance 4: row 1: host_2 usage_user 0 = 20 vs", 0), 0u)
      << comparisons[0].first_mismatch;
}

TEST(BenchQueryCompareTest, ShiftedTimeOrExtraRowDisagrees) {
  const std::vector<QueryAnswer> reference = {answer(QueryType::kHighCpu1, 0, {{"host_1", "usage_user", 10, 95}})};
  const std::vector<QueryAnswer> shifted = {answer(QueryType::kHighCpu1, 0, {{"host_1", "usage_user", 20, 95}})};
  EXPECT_FALSE(compare_answers(reference, shifted, kTolerance)[0].agrees());
  const std::vector<QueryAnswer> longer = {
      answer(QueryType::kHighCpu1, 0, {{"host_1", "usage_user", 10, 95}, {"host_1", "usage_user", 20, 96}})};
  const TypeComparison comparison = compare_answers(reference, longer, kTolerance)[0];
  EXPECT_FALSE(comparison.agrees());
  EXPECT_NE(comparison.first_mismatch.find("1 rows vs 2"), std::string::npos) << comparison.first_mismatch;
}

TEST(BenchQueryCompareTest, InstanceMissingOnEitherSideDisagrees) {
  const std::vector<QueryAnswer> two = {answer(QueryType::kLastpoint, 0, {}), answer(QueryType::kLastpoint, 1, {})};
  const std::vector<QueryAnswer> one = {answer(QueryType::kLastpoint, 0, {})};
  EXPECT_EQ(compare_answers(two, one, kTolerance)[0].mismatch_count, 1);
  EXPECT_EQ(compare_answers(one, two, kTolerance)[0].mismatch_count, 1);
  const std::vector<QueryAnswer> other_type = {answer(QueryType::kHighCpu1, 0, {})};
  const std::vector<TypeComparison> comparisons = compare_answers(one, other_type, kTolerance);
  ASSERT_EQ(comparisons.size(), 2u);
  EXPECT_FALSE(comparisons[0].agrees());  // high-cpu-1: only in the other
  EXPECT_FALSE(comparisons[1].agrees());  // lastpoint: missing from the other
}

}  // namespace
}  // namespace strata::tools
