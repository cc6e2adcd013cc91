// Columnar JSON for /api/v1/query: every series as name, tags and one array per column
// (expected strings written by hand from the shape in docs/http-api.md).
#include "query/encoders/columnar_json_encoder.h"

#include <gtest/gtest.h>

namespace strata::query {
namespace {

TEST(ColumnarJsonEncoderTest, EachColumnIsAnArrayOfItsValues) {
  StatementResult result;
  result.series.push_back(ResultSeries{"cpu", {{"host", "a"}}, {"time", "usage", "up"},
                                       {{Value{Timestamp{1'000'000'000}}, Value{1.5}, Value{true}},
                                        {Value{Timestamp{2'500'000'000}}, Value{}, Value{int64_t{7}}}}});
  EXPECT_EQ(encode_columnar_json(std::vector<StatementResult>{result}, TimeFormat::kRfc3339),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":{)"
            R"("time":["1970-01-01T00:00:01Z","1970-01-01T00:00:02.5Z"],"usage":[1.5,null],"up":[true,7]}}]}]})");
  EXPECT_EQ(encode_columnar_json(std::vector<StatementResult>{result}, TimeFormat::kMilliseconds),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":{)"
            R"("time":[1000,2500],"usage":[1.5,null],"up":[true,7]}}]}]})");
}

TEST(ColumnarJsonEncoderTest, EmptyStatementsAndTaglessSeriesKeepTheShape) {
  StatementResult measurements;
  measurements.series.push_back(ResultSeries{"measurements", {}, {"name"}, {{Value{std::string("cpu")}}}});
  EXPECT_EQ(encode_columnar_json(std::vector<StatementResult>{StatementResult{}, measurements}, TimeFormat::kRfc3339),
            R"({"results":[{"statement_id":0,"series":[]},{"statement_id":1,"series":[)"
            R"({"name":"measurements","tags":{},"columns":{"name":["cpu"]}}]}]})");
}

}  // namespace
}  // namespace strata::query
