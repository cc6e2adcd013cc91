// SHOW statements over a small tenant, answered in InfluxDB 1.x's shapes.
#include "query/exec/show_executor.h"

#include "tests/query/executor_fixture.h"

namespace strata::query {
namespace {

using Rows = std::vector<std::vector<Value>>;

class ShowExecutorTest : public ExecutorFixture {
 protected:
  void SetUp() override {
    ExecutorFixture::SetUp();
    write({{"cpu", {{"host", "a"}, {"region", "east"}}, kSecond, {{"usage", 1.0}, {"note", std::string_view("x")}}},
           {"cpu", {{"host", "b"}, {"region", "west"}}, kSecond, {{"usage", 2.0}}},
           {"mem", {{"host", "a"}}, kSecond, {{"free", int64_t{5}}}}});
  }
};

TEST_F(ShowExecutorTest, DatabasesListsTheGivenNames) {
  options_.databases = {"db", "other"};
  const auto result = ok("SHOW DATABASES");
  EXPECT_EQ(result.series, (std::vector<ResultSeries>{{"databases", {}, {"name"}, {{s("db")}, {s("other")}}}}));
}

TEST_F(ShowExecutorTest, MeasurementsWithFilters) {
  EXPECT_EQ(ok("SHOW MEASUREMENTS").series,
            (std::vector<ResultSeries>{{"measurements", {}, {"name"}, {{s("cpu")}, {s("mem")}}}}));
  EXPECT_EQ(rows("SHOW MEASUREMENTS WITH MEASUREMENT =~ /^m/"), (Rows{{s("mem")}}));
  EXPECT_EQ(rows("SHOW MEASUREMENTS WHERE region = 'west'"), (Rows{{s("cpu")}}));
  EXPECT_EQ(rows("SHOW MEASUREMENTS LIMIT 1 OFFSET 1"), (Rows{{s("mem")}}));
  EXPECT_TRUE(ok("SHOW MEASUREMENTS WHERE host = 'zzz'").series.empty());
}

TEST_F(ShowExecutorTest, TagKeysPerMeasurement) {
  EXPECT_EQ(ok("SHOW TAG KEYS").series,
            (std::vector<ResultSeries>{{"cpu", {}, {"tagKey"}, {{s("host")}, {s("region")}}},
                                       {"mem", {}, {"tagKey"}, {{s("host")}}}}));
  EXPECT_EQ(ok("SHOW TAG KEYS FROM mem").series.size(), 1u);
}

TEST_F(ShowExecutorTest, TagValuesWithKey) {
  EXPECT_EQ(ok("SHOW TAG VALUES FROM cpu WITH KEY = host").series,
            (std::vector<ResultSeries>{{"cpu", {}, {"key", "value"}, {{s("host"), s("a")}, {s("host"), s("b")}}}}));
  EXPECT_EQ(rows("SHOW TAG VALUES FROM cpu WITH KEY IN (host, region) WHERE host = 'b'"),
            (Rows{{s("host"), s("b")}, {s("region"), s("west")}}));
  EXPECT_EQ(rows("SHOW TAG VALUES WITH KEY =~ /reg/"),
            (Rows{{s("region"), s("east")}, {s("region"), s("west")}}));
}

TEST_F(ShowExecutorTest, FieldKeysWithInfluxTypeNames) {
  EXPECT_EQ(ok("SHOW FIELD KEYS").series,
            (std::vector<ResultSeries>{
                {"cpu", {}, {"fieldKey", "fieldType"}, {{s("note"), s("string")}, {s("usage"), s("float")}}},
                {"mem", {}, {"fieldKey", "fieldType"}, {{s("free"), s("integer")}}}}));
}

TEST_F(ShowExecutorTest, SeriesKeysAndCardinality) {
  EXPECT_EQ(ok("SHOW SERIES").series,
            (std::vector<ResultSeries>{
                {"", {}, {"key"}, {{s("cpu,host=a,region=east")}, {s("cpu,host=b,region=west")}, {s("mem,host=a")}}}}));
  EXPECT_EQ(rows("SHOW SERIES FROM cpu WHERE host = 'a'"), (Rows{{s("cpu,host=a,region=east")}}));
  EXPECT_EQ(ok("SHOW SERIES CARDINALITY").series,
            (std::vector<ResultSeries>{{"", {}, {"cardinality estimation"}, {{i(3)}}}}));
  EXPECT_EQ(ok("SHOW SERIES CARDINALITY FROM cpu").series,
            (std::vector<ResultSeries>{{"cpu", {}, {"count"}, {{i(2)}}}}));
}

}  // namespace
}  // namespace strata::query
