// Text that is not UTF-8, or a name holding a control character, on every write path
// (/write, /api/v2/write, /api/v1/write) through the router over a real engine: each class
// of bad text in each part of a point is a 400 naming the line and the place, and the good
// points of the same body are stored (docs/line-protocol.md "Names and UTF-8").
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "tests/server/handler_fixture.h"
#include "tests/support/tenant_reader.h"

namespace strata::server {
namespace {

namespace json = boost::json;

struct BadText {
  const char* description;
  std::string bytes;       // as sent in line protocol, and raw in a JSON string
  std::string json_bytes;  // as written inside a JSON string (controls must be escaped)
  std::string problem;     // the start of the message
  bool is_valid_string_value;
};

const std::vector<BadText>& bad_texts() {
  static const std::vector<BadText> texts = {
      {"invalid start byte", "\xff\xfe", "\xff\xfe", "invalid UTF-8", false},
      {"truncated sequence", "\xe2\x82", "\xe2\x82", "invalid UTF-8", false},
      {"overlong form", "\xc0\xaf", "\xc0\xaf", "invalid UTF-8", false},
      {"UTF-16 surrogate", "\xed\xa0\x80", "\xed\xa0\x80", "invalid UTF-8", false},
      {"past U+10FFFF", "\xf4\x90\x80\x80", "\xf4\x90\x80\x80", "invalid UTF-8", false},
      {"NUL", std::string(1, '\0'), "\\u0000", "control character U+0000", true},
      {"escape control", "\x1b", "\\u001b", "control character U+001B", true},
      {"DEL", "\x7f", "\x7f", "control character U+007F", true},
  };
  return texts;
}

enum class Part { kMeasurement, kTagKey, kTagValue, kFieldKey, kStringValue };

struct Placement {
  const char* name;
  Part part;
  std::string what;  // as the message names the part
  size_t column;     // of the bad byte in the line protocol line
};

const std::vector<Placement>& placements() {
  static const std::vector<Placement> all = {
      {"measurement", Part::kMeasurement, "measurement", 2},           // m<X>,k=a f=1i,s="x" 2
      {"tag key", Part::kTagKey, "tag key", 4},                        // m,k<X>=a f=1i,s="x" 2
      {"tag value", Part::kTagValue, "value of tag 'k'", 6},           // m,k=a<X> f=1i,s="x" 2
      {"field key", Part::kFieldKey, "field key", 8},                  // m,k=a f<X>=1i,s="x" 2
      {"string value", Part::kStringValue, "string value of field 's'", 16},  // m,k=a f=1i,s="x<X>" 2
  };
  return all;
}

// The point with `text` placed in `part`, as a line protocol line (timestamp 2 s).
std::string bad_line(Part part, const std::string& text) {
  const auto in = [&](Part here) { return part == here ? text : std::string(); };
  return "m" + in(Part::kMeasurement) + ",k" + in(Part::kTagKey) + "=a" +
         in(Part::kTagValue) + " f" + in(Part::kFieldKey) + "=1i,s=\"x" + in(Part::kStringValue) + "\" 2";
}

// The same point as a JSON element; `text` is already in JSON string form.
std::string bad_element(Part part, const std::string& text) {
  const auto in = [&](Part here) { return part == here ? text : std::string(); };
  return R"({"measurement":"m)" + in(Part::kMeasurement) + R"(","tags":{"k)" + in(Part::kTagKey) + R"(":"a)" +
         in(Part::kTagValue) + R"("},"fields":{"f)" + in(Part::kFieldKey) + R"(":{"int":1},"s":"x)" +
         in(Part::kStringValue) + R"("},"timestamp":2})";
}

class WriteRequestUtf8Test : public HandlerTest {
 protected:
  std::vector<std::pair<int64_t, double>> stored(const std::string& measurement) {
    return testing::read_floats(*engine_->tenant("default").value(), measurement, {}, "v");
  }

  // Checks a 400 that rejected line 2 alone with `message`, and kept lines 1 and 3.
  void expect_rejected_line_two(const Response& response, const std::string& message, const std::string& good) {
    ASSERT_EQ(response.result(), http::status::bad_request) << response.body();
    boost::system::error_code error;
    const json::value body = json::parse(response.body(), error);
    ASSERT_FALSE(error) << response.body();
    EXPECT_EQ(body.at("points_written").to_number<int64_t>(), 2) << response.body();
    EXPECT_EQ(body.at("points_rejected").to_number<int64_t>(), 1) << response.body();
    const json::array& lines = body.at("line_errors").as_array();
    ASSERT_EQ(lines.size(), 1u) << response.body();
    EXPECT_EQ(lines[0].at("line").to_number<int64_t>(), 2);
    EXPECT_EQ(std::string_view(lines[0].at("message").as_string()), message);
    EXPECT_EQ(stored(good), (std::vector<std::pair<int64_t, double>>{{1'000'000'000, 1}, {3'000'000'000, 3}}));
  }
};

TEST_F(WriteRequestUtf8Test, LineProtocolRejectsTheBadLineOnBothEndpoints) {
  int case_number = 0;
  for (const char* endpoint : {"/write?db=default&precision=s", "/api/v2/write?bucket=default&precision=s"}) {
    for (const BadText& text : bad_texts()) {
      for (const Placement& placement : placements()) {
        if (placement.part == Part::kStringValue && text.is_valid_string_value) continue;
        SCOPED_TRACE(std::string(endpoint) + ": " + text.description + " in " + placement.name);
        const std::string good = "ok" + std::to_string(case_number++);
        const std::string body = good + " v=1 1\n" + bad_line(placement.part, text.bytes) + "\n" + good + " v=3 3\n";
        const std::string message =
            text.problem + " in " + placement.what + " at column " + std::to_string(placement.column);
        expect_rejected_line_two(call(http::verb::post, endpoint, body), message, good);
      }
    }
  }
}

TEST_F(WriteRequestUtf8Test, JsonBatchRejectsTheBadElement) {
  int case_number = 0;
  for (const BadText& text : bad_texts()) {
    for (const Placement& placement : placements()) {
      if (placement.part == Part::kStringValue && text.is_valid_string_value) continue;
      SCOPED_TRACE(std::string(text.description) + " in " + placement.name);
      const std::string good = "ok" + std::to_string(case_number++);
      const auto good_element = [&](int seconds) {
        return R"({"measurement":")" + good + R"(","fields":{"v":)" + std::to_string(seconds) +
               R"(},"timestamp":)" + std::to_string(seconds) + "}";
      };
      const std::string body =
          "[" + good_element(1) + "," + bad_element(placement.part, text.json_bytes) + "," + good_element(3) + "]";
      // JSON names have no column: the message gives the byte in the text, here the second.
      const std::string message = text.problem + " in " + placement.what + " at byte 2";
      expect_rejected_line_two(call(http::verb::post, "/api/v1/write?db=default&precision=s", body), message, good);
    }
  }
}

// NUL and control characters are allowed in string field values, and come back intact.
TEST_F(WriteRequestUtf8Test, StringValuesKeepControlCharactersIntact) {
  const std::string value("a\0b\x1b\x7f\tc", 7);
  ASSERT_EQ(call(http::verb::post, "/write?db=default&precision=s", "m s=\"" + value + "\" 1").result(),
            http::status::no_content);
  ASSERT_EQ(call(http::verb::post, "/api/v1/write?db=default&precision=s",
                 R"([{"measurement":"j","fields":{"s":"a\u0000b\u001b)" "\x7f" R"(\tc"},"timestamp":1}])")
                .result(),
            http::status::no_content);
  for (const char* measurement : {"m", "j"}) {
    const Response answer =
        call(http::verb::get, std::string("/query?db=default&epoch=s&q=SELECT+s+FROM+") + measurement);
    ASSERT_EQ(answer.result(), http::status::ok);
    const json::value body = json::parse(answer.body());
    EXPECT_EQ(std::string_view(body.at("results").at(0).at("series").at(0).at("values").at(0).at(1).as_string()), value)
        << answer.body();
  }
}

// A bad name quoted in another message (here the tag key lacks its '=') must not carry its
// bytes into the JSON error body.
TEST_F(WriteRequestUtf8Test, MessagesQuotingBadBytesAreValidJson) {
  const Response response = call(http::verb::post, "/write?db=default", "m,k\xff\xfe v=1 1\n");
  ASSERT_EQ(response.result(), http::status::bad_request);
  boost::system::error_code error;
  const json::value body = json::parse(response.body(), error);
  ASSERT_FALSE(error) << response.body();
  EXPECT_EQ(std::string_view(body.at("line_errors").at(0).at("message").as_string()),
            "missing '=' after tag key 'k?" "?' at column 6");
}

}  // namespace
}  // namespace strata::server
