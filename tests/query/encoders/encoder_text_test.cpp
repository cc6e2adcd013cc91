// Every encoder given text that is not UTF-8 or holds control characters, as names stored
// before ingest checked them are: every byte value alone, every pair, and runs, as series
// name, tag key and value, column name and string cell. Each answer must parse with a real
// JSON parser (Boost.JSON, which also rejects invalid UTF-8) or read back as well-quoted
// CSV of valid UTF-8; a lone byte must come back as itself when ASCII, else as U+FFFD.
#include <gtest/gtest.h>

#include <string>
#include <vector>

// Boost.JSON's compiled part, in this one file: this test binary does not link Boost::json.
#include <boost/json/src.hpp>

#include "query/encoders/columnar_json_encoder.h"
#include "query/encoders/csv_encoder.h"
#include "query/encoders/influx_json_encoder.h"
#include "tests/support/utf8_reference.h"

namespace strata::query {
namespace {

namespace json = boost::json;
using strata::testing::is_valid_utf8_reference;
using strata::testing::read_csv;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// The text in every place an encoder writes text.
StatementResult result_with(const std::string& text) {
  StatementResult result;
  result.series = {ResultSeries{text, {{text, text}}, {"time", text}, {{Value{Timestamp{0}}, Value{text}}}}};
  return result;
}

// What a JSON parser must read back: the text itself when valid, else only something valid.
void expect_text(const json::value& value, const std::string& text, const std::string& where) {
  ASSERT_TRUE(value.is_string()) << where;
  const std::string_view read(value.get_string());
  if (is_valid_utf8_reference(text)) {
    EXPECT_EQ(read, text) << where;
  } else {
    EXPECT_TRUE(is_valid_utf8_reference(read)) << where;
  }
  if (text.size() == 1) {
    EXPECT_EQ(read, static_cast<unsigned char>(text[0]) < 0x80 ? std::string_view(text) : kReplacement) << where;
  }
}

json::value parsed(const std::string& answer, const std::string& where) {
  boost::system::error_code error;
  json::value value = json::parse(answer, error);
  EXPECT_FALSE(error) << where << ": " << error.message() << " in " << answer;
  return value;
}

void check_influx_json(const std::string& text) {
  const std::vector<Result<StatementResult>> results = {result_with(text), Status::invalid_argument("bad " + text)};
  for (const bool pretty : {false, true}) {
    const json::value answer = parsed(encode_influx_json(results, TimeFormat::kSeconds, pretty), "influx json");
    if (!answer.is_object()) return;
    const json::object& series = answer.at("results").at(0).at("series").at(0).as_object();
    expect_text(series.at("name"), text, "influx name");
    ASSERT_EQ(series.at("tags").as_object().size(), 1u);
    const auto& [key, value] = *series.at("tags").as_object().begin();
    expect_text(json::string(key), text, "influx tag key");
    expect_text(value, text, "influx tag value");
    expect_text(series.at("columns").at(1), text, "influx column");
    expect_text(series.at("values").at(0).at(1), text, "influx cell");
    ASSERT_TRUE(answer.at("results").at(1).at("error").is_string());
  }
  InfluxJsonChunks chunks(results, TimeFormat::kSeconds, false, 1);
  while (const std::optional<std::string> piece = chunks.next()) parsed(*piece, "influx chunk");
}

void check_columnar_json(const std::string& text) {
  const std::vector<StatementResult> results = {result_with(text)};
  const json::value answer = parsed(encode_columnar_json(results, TimeFormat::kSeconds), "columnar json");
  if (!answer.is_object()) return;
  const json::object& series = answer.at("results").at(0).at("series").at(0).as_object();
  expect_text(series.at("name"), text, "columnar name");
  const json::object& columns = series.at("columns").as_object();
  ASSERT_EQ(columns.size(), 2u);
  const auto& [column, cells] = *(columns.begin() + 1);
  expect_text(json::string(column), text, "columnar column");
  expect_text(cells.at(0), text, "columnar cell");
}

void check_csv(const std::string& text) {
  const std::vector<StatementResult> results = {result_with(text)};
  const std::string answer = encode_csv(results, TimeFormat::kSeconds);
  ASSERT_TRUE(is_valid_utf8_reference(answer)) << answer;
  const auto rows = read_csv(answer);
  ASSERT_TRUE(rows.has_value()) << answer;
  ASSERT_EQ(rows->size(), 2u) << answer;
  ASSERT_EQ((*rows)[0].size(), 4u) << answer;
  ASSERT_EQ((*rows)[1].size(), 4u) << answer;
  if (is_valid_utf8_reference(text)) {
    EXPECT_EQ((*rows)[0][3], text);
    EXPECT_EQ((*rows)[1][0], text);
    EXPECT_EQ((*rows)[1][1], text + "=" + text);
    EXPECT_EQ((*rows)[1][3], text);
  }
}

void check_every_encoder(const std::string& text) {
  SCOPED_TRACE(::testing::PrintToString(text));
  check_influx_json(text);
  check_columnar_json(text);
  check_csv(text);
}

TEST(EncoderTextTest, EveryByteValueAloneGivesValidAnswers) {
  for (int byte = 0; byte < 256; ++byte) check_every_encoder(std::string(1, static_cast<char>(byte)));
}

TEST(EncoderTextTest, EveryPairOfBytesGivesValidAnswers) {
  for (int first = 0; first < 256; ++first) {
    for (int second = 0; second < 256; ++second) {
      const std::string text = {static_cast<char>(first), static_cast<char>(second)};
      // The JSON writer alone: the other encoders share it, and 65,536 texts through all
      // of them would make the test slow for nothing.
      JsonWriter writer;
      writer.begin_object();
      writer.key(text);
      writer.string(text);
      writer.end_object();
      const json::value answer = parsed(writer.text(), "pair");
      ASSERT_TRUE(answer.is_object());
      const auto& [key, value] = *answer.as_object().begin();
      expect_text(json::string(key), text, "pair key");
      expect_text(value, text, "pair value");
    }
  }
}

TEST(EncoderTextTest, RunsOfBadBytesAmongGoodTextGiveValidAnswers) {
  const std::vector<std::string> texts = {
      "\xff\xfe", "m2\xc3(", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "abc\xe2\x82", std::string(3, '\0'),
      "long plain ASCII run then \x80 and more plain text, then \xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80 and \x1f\x7f",
      "\"quoted,\ncomma\" \\ <&>", "\xef\xbf\xbd already a replacement"};
  for (const std::string& text : texts) check_every_encoder(text);
  // Every byte value in one text, in order and reversed.
  std::string all;
  for (int byte = 0; byte < 256; ++byte) all.push_back(static_cast<char>(byte));
  check_every_encoder(all);
  check_every_encoder(std::string(all.rbegin(), all.rend()));
}

TEST(EncoderTextTest, InvalidBytesBecomeOneReplacementPerMaximalSubpart) {
  JsonWriter writer;
  writer.string("a\xed\xa0\x80z\xe2\x82");
  // ED A0 80 is three subparts (A0 cannot follow ED); E2 82 is one cut sequence.
  EXPECT_EQ(writer.text(), "\"a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz\xEF\xBF\xBD\"");
  const std::vector<StatementResult> results = {
      StatementResult{{ResultSeries{"m\xff", {}, {"name"}, {{Value{std::string("\xc0\xaf")}}}}}, {}}};
  EXPECT_EQ(encode_csv(results, TimeFormat::kSeconds), "name,tags,name\nm\xEF\xBF\xBD,,\xEF\xBF\xBD\xEF\xBF\xBD\n");
}

TEST(EncoderTextTest, ControlCharactersInStringsComeBackIntact) {
  const std::string text("a\0b\x01\x1f\x7f\tc", 8);
  JsonWriter writer;
  writer.string(text);
  EXPECT_EQ(writer.text(), "\"a\\u0000b\\u0001\\u001f\x7f\\tc\"");
  EXPECT_EQ(parsed(writer.text(), "controls").as_string(), text);
}

}  // namespace
}  // namespace strata::query
