#include "engine/tenant/write_record.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace strata {
namespace {

bool same_value(const FieldValue& a, const FieldValue& b) {
  if (a.index() != b.index()) return false;
  if (a.index() == 0) {
    const double x = std::get<double>(a), y = std::get<double>(b);
    return std::memcmp(&x, &y, sizeof x) == 0;  // bit-exact, NaN payloads included
  }
  return a == b;
}

TEST(WriteRecordTest, RoundTripsEveryValueType) {
  const ColumnKey a{SeriesId{7}, FieldId{1}}, b{SeriesId{7}, FieldId{2}}, c{SeriesId{9}, FieldId{3}};
  const std::vector<ResolvedValue> values{
      {a, -5, std::numeric_limits<double>::quiet_NaN()},
      {b, -5, std::numeric_limits<int64_t>::min()},
      {c, std::numeric_limits<int64_t>::max(), std::numeric_limits<uint64_t>::max()},
      {c, 3, true},
      {a, 3, std::string_view("a \"quoted\" string")},
  };
  std::string payload;
  encode_write_record(values, payload);
  std::vector<ResolvedValue> decoded;
  ASSERT_TRUE(decode_write_record(payload, decoded).is_ok());
  ASSERT_EQ(decoded.size(), values.size());
  for (size_t index = 0; index < values.size(); ++index) {
    EXPECT_EQ(decoded[index].column, values[index].column) << index;
    EXPECT_EQ(decoded[index].timestamp_ns, values[index].timestamp_ns) << index;
    EXPECT_TRUE(same_value(decoded[index].value, values[index].value)) << index;
  }
}

TEST(WriteRecordTest, FieldsOfOnePointShareOneHeader) {
  const std::vector<ResolvedValue> values{{{SeriesId{1}, FieldId{1}}, 10, 1.0}, {{SeriesId{1}, FieldId{2}}, 10, 2.0}};
  std::string payload;
  encode_write_record(values, payload);
  // kind(1) + count(1) + series(8) + ts(1) + field count(1) + 2 * (id(1) + type(1) + float(8))
  EXPECT_EQ(payload.size(), 1u + 1 + 8 + 1 + 1 + 2 * 10);
}

TEST(WriteRecordTest, RejectsEveryTruncation) {
  const std::vector<ResolvedValue> values{{{SeriesId{1}, FieldId{1}}, 10, std::string_view("text")},
                                          {{SeriesId{2}, FieldId{1}}, 11, int64_t{-3}}};
  std::string payload;
  encode_write_record(values, payload);
  std::vector<ResolvedValue> decoded;
  for (size_t length = 0; length < payload.size(); ++length) {
    EXPECT_EQ(decode_write_record(payload.substr(0, length), decoded).code(), StatusCode::kCorruption) << length;
  }
}

TEST(WriteRecordTest, RejectsTrailingBytesAndUnknownTypes) {
  std::string payload;
  encode_write_record(std::vector<ResolvedValue>{{{SeriesId{1}, FieldId{1}}, 10, true}}, payload);
  std::vector<ResolvedValue> decoded;
  EXPECT_EQ(decode_write_record(payload + "x", decoded).code(), StatusCode::kCorruption);
  std::string bad_type = payload;
  bad_type[bad_type.size() - 2] = 9;  // the value's type byte
  EXPECT_EQ(decode_write_record(bad_type, decoded).code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace strata
