// The /query JSON: shapes, omitted members, time formats and number text as InfluxDB 1.x
// writes them (expected strings written by hand from InfluxDB's documented answers).
#include "query/encoders/influx_json_encoder.h"

#include <gtest/gtest.h>

#include "query/encoders/json_writer.h"

namespace strata::query {
namespace {

std::string encode(std::vector<Result<StatementResult>> results, TimeFormat format = TimeFormat::kRfc3339,
                   bool pretty = false) {
  return encode_influx_json(results, format, pretty);
}

StatementResult one_series() {
  StatementResult result;
  result.series.push_back(ResultSeries{"cpu", {{"host", "a"}}, {"time", "v"},
                                       {{Value{Timestamp{1'500'000'000}}, Value{2.5}},
                                        {Value{Timestamp{3'000'000'000}}, Value{}}}});
  return result;
}

TEST(InfluxJsonEncoderTest, SeriesWithTagsAndRfc3339Times) {
  EXPECT_EQ(encode({one_series()}),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],)"
            R"("values":[["1970-01-01T00:00:01.5Z",2.5],["1970-01-01T00:00:03Z",null]]}]}]})");
}

TEST(InfluxJsonEncoderTest, EpochTimesTruncateToTheUnit) {
  EXPECT_EQ(encode({one_series()}, TimeFormat::kSeconds),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],)"
            R"("values":[[1,2.5],[3,null]]}]}]})");
  EXPECT_EQ(parse_time_format("ms").value(), TimeFormat::kMilliseconds);
  EXPECT_EQ(parse_time_format("ns").value(), TimeFormat::kNanoseconds);
  EXPECT_EQ(parse_time_format("").value(), TimeFormat::kRfc3339);
  EXPECT_EQ(parse_time_format("days").status().code(), StatusCode::kInvalidArgument);
}

TEST(InfluxJsonEncoderTest, EmptyResultsErrorsAndNamelessSeries) {
  StatementResult nameless;
  nameless.series.push_back(ResultSeries{"", {}, {"key"}, {{Value{std::string("cpu,host=a")}}}});
  EXPECT_EQ(encode({StatementResult{}, Status::invalid_argument("database not found: x"), nameless}),
            R"({"results":[{"statement_id":0},{"statement_id":1,"error":"database not found: x"},)"
            R"({"statement_id":2,"series":[{"columns":["key"],"values":[["cpu,host=a"]]}]}]})");
}

TEST(InfluxJsonEncoderTest, PrettyIndentsWithFourSpaces) {
  EXPECT_EQ(encode({StatementResult{}}, TimeFormat::kRfc3339, true),
            "{\n    \"results\": [\n        {\n            \"statement_id\": 0\n        }\n    ]\n}");
}

// Pieces of a chunked answer, in order, until the encoder says it is done.
std::vector<std::string> chunks(const std::vector<Result<StatementResult>>& results, size_t chunk_size) {
  InfluxJsonChunks encoder(results, TimeFormat::kSeconds, false, chunk_size);
  std::vector<std::string> pieces;
  while (auto piece = encoder.next()) pieces.push_back(std::move(*piece));
  return pieces;
}

ResultSeries series_of(std::string host, std::vector<int64_t> seconds) {
  ResultSeries series{"cpu", {{"host", std::move(host)}}, {"time", "v"}, {}};
  for (int64_t second : seconds) {
    series.values.push_back({Value{Timestamp{second * 1'000'000'000}}, Value{static_cast<double>(second)}});
  }
  return series;
}

TEST(InfluxJsonChunksTest, SplitsSeriesIntoChunkSizeRowsMarkingWhatContinues) {
  StatementResult result;
  result.series = {series_of("a", {1, 2, 3}), series_of("b", {4})};
  // InfluxDB's emitter: a cut series is "partial", and so is every piece of the statement
  // but its last; each piece is a whole response followed by a newline.
  EXPECT_EQ(chunks({result}, 2),
            (std::vector<std::string>{
                R"({"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],)"
                R"("values":[[1,1],[2,2]],"partial":true}],"partial":true}]})"
                "\n",
                R"({"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],)"
                R"("values":[[3,3]]}],"partial":true}]})"
                "\n",
                R"({"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"b"},"columns":["time","v"],)"
                R"("values":[[4,4]]}]}]})"
                "\n"}));
}

TEST(InfluxJsonChunksTest, ErrorsAndEmptyStatementsAreOnePieceEach) {
  StatementResult result;
  result.series = {series_of("a", {1, 2})};
  EXPECT_EQ(chunks({Status::invalid_argument("bad"), StatementResult{}, result}, 2),
            (std::vector<std::string>{
                "{\"results\":[{\"statement_id\":0,\"error\":\"bad\"}]}\n",
                "{\"results\":[{\"statement_id\":1}]}\n",
                R"({"results":[{"statement_id":2,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],)"
                R"("values":[[1,1],[2,2]]}]}]})"
                "\n"}));
  EXPECT_TRUE(chunks({}, 5).empty());
}

TEST(JsonWriterTest, NumbersReadAsGoWritesThem) {
  auto text = [](double value) {
    JsonWriter writer;
    writer.number(value);
    return writer.take();
  };
  EXPECT_EQ(text(1.0), "1");
  EXPECT_EQ(text(-2.5), "-2.5");
  EXPECT_EQ(text(0.1), "0.1");
  EXPECT_EQ(text(1e20), "100000000000000000000");
  EXPECT_EQ(text(1e21), "1e+21");
  EXPECT_EQ(text(1e-7), "1e-7");
  EXPECT_EQ(text(-3e-8), "-3e-8");
  EXPECT_EQ(text(1.5e-10), "1.5e-10");
  EXPECT_EQ(text(0.000001), "0.000001");
  EXPECT_EQ(text(std::numeric_limits<double>::quiet_NaN()), "null");
}

TEST(JsonWriterTest, StringsEscapeLikeGo) {
  JsonWriter writer;
  writer.string("a\"b\\c\n<&>\x01");
  EXPECT_EQ(writer.take(), R"("a\"b\\c\n\u003c\u0026\u003e\u0001")");
}

}  // namespace
}  // namespace strata::query
