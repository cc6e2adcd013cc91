// check_point_text, the engine's guard on the text of a point: which part is named and at
// which byte, for each kind of bad text; string field values may hold controls.
#include "engine/write_batch.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata {
namespace {

struct TextCase {
  const char* description;
  std::string measurement;
  std::string tag_key;
  std::string tag_value;
  std::string field_key;
  std::string string_value;
  std::string expected_message;  // empty: accepted
};

TEST(WriteBatchTest, CheckPointTextNamesThePartAndTheByte) {
  const std::string nul(1, '\0');
  const std::vector<TextCase> cases = {
      {"plain names", "cpu", "host", "a", "note", "x", ""},
      {"non-ASCII names", "温度", "地点", "北京", "值", "晴", ""},
      {"a tab in a tag value", "cpu", "host", "a\tb", "v", "x", ""},
      {"NUL and controls in a string value", "cpu", "host", "a", "v", "a" + nul + "\x01\x7f", ""},
      {"invalid start byte in the measurement", "\xff\xfe", "t", "a", "v", "x", "invalid UTF-8 in measurement at byte 1"},
      {"overlong in a tag key", "m", "k\xc0\xaf", "a", "v", "x", "invalid UTF-8 in tag key at byte 2"},
      {"surrogate in a tag value", "m", "t", "ab\xed\xa0\x80", "v", "x", "invalid UTF-8 in value of tag 't' at byte 3"},
      {"past U+10FFFF in a field key", "m", "t", "a", "\xf4\x90\x80\x80", "x", "invalid UTF-8 in field key at byte 1"},
      {"truncated in a string value", "m", "t", "a", "s", "abc\xe2\x82", "invalid UTF-8 in string value of field 's' at byte 4"},
      {"NUL in the measurement", "m" + nul, "t", "a", "v", "x", "control character U+0000 in measurement at byte 2"},
      {"DEL in a tag key", "m", "\x7f", "a", "v", "x", "control character U+007F in tag key at byte 1"},
      {"newline in a field key", "m", "t", "a", "v\n", "x", "control character U+000A in field key at byte 2"},
  };
  for (const TextCase& test : cases) {
    WriteBatch batch;
    batch.begin_point(test.measurement, 1);
    batch.add_tag(test.tag_key, test.tag_value);
    batch.add_field("n", int64_t{1});
    batch.add_field(test.field_key, std::string_view(test.string_value));
    const Status status = check_point_text(batch.point(0));
    if (test.expected_message.empty()) {
      EXPECT_TRUE(status.is_ok()) << test.description << ": " << status.to_string();
    } else {
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << test.description;
      EXPECT_EQ(status.message(), test.expected_message) << test.description;
    }
  }
}

}  // namespace
}  // namespace strata
