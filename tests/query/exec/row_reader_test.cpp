// Row bindings through execution: a tag the series lacks is null in an output column and
// "" in a condition, as InfluxDB 1.x reads it.
#include "query/exec/row_reader.h"

#include "tests/query/executor_fixture.h"

namespace strata::query {
namespace {

using Rows = std::vector<std::vector<Value>>;

class RowReaderTest : public ExecutorFixture {
 protected:
  void SetUp() override {
    ExecutorFixture::SetUp();
    write({{"cpu", {{"host", "a"}}, 0 * kSecond, {{"v", 1.0}}}, {"cpu", {}, 1 * kSecond, {{"v", 2.0}}}});
  }
};

TEST_F(RowReaderTest, MissingTagIsNullInOutputColumns) {
  EXPECT_EQ(ok("SELECT v, host FROM cpu").series.at(0).values, (Rows{{t(0), f(1.0), s("a")}, {t(1), f(2.0), kNull}}));
  // A name that is neither a tag nor a field reads null too.
  EXPECT_EQ(ok("SELECT v, nowhere FROM cpu").series.at(0).values, (Rows{{t(0), f(1.0), kNull}, {t(1), f(2.0), kNull}}));
}

TEST_F(RowReaderTest, MissingTagIsEmptyInRowConditions) {
  // A field in the condition makes it a per-row test, where the lacking tag must read "".
  EXPECT_EQ(ok("SELECT v, host FROM cpu WHERE host = '' OR v > 100").series.at(0).values, (Rows{{t(1), f(2.0), kNull}}));
  EXPECT_EQ(ok("SELECT v, host FROM cpu WHERE host != '' AND v < 100").series.at(0).values,
            (Rows{{t(0), f(1.0), s("a")}}));
}

TEST_F(RowReaderTest, FieldsWrittenAtDifferentTimesJoinWithNulls) {
  write({{"j", {}, 0 * kSecond, {{"a", 1.0}}},
         {"j", {}, 1 * kSecond, {{"a", 2.0}, {"b", int64_t{5}}}},
         {"j", {}, 2 * kSecond, {{"b", int64_t{6}}}}});
  flush();
  EXPECT_EQ(ok("SELECT a, b FROM j").series.at(0).values,
            (Rows{{t(0), f(1.0), kNull}, {t(1), f(2.0), i(5)}, {t(2), kNull, i(6)}}));
  // The condition reads the joined row: b is null at 0 s, so `b > 5 OR a < 2` keeps 0 s by a.
  EXPECT_EQ(ok("SELECT a, b FROM j WHERE b > 5 OR a < 2").series.at(0).values,
            (Rows{{t(0), f(1.0), kNull}, {t(2), kNull, i(6)}}));
}

}  // namespace
}  // namespace strata::query
