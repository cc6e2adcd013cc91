#include <gtest/gtest.h>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {
namespace {

void expect_round_trip(const std::vector<std::string>& values) {
  std::string encoded;
  encode_strings(values, encoded);
  std::vector<std::string> decoded(values.size());
  ASSERT_TRUE(decode_strings(encoded, decoded).is_ok());
  EXPECT_EQ(decoded, values);
}

TEST(StringCodecTest, RoundTripsPlainDictionaryAndEmpty) {
  expect_round_trip({"a", "bb", "", "with \"quotes\" and \\", std::string(1000, 'x')});
  expect_round_trip({"ok", "ok", "fail", "ok", "ok", "fail", "ok", "ok"});
  expect_round_trip({});
  expect_round_trip({""});
}

TEST(StringCodecTest, RepeatedValuesUseTheDictionary) {
  std::vector<std::string> values(1000, "status=ok");
  values[500] = "status=degraded";
  std::string encoded;
  encode_strings(values, encoded);
  EXPECT_EQ(static_cast<uint8_t>(encoded[0]), static_cast<uint8_t>(StringCodec::kDictionary));
  EXPECT_LT(encoded.size(), 200u);
  std::vector<std::string> decoded(values.size());
  for (size_t length = 0; length < encoded.size(); ++length) {
    EXPECT_FALSE(decode_strings(encoded.substr(0, length), decoded).is_ok()) << length;
  }
}

}  // namespace
}  // namespace strata::codec
