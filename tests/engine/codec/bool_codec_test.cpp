#include <gtest/gtest.h>

#include "engine/codec/codec.h"

namespace strata::codec {
namespace {

TEST(BoolCodecTest, RoundTripsMixedConstantAndEmpty) {
  for (const std::vector<uint8_t>& values :
       {std::vector<uint8_t>{1, 0, 0, 1, 1, 1, 0, 1, 0}, std::vector<uint8_t>(100, 1), std::vector<uint8_t>{0},
        std::vector<uint8_t>{}}) {
    std::string encoded;
    encode_bools(values, encoded);
    std::vector<uint8_t> decoded(values.size());
    ASSERT_TRUE(decode_bools(encoded, decoded).is_ok());
    EXPECT_EQ(decoded, values);
  }
}

TEST(BoolCodecTest, PacksEightValuesPerByte) {
  std::vector<uint8_t> values(800);
  for (size_t index = 0; index < values.size(); ++index) values[index] = index % 3 == 0;
  std::string encoded;
  encode_bools(values, encoded);
  EXPECT_EQ(encoded.size(), 1u + 100u);
  std::vector<uint8_t> decoded(values.size());
  for (size_t length = 0; length < encoded.size(); ++length) {
    EXPECT_FALSE(decode_bools(encoded.substr(0, length), decoded).is_ok()) << length;
  }
}

}  // namespace
}  // namespace strata::codec
