// parse_json_batch: JSON points, whole-body failures, per-element rejections and limits.
#include "server/ingest/json_batch_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/server/ingest/batch_points.h"

namespace strata::server {
namespace {

using testing::OwnedPoint;
using testing::points_of;

constexpr int64_t kDefaultTimestampNs = 1'700'000'000'000'000'000;

class JsonBatchParserTest : public ::testing::Test {
 protected:
  Result<ParseReport> parse(std::string_view body, Precision precision = Precision::kNanoseconds) {
    return parse_json_batch(body, limits_, precision, kDefaultTimestampNs, batch_);
  }
  // The message of the single element in `body`, which must be rejected.
  std::string rejection_of(std::string_view element) {
    const Result<ParseReport> report = parse("[" + std::string(element) + "]");
    EXPECT_TRUE(report.has_value()) << report.status().to_string();
    if (!report.has_value() || report->errors.size() != 1) return "(not rejected)";
    EXPECT_EQ(report->errors[0].line_number, 1u);
    return report->errors[0].message;
  }

  IngestLimits limits_;
  WriteBatch batch_;
};

TEST_F(JsonBatchParserTest, AppendsEveryValueType) {
  const Result<ParseReport> report = parse(R"([{
      "measurement": "cpu", "tags": {"host": "a", "zone": "b"},
      "fields": {"f": 1.5, "n": 2, "i": {"int": -3}, "u": {"uint": 18446744073709551615},
                 "b": true, "s": "text"},
      "timestamp": 1000}])");
  ASSERT_TRUE(report.has_value()) << report.status().to_string();
  EXPECT_EQ(report->points, 1u);
  EXPECT_EQ(report->lines_rejected, 0u);
  const OwnedPoint expected{"cpu",
                            {{"host", "a"}, {"zone", "b"}},
                            {{"f", 1.5}, {"n", 2.0}, {"i", int64_t{-3}}, {"u", UINT64_MAX}, {"b", true},
                             {"s", std::string("text")}},
                            1000};
  EXPECT_EQ(points_of(batch_), std::vector<OwnedPoint>{expected});
  EXPECT_TRUE(batch_.point(0).raw_series.empty());
}

TEST_F(JsonBatchParserTest, TimestampIsOptionalAndScaledByPrecision) {
  const Result<ParseReport> report =
      parse(R"([{"measurement": "m", "fields": {"v": 1}}, {"measurement": "m", "fields": {"v": 2}, "timestamp": -3}])",
            Precision::kSeconds);
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->points, 2u);
  EXPECT_EQ(batch_.point(0).timestamp_ns, kDefaultTimestampNs);
  EXPECT_EQ(batch_.point(1).timestamp_ns, -3'000'000'000);
}

TEST_F(JsonBatchParserTest, BodyThatIsNotAnArrayFailsWhole) {
  const struct {
    const char* body;
    const char* message;
  } cases[] = {
      {"[1,2", "invalid json at offset 4: incomplete json"},
      {"[1,,2]", "invalid json at offset 3: syntax error"},
      {"[] x", "invalid json at offset 3: extra data"},
      {"", "invalid json at offset 0"},
      {R"({"measurement": "m"})", "json body must be an array of points, got object"},
      {"null", "json body must be an array of points, got null"},
  };
  for (const auto& test_case : cases) {
    const Result<ParseReport> report = parse(test_case.body);
    ASSERT_FALSE(report.has_value()) << test_case.body;
    EXPECT_EQ(report.error().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(std::string(report.error().message()).find(test_case.message), std::string::npos)
        << report.error().message();
  }
  EXPECT_TRUE(batch_.empty());
}

TEST_F(JsonBatchParserTest, RejectsBadElementsOneByOne) {
  const struct {
    const char* element;
    const char* message;
  } cases[] = {
      {"5", "point must be an object, got number"},
      {R"({"fields": {"v": 1}})", "missing measurement"},
      {R"({"measurement": "", "fields": {"v": 1}})", "measurement must be a non-empty string"},
      {R"({"measurement": 5, "fields": {"v": 1}})", "measurement must be a non-empty string"},
      {R"({"measurement": "m"})", "missing fields"},
      {R"({"measurement": "m", "fields": {}})", "fields must be an object with at least one field"},
      {R"({"measurement": "m", "fields": [1]})", "fields must be an object with at least one field"},
      {R"({"measurement": "m", "fields": {"v": null}})", "field 'v' has unsupported value type null"},
      {R"({"measurement": "m", "fields": {"v": [1]}})", "field 'v' has unsupported value type array"},
      {R"({"measurement": "m", "fields": {"v": 1e400}})", "field 'v': number out of range"},
      {R"({"measurement": "m", "fields": {"v": {"int": 1.5}}})", "field 'v': {\"int\": n} needs an integer"},
      {R"({"measurement": "m", "fields": {"v": {"int": 9223372036854775808}}})", "in int64 range"},
      {R"({"measurement": "m", "fields": {"v": {"uint": -1}}})", "field 'v': {\"uint\": n} needs an integer"},
      {R"({"measurement": "m", "fields": {"v": {"float": 1}}})", "unknown value type 'float', expected int or uint"},
      {R"({"measurement": "m", "fields": {"v": {"int": 1, "uint": 1}}})", "must be {\"int\": n} or {\"uint\": n}"},
      {R"({"measurement": "m", "fields": {"": 1}})", "empty field key"},
      {R"({"measurement": "m", "tags": ["a"], "fields": {"v": 1}})", "tags must be an object of strings"},
      {R"({"measurement": "m", "tags": {"a": 1}, "fields": {"v": 1}})", "tag 'a' must be a string, got number"},
      {R"({"measurement": "m", "tags": {"a": ""}, "fields": {"v": 1}})", "empty value for tag 'a'"},
      {R"({"measurement": "m", "tags": {"": "x"}, "fields": {"v": 1}})", "empty tag key"},
      {R"({"measurement": "m", "fields": {"v": 1}, "timestamp": 1.5})", "timestamp must be an integer in int64 range, got 1.5E0"},
      {R"({"measurement": "m", "fields": {"v": 1}, "timestamp": "5"})", "timestamp must be an integer in int64 range, got string"},
      {R"({"measurement": "m", "fields": {"v": 1}, "timestamp": 18446744073709551615})", "in int64 range"},
      {R"({"measurement": "m", "fields": {"v": 1}, "time": 5})", "unknown member 'time'"},
  };
  for (const auto& test_case : cases) {
    EXPECT_NE(rejection_of(test_case.element).find(test_case.message), std::string::npos)
        << test_case.element << "\n got: " << rejection_of(test_case.element);
  }
  EXPECT_TRUE(batch_.empty());
}

TEST_F(JsonBatchParserTest, TimestampOverflowAfterScalingIsRejected) {
  const Result<ParseReport> report =
      parse(R"([{"measurement": "m", "fields": {"v": 1}, "timestamp": 2562048}])", Precision::kHours);
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].message, "timestamp 2562048 out of range for precision h");
}

TEST_F(JsonBatchParserTest, KeepsGoodElementsAndNumbersBadOnesByIndex) {
  std::string body = "[";
  for (int i = 1; i <= 25; ++i) {
    if (i > 1) body += ",";
    body += i % 5 == 0 ? R"({"measurement": "m"})"
                       : R"({"measurement": "m", "fields": {"v": )" + std::to_string(i) + "}}";
  }
  body += "]";
  const Result<ParseReport> report = parse(body);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->points, 20u);
  EXPECT_EQ(report->lines_rejected, 5u);
  ASSERT_EQ(report->errors.size(), 5u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(report->errors[i].line_number, 5 * (i + 1));
  ASSERT_EQ(batch_.point_count(), 20u);
  EXPECT_EQ(std::get<double>(batch_.point(4).fields[0].value), 6.0);
}

TEST_F(JsonBatchParserTest, EnforcesIngestLimits) {
  limits_.max_tags_per_point = 1;
  limits_.max_fields_per_point = 1;
  limits_.max_key_bytes = 3;
  limits_.max_value_bytes = 2;
  EXPECT_EQ(rejection_of(R"({"measurement": "m", "tags": {"a": "x", "b": "y"}, "fields": {"v": 1}})"),
            "point has 2 tags, limit is 1");
  EXPECT_EQ(rejection_of(R"({"measurement": "m", "fields": {"v": 1, "w": 2}})"), "point has 2 fields, limit is 1");
  EXPECT_EQ(rejection_of(R"({"measurement": "mmmm", "fields": {"v": 1}})"), "measurement is 4 bytes, limit is 3");
  EXPECT_EQ(rejection_of(R"({"measurement": "m", "tags": {"kkkk": "x"}, "fields": {"v": 1}})"),
            "tag key 'kkkk' is 4 bytes, limit is 3");
  EXPECT_EQ(rejection_of(R"({"measurement": "m", "tags": {"k": "xxx"}, "fields": {"v": 1}})"),
            "value of tag 'k' is 3 bytes, limit is 2");
  EXPECT_EQ(rejection_of(R"({"measurement": "m", "fields": {"vvvv": 1}})"), "field key 'vvvv' is 4 bytes, limit is 3");
  EXPECT_EQ(rejection_of(R"({"measurement": "m", "fields": {"v": "sss"}})"),
            "string value of field 'v' is 3 bytes, limit is 2");
}

TEST_F(JsonBatchParserTest, EmptyArrayIsAnEmptyReport) {
  const Result<ParseReport> report = parse(" [ ] ");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->points, 0u);
  EXPECT_EQ(report->lines_rejected, 0u);
}

// Names and strings after JSON's escapes are decoded (docs/line-protocol.md "Names and
// UTF-8"): raw bytes that are not UTF-8 cost only their element; an escaped NUL is a NUL.
TEST_F(JsonBatchParserTest, BadTextRejectsOnlyItsElement) {
  EXPECT_EQ(rejection_of(R"({"measurement":"m\u0000x","fields":{"v":1}})"),
            "control character U+0000 in measurement at byte 2");
  EXPECT_EQ(rejection_of("{\"measurement\":\"m\",\"tags\":{\"host\":\"ab\xed\xa0\x80\"},\"fields\":{\"v\":1}}"),
            "invalid UTF-8 in value of tag 'host' at byte 3");
  EXPECT_EQ(rejection_of("{\"measurement\":\"m\",\"fields\":{\"s\":\"\xc0\xaf\"}}"),
            "invalid UTF-8 in string value of field 's' at byte 1");
  batch_.clear();
  const Result<ParseReport> report =
      parse("[{\"measurement\":\"\xff\",\"fields\":{\"v\":1}},"
            R"({"measurement":"ok","fields":{"s":"a\u0000\u001b"}}])");
  ASSERT_TRUE(report.has_value()) << report.status().to_string();
  EXPECT_EQ(report->lines_rejected, 1u);
  EXPECT_EQ(points_of(batch_),
            (std::vector<OwnedPoint>{{"ok", {}, {{"s", std::string("a\0\x1b", 3)}}, kDefaultTimestampNs}}));
}

// Boost.JSON takes an escaped lone surrogate for a syntax error, so such a body fails whole.
TEST_F(JsonBatchParserTest, EscapedLoneSurrogateFailsTheWholeBody) {
  const Result<ParseReport> report = parse(R"([{"measurement":"\ud800","fields":{"v":1}}])");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(batch_.empty());
}

}  // namespace
}  // namespace strata::server
