// CSV for /api/v1/query: the header row, tags as k=v, quoting as Go's encoding/csv, and
// how statements and column changes are separated (expected text written by hand).
#include "query/encoders/csv_encoder.h"

#include <gtest/gtest.h>

namespace strata::query {
namespace {

ResultSeries cpu(std::vector<std::pair<std::string, std::string>> tags, int64_t seconds, Value value) {
  return ResultSeries{"cpu", std::move(tags), {"time", "usage"}, {{Value{Timestamp{seconds * 1'000'000'000}}, value}}};
}

TEST(CsvEncoderTest, HeaderThenOneRowPerResultRow) {
  StatementResult result;
  result.series = {cpu({{"dc", "x"}, {"host", "a"}}, 1, Value{0.5}), cpu({}, 2, Value{})};
  EXPECT_EQ(encode_csv(std::vector<StatementResult>{result}, TimeFormat::kRfc3339),
            "name,tags,time,usage\n"
            "cpu,\"dc=x,host=a\",1970-01-01T00:00:01Z,0.5\n"
            "cpu,,1970-01-01T00:00:02Z,\n");
  EXPECT_EQ(encode_csv(std::vector<StatementResult>{result}, TimeFormat::kSeconds),
            "name,tags,time,usage\n"
            "cpu,\"dc=x,host=a\",1,0.5\n"
            "cpu,,2,\n");
}

TEST(CsvEncoderTest, QuotesLikeGoAndWritesValuesAsJsonText) {
  StatementResult result;
  result.series = {ResultSeries{"m", {}, {"s", "big", "flag", "count"},
                                {{Value{std::string("say \"hi\", ok")}, Value{1e21}, Value{false}, Value{uint64_t{9}}},
                                 {Value{std::string(" lead")}, Value{1e-7}, Value{true}, Value{int64_t{-3}}}}}};
  EXPECT_EQ(encode_csv(std::vector<StatementResult>{result}, TimeFormat::kRfc3339),
            "name,tags,s,big,flag,count\n"
            "m,,\"say \"\"hi\"\", ok\",1e+21,false,9\n"
            "m,,\" lead\",1e-7,true,-3\n");
}

TEST(CsvEncoderTest, NewHeaderWhenColumnsChangeAndBlankLineBetweenStatements) {
  StatementResult first;
  first.series = {cpu({}, 1, Value{1.0}), ResultSeries{"mem", {}, {"time", "free"}, {{Value{Timestamp{0}}, Value{2.0}}}}};
  StatementResult second;
  second.series = {ResultSeries{"measurements", {}, {"name"}, {{Value{std::string("cpu")}}}}};
  EXPECT_EQ(encode_csv(std::vector<StatementResult>{first, StatementResult{}, second}, TimeFormat::kSeconds),
            "name,tags,time,usage\n"
            "cpu,,1,1\n"
            "\n"
            "name,tags,time,free\n"
            "mem,,0,2\n"
            "\n"
            "name,tags,name\n"
            "measurements,,cpu\n");
}

}  // namespace
}  // namespace strata::query
