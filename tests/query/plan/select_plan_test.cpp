// SELECT planning seen through execution: wildcard calls expand to the fields their
// function takes, a wildcard call inside an expression is refused, and transformations over
// aggregates read one interval beyond the range, as InfluxDB 1.x does.
#include "query/plan/select_plan.h"

#include "tests/query/executor_fixture.h"

namespace strata::query {
namespace {

using Rows = std::vector<std::vector<Value>>;

// m: v (float), n (int), s (string), b (bool) at 0s; v and n at 10s and 20s.
class SelectPlanTest : public ExecutorFixture {
 protected:
  void SetUp() override {
    ExecutorFixture::SetUp();
    write({{"m", {}, 0 * kSecond, {{"v", 1.0}, {"n", int64_t{1}}, {"s", std::string_view{"x"}}, {"b", true}}},
           {"m", {}, 10 * kSecond, {{"v", 3.0}, {"n", int64_t{3}}}},
           {"m", {}, 20 * kSecond, {{"v", 7.0}, {"n", int64_t{7}}}}});
  }
};

TEST_F(SelectPlanTest, WildcardCallExpandsOnlyFieldsItsFunctionTakes) {
  EXPECT_EQ(ok("SELECT mean(*) FROM m").series.at(0).columns, (std::vector<std::string>{"time", "mean_n", "mean_v"}));
  EXPECT_EQ(ok("SELECT count(*) FROM m").series.at(0).columns,
            (std::vector<std::string>{"time", "count_b", "count_n", "count_s", "count_v"}));
  // Strata's min and max take numbers only (InfluxDB also takes bools there).
  EXPECT_EQ(ok("SELECT max(*) FROM m").series.at(0).columns, (std::vector<std::string>{"time", "max_n", "max_v"}));
  EXPECT_EQ(ok("SELECT sum(*) FROM m").series.at(0).values, (Rows{{t(0), i(11), f(11.0)}}));
}

TEST_F(SelectPlanTest, WildcardCallInsideAnExpressionIsRefused) {
  for (const std::string text : {"SELECT count(*) + 1 FROM m", "SELECT 2 * mean(*) FROM m", "SELECT -max(*) FROM m"}) {
    const auto result = run(text);
    ASSERT_FALSE(result.has_value()) << text;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_TRUE(result.status().message().starts_with("unsupported expression with wildcard: ")) << text;
  }
}

TEST_F(SelectPlanTest, TransformOverAggregatesReadsTheIntervalBeforeTheRange) {
  // max(v) per 10s: 0s 1, 10s 3, 20s 7. The range starts at 10s, yet 10s has a difference.
  EXPECT_EQ(ok("SELECT difference(max(v)) FROM m WHERE time >= 10s AND time < 30s GROUP BY time(10s)").series.at(0).values,
            (Rows{{t(10), f(2.0)}, {t(20), f(4.0)}}));
  // Walking DESC the extra interval is after the range: 20s pairs with 10s, 10s with 0s.
  EXPECT_EQ(ok("SELECT difference(max(v)) FROM m WHERE time >= 0s AND time < 20s GROUP BY time(10s) ORDER BY time DESC")
                .series.at(0)
                .values,
            (Rows{{t(10), f(-4.0)}, {t(0), f(-2.0)}}));
  // The extra bucket is filled too: fill(0) puts a 0 at -10s, so 0s has 1 - 0.
  EXPECT_EQ(ok("SELECT difference(max(v)) FROM m WHERE time >= 0s AND time < 10s GROUP BY time(10s) fill(0)")
                .series.at(0)
                .values,
            (Rows{{t(0), f(1.0)}}));
}

}  // namespace
}  // namespace strata::query
