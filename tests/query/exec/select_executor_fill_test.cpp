// fill(linear) of the SELECT executor against InfluxDB 1.x's formula (query/linear.go):
// slope in doubles, value = slope * (t - before) + before, integers truncated.
#include "query/exec/select_executor.h"

#include "tests/query/executor_fixture.h"

namespace strata::query {
namespace {

using Rows = std::vector<std::vector<Value>>;

class SelectExecutorFillTest : public ExecutorFixture {
 protected:
  void SetUp() override {
    ExecutorFixture::SetUp();
    write({{"m", {}, 0 * kSecond, {{"n", int64_t{42}}, {"v", 42.0}}}, {"m", {}, 20 * kSecond, {{"n", int64_t{0}}, {"v", 0.0}}}});
  }
};

TEST_F(SelectExecutorFillTest, LinearFillOfIntegersTruncatesTheSlopeFormula) {
  // Slope -42 / 20e9 is -2.1e-9 in doubles; times 10e9 gives -21.000000000000004, plus 42
  // is 20.999999999999996, truncated to 20 (interpolating by the fraction 0.5 would give 21).
  const double slope = -42.0 / 20e9;
  ASSERT_LT(slope * 10e9 + 42.0, 21.0);
  EXPECT_EQ(ok("SELECT max(n) FROM m WHERE time >= 0s AND time < 30s GROUP BY time(10s) fill(linear)").series.at(0).values,
            (Rows{{t(0), i(42)}, {t(10), i(20)}, {t(20), i(0)}}));
}

TEST_F(SelectExecutorFillTest, LinearFillOfFloatsFollowsTheLine) {
  EXPECT_EQ(ok("SELECT max(v) FROM m WHERE time >= 0s AND time < 30s GROUP BY time(10s) fill(linear)").series.at(0).values,
            (Rows{{t(0), f(42.0)}, {t(10), f(-42.0 / 20e9 * 10e9 + 42.0)}, {t(20), f(0.0)}}));
}

}  // namespace
}  // namespace strata::query
