// LineProtocolParser: the grammar, one accepted form or one malformed line per table row
// (docs/line-protocol.md), then precision, limits, line numbering and partial writes.
// The random cross-check against a reference parser is line_protocol_differential_test.cpp.
#include "server/ingest/line_protocol_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/server/ingest/batch_points.h"

namespace strata::server {
namespace {

using testing::OwnedPoint;
using testing::points_of;

constexpr int64_t kDefaultTimestampNs = 1'700'000'000'123'456'789;

struct AcceptCase {
  const char* description;
  std::string input;
  std::vector<OwnedPoint> expected;
};

class LineProtocolParserTest : public ::testing::Test {
 protected:
  ParseReport parse(std::string_view body) { return parser_.parse(body, batch_); }

  LineProtocolParser parser_{IngestLimits{}, Precision::kNanoseconds, kDefaultTimestampNs};
  WriteBatch batch_;
};

OwnedPoint point(std::string measurement, std::vector<std::pair<std::string, std::string>> tags,
                 std::vector<std::pair<std::string, testing::OwnedValue>> fields,
                 int64_t timestamp_ns = kDefaultTimestampNs) {
  return OwnedPoint{std::move(measurement), std::move(tags), std::move(fields), timestamp_ns};
}

const std::vector<AcceptCase>& accept_cases() {
  static const std::vector<AcceptCase> cases = {
      {"a measurement and one field take the default timestamp", "cpu value=1",
       {point("cpu", {}, {{"value", 1.0}})}},
      {"tags reach the batch in the order sent, with the timestamp", "cpu,zone=b,host=a usage=0.5 1000",
       {point("cpu", {{"zone", "b"}, {"host", "a"}}, {{"usage", 0.5}}, 1000)}},
      {"every value type in one line", "m f=1.5,i=-3i,u=7u,b=true,s=\"hi\"",
       {point("m", {}, {{"f", 1.5}, {"i", int64_t{-3}}, {"u", uint64_t{7}}, {"b", true}, {"s", std::string("hi")}})}},
      {"all ten boolean spellings", "m a=t,b=T,c=true,d=True,e=TRUE,f=f,g=F,h=false,i=False,j=FALSE",
       {point("m", {}, {{"a", true}, {"b", true}, {"c", true}, {"d", true}, {"e", true},
                        {"f", false}, {"g", false}, {"h", false}, {"i", false}, {"j", false}})}},
      {"every float form InfluxDB takes", "m a=1,b=-1.5,c=.5,d=5.,e=1e9,f=1.5E-3,g=-.5,h=1e+2,i=007,j=2e-400",
       {point("m", {}, {{"a", 1.0}, {"b", -1.5}, {"c", 0.5}, {"d", 5.0}, {"e", 1e9}, {"f", 1.5e-3},
                        {"g", -0.5}, {"h", 100.0}, {"i", 7.0}, {"j", 0.0}})}},
      {"int64 at both ends of its range", "m a=9223372036854775807i,b=-9223372036854775808i,c=0i,d=-0i",
       {point("m", {}, {{"a", INT64_MAX}, {"b", INT64_MIN}, {"c", int64_t{0}}, {"d", int64_t{0}}})}},
      {"uint64 at both ends of its range", "m a=18446744073709551615u,b=0u",
       {point("m", {}, {{"a", UINT64_MAX}, {"b", uint64_t{0}}})}},
      {"measurement escapes comma and space", "c\\,p\\ u value=1", {point("c,p u", {}, {{"value", 1.0}})}},
      {"measurement keeps a backslash before '=' and other bytes", "c\\=p\\u value=1",
       {point("c\\=p\\u", {}, {{"value", 1.0}})}},
      {"measurement may hold '=' and quotes unescaped", "a=b\"c v=1", {point("a=b\"c", {}, {{"v", 1.0}})}},
      {"tag key and value escape comma, equals and space", "cpu,h\\,o\\=s\\ t=a\\,b\\=c\\ d v=1",
       {point("cpu", {{"h,o=s t", "a,b=c d"}}, {{"v", 1.0}})}},
      {"a backslash before other bytes in a tag is literal", "cpu,t=a\\b,u=a\\\\b v=1",
       {point("cpu", {{"t", "a\\b"}, {"u", "a\\\\b"}}, {{"v", 1.0}})}},
      {"a tag value may hold quotes and tabs", "cpu,t=\"x\"\ty v=1", {point("cpu", {{"t", "\"x\"\ty"}}, {{"v", 1.0}})}},
      {"field key escapes comma, equals and space", "cpu f\\,i\\=e\\ ld=1", {point("cpu", {}, {{"f,i=e ld", 1.0}})}},
      {"string escapes quote and backslash", "m s=\"say \\\"hi\\\" back\\\\slash\"",
       {point("m", {}, {{"s", std::string("say \"hi\" back\\slash")}})}},
      {"a backslash before other bytes in a string is literal", "m s=\"c:\\temp\\n\"",
       {point("m", {}, {{"s", std::string("c:\\temp\\n")}})}},
      {"a string may hold separators", "m s=\"a,b=c d\",t=1", {point("m", {}, {{"s", std::string("a,b=c d")}, {"t", 1.0}})}},
      {"an empty string", "m s=\"\"", {point("m", {}, {{"s", std::string()}})}},
      {"a string holding a newline is one line", "m s=\"one\ntwo\" 5\nm v=2 6",
       {point("m", {}, {{"s", std::string("one\ntwo")}}, 5), point("m", {}, {{"v", 2.0}}, 6)}},
      {"a string ending in an escaped backslash", "m s=\"a\\\\\",t=1", {point("m", {}, {{"s", std::string("a\\")}, {"t", 1.0}})}},
      {"a negative timestamp", "m v=1 -1000", {point("m", {}, {{"v", 1.0}}, -1000)}},
      {"blanks around sections", "  cpu  v=1 \t 100 \t ", {point("cpu", {}, {{"v", 1.0}}, 100)}},
      {"CRLF line endings", "cpu v=1\r\ncpu v=2\r\n", {point("cpu", {}, {{"v", 1.0}}), point("cpu", {}, {{"v", 2.0}})}},
      {"a duplicate field key: the last wins", "m a=1,b=2,a=3i", {point("m", {}, {{"b", 2.0}, {"a", int64_t{3}}})}},
      {"UTF-8 names and values", "温度,地点=北京 值=1,说明=\"晴\"",
       {point("温度", {{"地点", "北京"}}, {{"值", 1.0}, {"说明", std::string("晴")}})}},
      {"keys that look like values", "m true=1,1i=2", {point("m", {}, {{"true", 1.0}, {"1i", 2.0}})}},
      {"comments and blank lines are skipped", "# header\n\n   \n  # indented\ncpu v=1\n",
       {point("cpu", {}, {{"v", 1.0}})}},
      {"a body without a final newline", "a v=1\nb v=2", {point("a", {}, {{"v", 1.0}}), point("b", {}, {{"v", 2.0}})}},
  };
  return cases;
}

TEST_F(LineProtocolParserTest, AcceptsEveryGrammarForm) {
  for (const AcceptCase& test_case : accept_cases()) {
    SCOPED_TRACE(test_case.description);
    batch_.clear();
    const ParseReport report = parse(test_case.input);
    EXPECT_EQ(report.lines_rejected, 0u);
    for (const LineError& error : report.errors) ADD_FAILURE() << "line " << error.line_number << ": " << error.message;
    EXPECT_EQ(report.points, test_case.expected.size());
    EXPECT_EQ(points_of(batch_), test_case.expected);
  }
}

struct RejectCase {
  const char* description;
  std::string input;
  std::string message;  // a substring of the one error
};

const std::vector<RejectCase>& reject_cases() {
  static const std::vector<RejectCase> cases = {
      {"measurement alone", "cpu", "missing field set at column 4"},
      {"tags but no fields", "cpu,host=a", "missing field set at column 11"},
      {"a line starting with a comma", ",cpu v=1", "missing measurement at column 1"},
      {"a comma before the space", "cpu, v=1", "missing tag key at column 5"},
      {"an empty tag key", "cpu,=a v=1", "missing tag key at column 5"},
      {"a tag key without '='", "cpu,host v=1", "missing '=' after tag key 'host' at column 9"},
      {"an empty tag value", "cpu,host= v=1", "missing tag value for key 'host' at column 10"},
      {"an empty tag value before a comma", "cpu,host=,a=b v=1", "missing tag value for key 'host' at column 10"},
      {"an unescaped '=' in a tag value", "cpu,host=a=b v=1", "unescaped '=' in tag value for key 'host' at column 11"},
      {"a backslash pair escapes the following space", "cpu,t=a\\\\ v=1", "unescaped '=' in tag value for key 't'"},
      {"a duplicate tag key", "cpu,host=a,host=b v=1", "duplicate tag key 'host'"},
      {"an empty field key", "cpu =1", "missing field key at column 5"},
      {"a field key without '='", "cpu v", "missing '=' after field key 'v' at column 6"},
      {"a field without a value at the end", "cpu usage=", "missing field value for key 'usage' at column 11"},
      {"a field without a value before a comma", "cpu,host=server01 usage=,x=1",
       "missing field value for key 'usage' at column 25"},
      {"a field without a value before the timestamp", "cpu usage= 1", "missing field value for key 'usage' at column 11"},
      {"a trailing comma in the field set", "cpu v=1,", "missing field key at column 9"},
      {"two commas in the field set", "cpu v=1,,w=2", "missing field key at column 9"},
      {"a second field without '='", "cpu v=1,w", "missing '=' after field key 'w' at column 10"},
      {"letters inside an integer", "m n=12x3i", "invalid integer '12x3i' for field 'n' at column 5"},
      {"int64 overflow", "m n=9223372036854775808i", "integer '9223372036854775808i' out of range for field 'n'"},
      {"int64 underflow", "m n=-9223372036854775809i", "integer '-9223372036854775809i' out of range"},
      {"a decimal integer", "m n=1.5i", "invalid integer '1.5i'"},
      {"a sign without digits", "m n=-i", "invalid integer '-i'"},
      {"a plus sign", "m n=+1i", "invalid field value '+1i'"},
      {"a negative unsigned integer", "m u=-1u", "invalid unsigned integer '-1u'"},
      {"uint64 overflow", "m u=18446744073709551616u", "unsigned integer '18446744073709551616u' out of range"},
      {"a float with a plus sign", "m f=+1", "invalid field value '+1'"},
      {"two decimal points", "m f=1.2.3", "invalid float '1.2.3'"},
      {"an exponent without digits", "m f=1e", "invalid float '1e'"},
      {"an exponent sign without digits", "m f=1e+", "invalid float '1e+'"},
      {"a lone decimal point", "m f=.", "invalid float '.'"},
      {"a lone minus", "m f=-", "invalid float '-'"},
      {"a hex float", "m f=0x10", "invalid float '0x10'"},
      {"NaN", "m f=NaN", "invalid field value 'NaN'"},
      {"lowercase nan", "m f=nan", "invalid field value 'nan'"},
      {"infinity", "m f=Inf", "invalid field value 'Inf'"},
      {"negative infinity", "m f=-Inf", "invalid float '-Inf'"},
      {"a float beyond float64", "m f=1e400", "float '1e400' out of range for field 'f'"},
      {"a misspelt boolean", "m b=tru", "invalid boolean 'tru' for field 'b'"},
      {"a mixed-case boolean", "m b=TRue", "invalid boolean 'TRue'"},
      {"an unquoted string", "m s=abc", "invalid field value 'abc' (strings must be double-quoted) for field 's'"},
      {"an unterminated string", "m s=\"abc", "unterminated string value for field 's' at column 5"},
      {"a string ending in an escaped quote", "m s=\"abc\\\"", "unterminated string value for field 's'"},
      {"text after a closing quote", "m s=\"ab\"c", "unexpected text after string value of field 's' at column 9"},
      {"a word as timestamp", "m v=1 abc", "invalid timestamp 'abc' at column 7"},
      {"a decimal timestamp", "m v=1 1.5", "invalid timestamp '1.5'"},
      {"a timestamp with a plus sign", "m v=1 +5", "invalid timestamp '+5'"},
      {"a timestamp with a suffix", "m v=1 12a", "invalid timestamp '12a'"},
      {"a timestamp beyond int64", "m v=1 9999999999999999999", "timestamp 9999999999999999999 out of range at column 7"},
      {"text after the timestamp", "m v=1 1 2", "unexpected text '2' after timestamp at column 9"},
  };
  return cases;
}

TEST_F(LineProtocolParserTest, RejectsEveryMalformedLineWithItsPlace) {
  for (const RejectCase& test_case : reject_cases()) {
    SCOPED_TRACE(test_case.description);
    batch_.clear();
    const ParseReport report = parse(test_case.input);
    EXPECT_EQ(report.points, 0u);
    EXPECT_EQ(report.lines_rejected, 1u);
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.errors[0].line_number, 1u);
    EXPECT_NE(report.errors[0].message.find(test_case.message), std::string::npos)
        << "input: " << test_case.input << "\nmessage: " << report.errors[0].message;
    EXPECT_TRUE(batch_.empty());
  }
}

TEST_F(LineProtocolParserTest, PassesRawSeriesExactlyAsSent) {
  ASSERT_EQ(parse("  cpu,host=a\\ b,zone=x v=1\nmem v=2\nc\\,pu,t=1  v=3 7").points, 3u);
  EXPECT_EQ(batch_.point(0).raw_series, "cpu,host=a\\ b,zone=x");
  EXPECT_EQ(batch_.point(1).raw_series, "mem");
  EXPECT_EQ(batch_.point(2).raw_series, "c\\,pu,t=1");
}

TEST_F(LineProtocolParserTest, LastFieldWinsAmongManyDuplicates) {
  // Past 16 fields duplicate detection sorts; the outcome must not change.
  std::string line = "m ";
  std::vector<std::pair<std::string, testing::OwnedValue>> expected;
  for (int i = 0; i < 40; ++i) line += "f" + std::to_string(i % 10) + "=" + std::to_string(i) + "i,";
  line.pop_back();
  for (int i = 30; i < 40; ++i) expected.emplace_back("f" + std::to_string(i % 10), int64_t{i});
  ASSERT_EQ(parse(line).points, 1u);
  EXPECT_EQ(points_of(batch_), std::vector<OwnedPoint>{point("m", {}, expected)});
}

TEST_F(LineProtocolParserTest, FindsDuplicateTagsAmongMany) {
  std::string unique = "m";
  for (int i = 0; i < 30; ++i) unique += ",t" + std::to_string(i) + "=v";
  EXPECT_EQ(parse(unique + " v=1").points, 1u);
  const ParseReport report = parse(unique + ",t17=w v=1");
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_NE(report.errors[0].message.find("duplicate tag key 't17'"), std::string::npos);
}

TEST_F(LineProtocolParserTest, BadLineLeavesNothingInTheBatch) {
  // The bad field comes after good ones, so the line fails part way through.
  const ParseReport report = parse("a v=1\nb,t=x f=1,g=2,h=bad\nc v=3");
  EXPECT_EQ(report.points, 2u);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line_number, 2u);
  EXPECT_EQ(points_of(batch_),
            (std::vector<OwnedPoint>{point("a", {}, {{"v", 1.0}}), point("c", {}, {{"v", 3.0}})}));
}

TEST_F(LineProtocolParserTest, ParserIsReusableAcrossBodies) {
  const std::string body = "cpu,host=a\\ b s=\"x\\\"y\",v=1i 10\nbad\n";
  const ParseReport first = parse(body);
  const ParseReport second = parse(body);
  EXPECT_EQ(first.points, 1u);
  EXPECT_EQ(second.points, 1u);
  EXPECT_EQ(second.lines_rejected, 1u);
  const OwnedPoint expected = point("cpu", {{"host", "a b"}}, {{"s", std::string("x\"y")}, {"v", int64_t{1}}}, 10);
  EXPECT_EQ(points_of(batch_), (std::vector<OwnedPoint>{expected, expected}));
}

TEST_F(LineProtocolParserTest, SetRequestChangesPrecisionAndDefaultTimestamp) {
  parser_.set_request(Precision::kMilliseconds, 99);
  ASSERT_EQ(parse("m v=1 5\nm v=2").points, 2u);
  EXPECT_EQ(batch_.point(0).timestamp_ns, 5'000'000);
  EXPECT_EQ(batch_.point(1).timestamp_ns, 99);
}

TEST_F(LineProtocolParserTest, EmptyBodyGivesEmptyReport) {
  const ParseReport report = parse("");
  EXPECT_EQ(report.points, 0u);
  EXPECT_EQ(report.lines_rejected, 0u);
  EXPECT_TRUE(report.errors.empty());
}


// Precision scales the timestamp after parsing; the expected products are worked out
// from the unit's definition, not taken from nanoseconds_per_unit.
TEST(LineProtocolPrecisionTest, ScalesTimestampsByPrecision) {
  const struct {
    Precision precision;
    int64_t expected_ns;
  } cases[] = {
      {Precision::kNanoseconds, 7},
      {Precision::kMicroseconds, 7'000},
      {Precision::kMilliseconds, 7'000'000},
      {Precision::kSeconds, 7'000'000'000},
      {Precision::kMinutes, 7 * 60 * 1'000'000'000LL},
      {Precision::kHours, 7 * 3600 * 1'000'000'000LL},
  };
  for (const auto& test_case : cases) {
    SCOPED_TRACE(precision_name(test_case.precision));
    LineProtocolParser parser(IngestLimits{}, test_case.precision, kDefaultTimestampNs);
    WriteBatch batch;
    ASSERT_EQ(parser.parse("m v=1 7\nm v=1 -7\nm v=1", batch).points, 3u);
    EXPECT_EQ(batch.point(0).timestamp_ns, test_case.expected_ns);
    EXPECT_EQ(batch.point(1).timestamp_ns, -test_case.expected_ns);
    // The default timestamp is already in nanoseconds: precision does not touch it.
    EXPECT_EQ(batch.point(2).timestamp_ns, kDefaultTimestampNs);
  }
}

TEST(LineProtocolPrecisionTest, RejectsTimestampsThatOverflowAfterScaling) {
  // INT64_MAX / 3,600,000,000,000 = 2,562,047.78: 2562047 h fits, 2562048 h does not.
  LineProtocolParser parser(IngestLimits{}, Precision::kHours, 0);
  WriteBatch batch;
  const ParseReport report = parser.parse("m v=1 2562047\nm v=1 2562048\nm v=1 -2562048", batch);
  EXPECT_EQ(report.points, 1u);
  EXPECT_EQ(batch.point(0).timestamp_ns, 2562047 * 3'600'000'000'000LL);
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_EQ(report.errors[0].line_number, 2u);
  EXPECT_NE(report.errors[0].message.find("timestamp 2562048 out of range for precision h at column 7"),
            std::string::npos);
  EXPECT_EQ(report.errors[1].line_number, 3u);
  EXPECT_NE(report.errors[1].message.find("timestamp -2562048 out of range"), std::string::npos);
}

class LineProtocolLimitsTest : public ::testing::Test {
 protected:
  static IngestLimits small_limits() {
    IngestLimits limits;
    limits.max_line_bytes = 24;
    limits.max_tags_per_point = 2;
    limits.max_fields_per_point = 3;
    limits.max_key_bytes = 4;
    limits.max_value_bytes = 3;
    return limits;
  }
  // The message of the single error `line` gives, or "" when it is accepted.
  std::string error_of(std::string_view line) {
    WriteBatch batch;
    const ParseReport report = parser_.parse(line, batch);
    EXPECT_EQ(report.points + report.lines_rejected, 1u) << line;
    return report.errors.empty() ? std::string() : report.errors[0].message;
  }

  LineProtocolParser parser_{small_limits(), Precision::kNanoseconds, 0};
};

TEST_F(LineProtocolLimitsTest, LineLengthCountsBytesBeforeTheLineEnding) {
  const std::string exactly = "m v=1 " + std::string(18, '1');  // 24 bytes
  EXPECT_EQ(error_of(exactly), "");
  EXPECT_EQ(error_of(exactly + "\r\n"), "");
  EXPECT_EQ(error_of(exactly + "1"), "line exceeds 24 bytes");
  // Blanks count: the limit bounds what the server reads, not what it keeps.
  EXPECT_EQ(error_of(exactly + " "), "line exceeds 24 bytes");
}

TEST_F(LineProtocolLimitsTest, TagAndFieldCountsAreCheckedAsSent) {
  EXPECT_EQ(error_of("m,a=1,b=2 v=1"), "");
  EXPECT_EQ(error_of("m,a=1,b=2,c=3 v=1"), "point has 3 tags, limit is 2");
  EXPECT_EQ(error_of("m a=1,b=2,c=3"), "");
  // Duplicates still count: the limit bounds parsing work.
  EXPECT_EQ(error_of("m a=1,a=2,a=3,a=4"), "point has 4 fields, limit is 3");
}

TEST_F(LineProtocolLimitsTest, KeyLimitAppliesToUnescapedKeys) {
  EXPECT_EQ(error_of("a\\ bc v=1"), "");
  EXPECT_EQ(error_of("abcde v=1"), "measurement is 5 bytes, limit is 4 at column 1");
  EXPECT_EQ(error_of("m,k\\=ey=x v=1"), "");
  EXPECT_EQ(error_of("m,tagkey=x v=1"), "tag key is 6 bytes, limit is 4 at column 3");
  EXPECT_EQ(error_of("m fkey=1"), "");
  EXPECT_EQ(error_of("m fkeys=1"), "field key is 5 bytes, limit is 4 at column 3");
}

TEST_F(LineProtocolLimitsTest, ValueLimitAppliesToTagValuesAndStrings) {
  EXPECT_EQ(error_of("m,t=a\\ b v=1"), "");
  EXPECT_EQ(error_of("m,t=abcd v=1"), "value of tag 't' is 4 bytes, limit is 3 at column 5");
  EXPECT_EQ(error_of("m s=\"\\\"\\\"\\\"\""), "");
  EXPECT_EQ(error_of("m s=\"abcd\""), "string value of field 's' is 4 bytes, limit is 3 at column 5");
}

TEST(LineProtocolLineNumberTest, CountsCommentsBlankLinesCrlfAndNewlinesInStrings) {
  const std::string body =
      "# comment\n"        // 1
      "\n"                 // 2
      "cpu v=1\r\n"        // 3
      "   \r\n"            // 4
      "bad\n"              // 5
      "cpu s=\"a\n"        // 6: the string spans lines 6 and 7
      "b\" 5\n"            // 7
      "bad2\r\n"           // 8
      "  # \"unclosed\n"   // 9: a quote in a comment opens nothing
      "bad3";              // 10
  LineProtocolParser parser(IngestLimits{}, Precision::kNanoseconds, 0);
  WriteBatch batch;
  const ParseReport report = parser.parse(body, batch);
  EXPECT_EQ(report.points, 2u);
  EXPECT_EQ(report.lines_rejected, 3u);
  ASSERT_EQ(report.errors.size(), 3u);
  EXPECT_EQ(report.errors[0].line_number, 5u);
  EXPECT_EQ(report.errors[1].line_number, 8u);
  EXPECT_EQ(report.errors[2].line_number, 10u);
  EXPECT_EQ(points_of(batch)[1], point("cpu", {}, {{"s", std::string("a\nb")}}, 5));
}

TEST(LineProtocolPartialWriteTest, KeepsGoodLinesAndReportsTheFirstTenBad) {
  std::string body;
  for (int i = 1; i <= 30; ++i) body += (i % 2 == 0 ? "m v=" + std::to_string(i) : "bad" + std::to_string(i)) + "\n";
  LineProtocolParser parser(IngestLimits{}, Precision::kNanoseconds, 0);
  WriteBatch batch;
  const ParseReport report = parser.parse(body, batch);
  EXPECT_EQ(report.points, 15u);
  EXPECT_EQ(report.lines_rejected, 15u);
  ASSERT_EQ(report.errors.size(), ParseReport::kMaxReportedErrors);
  for (size_t i = 0; i < report.errors.size(); ++i) {
    EXPECT_EQ(report.errors[i].line_number, 2 * i + 1);
    EXPECT_NE(report.errors[i].message.find("missing field set"), std::string::npos);
  }
  ASSERT_EQ(batch.point_count(), 15u);
  for (size_t i = 0; i < batch.point_count(); ++i) {
    EXPECT_EQ(std::get<double>(batch.point(i).fields[0].value), 2.0 * (i + 1));
  }
}

TEST(LineProtocolPartialWriteTest, QuotesLongTokensShortly) {
  LineProtocolParser parser(IngestLimits{}, Precision::kNanoseconds, 0);
  WriteBatch batch;
  const ParseReport report = parser.parse("m v=" + std::string(1000, 'x'), batch);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_LT(report.errors[0].message.size(), 200u);
  EXPECT_NE(report.errors[0].message.find(std::string(64, 'x') + "...'"), std::string::npos);
}

// Names that are not UTF-8 or hold controls (docs/line-protocol.md "Names and UTF-8"): the
// column is the bad byte's in the line as sent, escapes before it counted; the line number
// counts newlines inside string values; the good lines around are kept.
TEST_F(LineProtocolParserTest, RejectsBadTextAtItsColumnAndKeepsTheOtherLines) {
  using namespace std::string_literals;  // the body holds NUL bytes
  const ParseReport report = parse(
      "a\\ b\\,c\xff v=1 1\n"           // escapes before the bad byte: column 8
      "ok s=\"two\nlines\" 2\n"        // line 2, spanning line 3
      "m,t=x\\=y\xed\xa0\x80 v=1 4\n"   // line 4
      "m s=\"\x00\x1b\x7f\",\xf4\x90\x80\x80=1 5\n"  // line 5: the string is fine, the key is not
      "# a comment may hold \xff\n"
      "m,t=a\x01 v=1 7\n"
      "m s=\"\x00\x1b\" 8\n"s);
  ASSERT_EQ(report.errors.size(), 4u);
  EXPECT_EQ(report.errors[0].line_number, 1u);
  EXPECT_EQ(report.errors[0].message, "invalid UTF-8 in measurement at column 8");
  EXPECT_EQ(report.errors[1].line_number, 4u);
  EXPECT_EQ(report.errors[1].message, "invalid UTF-8 in value of tag 't' at column 9");
  EXPECT_EQ(report.errors[2].line_number, 5u);
  EXPECT_EQ(report.errors[2].message, "invalid UTF-8 in field key at column 11");
  EXPECT_EQ(report.errors[3].line_number, 7u);
  EXPECT_EQ(report.errors[3].message, "control character U+0001 in value of tag 't' at column 6");
  EXPECT_EQ(points_of(batch_), (std::vector<OwnedPoint>{point("ok", {}, {{"s", std::string("two\nlines")}}, 2),
                                                        point("m", {}, {{"s", std::string("\0\x1b", 2)}}, 8)}));
}

}  // namespace
}  // namespace strata::server
