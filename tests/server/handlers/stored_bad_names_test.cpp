// A data directory that already holds names the ingest check now refuses (invalid UTF-8,
// NUL), as the versions before it stored them: it must still open, and every SHOW and
// SELECT answer must be valid JSON (or valid CSV), the bad bytes replaced by U+FFFD and
// the NUL escaped (docs/http-api.md "Text in answers").
//
// tests/data/legacy_names/data was written once, at commit 36badba (before the check),
// through Tenant::write into tenant `default`: measurement "\xff\xfe" with tag "\xc3("="a"
// and field v=1 at 1 s, flushed to a segment; then, only in the WAL, "m2" with tag
// t="\xed\xa0\x80" and field "\xc0\xaf"=2 at 2 s, "nul\0name" with t="x\0y" and v=3 at 3 s,
// and "m3" with string s="cut \xe2\x82" at 4 s.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/server/handler_fixture.h"
#include "tests/support/utf8_reference.h"

namespace strata::server {
namespace {

namespace json = boost::json;

const std::string kFffd = "\xEF\xBF\xBD";

class StoredBadNamesTest : public HandlerTest {
 protected:
  // Opens a copy of the kept directory instead of HandlerTest's new, empty one.
  void SetUp() override {
    std::filesystem::copy(std::string(STRATA_SOURCE_DIR) + "/tests/data/legacy_names/data", directory_.path(),
                          std::filesystem::copy_options::recursive);
    EngineOptions engine_options;
    engine_options.data_directory = directory_.path();
    engine_options.flush_on_close = false;  // leave the copy as it was
    auto opened = Engine::open(engine_options);
    ASSERT_TRUE(opened.has_value()) << opened.error().to_string();
    engine_ = std::move(*opened);
    metrics_ = std::make_unique<ServerMetrics>(*engine_);
    context_ = std::make_unique<ServerContext>(*engine_, options_, *metrics_);
  }

  // The answer to a GET of `target`, or a POST of `body` to it, parsed; fails the test
  // when it is not JSON. A chunked answer is one JSON object per line: the last is returned.
  json::value json_answer(const std::string& target, const std::string& body = {}) {
    const Response response = body.empty() ? call(http::verb::get, target) : call(http::verb::post, target, body);
    EXPECT_EQ(response.result(), http::status::ok) << target << body;
    std::string_view text = response.body();
    json::value value;
    while (!text.empty()) {
      const size_t end = std::min(text.find('\n'), text.size());
      boost::system::error_code error;
      value = json::parse(text.substr(0, end), error);
      EXPECT_FALSE(error) << target << body << ": " << error.message() << " in " << response.body();
      text.remove_prefix(std::min(end + 1, text.size()));
    }
    return value;
  }

  static std::string query_target(const std::string& statement) {
    std::string target = "/query?db=default&epoch=s&q=";
    for (char byte : statement) {
      if (std::isalnum(static_cast<unsigned char>(byte))) {
        target += byte;
      } else {
        static constexpr char kHex[] = "0123456789ABCDEF";
        target += '%';
        target += kHex[static_cast<unsigned char>(byte) >> 4];
        target += kHex[byte & 0xF];
      }
    }
    return target;
  }
};

const std::vector<std::string> kStatements = {"SHOW MEASUREMENTS",
                                              "SHOW TAG KEYS",
                                              "SHOW FIELD KEYS",
                                              "SHOW SERIES",
                                              "SHOW TAG VALUES WITH KEY =~ /.*/",
                                              "SELECT * FROM /.*/"};

TEST_F(StoredBadNamesTest, EveryAnswerIsValidJson) {
  for (const std::string& statement : kStatements) {
    SCOPED_TRACE(statement);
    json_answer(query_target(statement));
    json_answer(query_target(statement) + "&chunked=true&chunk_size=1");
    json_answer("/api/v1/query", json::serialize(json::object{{"sql", statement}, {"epoch", "s"}}));
    const Response csv = call(http::verb::post, "/api/v1/query",
                              json::serialize(json::object{{"sql", statement}, {"format", "csv"}}));
    EXPECT_EQ(csv.result(), http::status::ok);
    EXPECT_TRUE(testing::is_valid_utf8_reference(csv.body())) << csv.body();
    EXPECT_TRUE(testing::read_csv(csv.body()).has_value()) << csv.body();
  }
}

TEST_F(StoredBadNamesTest, EveryPointIsStillRead) {
  const json::value answer = json_answer(query_target("SELECT * FROM /.*/"));
  std::vector<int64_t> times;
  for (const json::value& series : answer.at("results").at(0).at("series").as_array()) {
    for (const json::value& row : series.at("values").as_array()) times.push_back(row.at(0).to_number<int64_t>());
  }
  std::sort(times.begin(), times.end());
  EXPECT_EQ(times, (std::vector<int64_t>{1, 2, 3, 4}));
}

TEST_F(StoredBadNamesTest, BadBytesAreReplacedAndNulIsEscaped) {
  const json::value answer = json_answer(query_target("SHOW MEASUREMENTS"));
  std::vector<std::string> names;
  for (const json::value& row : answer.at("results").at(0).at("series").at(0).at("values").as_array()) {
    names.emplace_back(row.at(0).as_string());
  }
  // Sorted by their stored bytes: "m2" < "m3" < "nul\0name" < "\xff\xfe".
  EXPECT_EQ(names, (std::vector<std::string>{"m2", "m3", std::string("nul\0name", 8), kFffd + kFffd}));

  const json::value tags = json_answer(query_target("SHOW TAG VALUES FROM m2 WITH KEY = t"));
  // ED A0 80: A0 cannot follow ED, so each of the three bytes is its own subpart.
  EXPECT_EQ(std::string_view(tags.at("results").at(0).at("series").at(0).at("values").at(0).at(1).as_string()),
            kFffd + kFffd + kFffd);

  const json::value fields = json_answer(query_target("SHOW FIELD KEYS FROM m2"));
  EXPECT_EQ(std::string_view(fields.at("results").at(0).at("series").at(0).at("values").at(0).at(0).as_string()),
            kFffd + kFffd);

  const json::value cut = json_answer(query_target("SELECT s FROM m3"));
  EXPECT_EQ(std::string_view(cut.at("results").at(0).at("series").at(0).at("values").at(0).at(1).as_string()),
            "cut " + kFffd);
}

}  // namespace
}  // namespace strata::server
