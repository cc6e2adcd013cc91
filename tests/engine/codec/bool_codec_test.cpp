#include <gtest/gtest.h>

#include <random>

#include "engine/codec/codec.h"
#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

using testing::from_hex;

std::string encode(const std::vector<uint8_t>& values) {
  std::string out;
  encode_bools(values, out);
  return out;
}

void expect_round_trip(const std::vector<uint8_t>& values) {
  std::vector<uint8_t> decoded(values.size(), 7);
  ASSERT_TRUE(decode_bools(encode(values), decoded).is_ok());
  EXPECT_EQ(decoded, values);
}

TEST(BoolCodecTest, GoldenBytesMatchTheFormatDoc) {
  EXPECT_EQ(encode({1, 1}), from_hex("01 01"));
  EXPECT_EQ(encode({0}), from_hex("01 00"));
  EXPECT_EQ(encode({1, 0, 1}), from_hex("02 05"));
  EXPECT_EQ(encode({0, 0, 0, 0, 0, 0, 0, 0, 1}), from_hex("02 00 01"));
  EXPECT_EQ(encode({}), from_hex("00"));
}

TEST(BoolCodecTest, RoundTripsRandomAndConstantColumns) {
  std::mt19937 random(4);
  for (size_t count : {1, 7, 8, 9, 4096}) {
    std::vector<uint8_t> values(count);
    for (uint8_t& value : values) value = random() % 2;
    expect_round_trip(values);
  }
  expect_round_trip(std::vector<uint8_t>(1000, 1));
  expect_round_trip({});
  EXPECT_EQ(encode(std::vector<uint8_t>(1000, 0)).size(), 2u);
}

TEST(BoolCodecTest, RejectsTruncationPaddingAndBadConstants) {
  std::vector<uint8_t> three(3);
  EXPECT_FALSE(decode_bools("", three).is_ok());
  EXPECT_FALSE(decode_bools(from_hex("02"), three).is_ok());
  EXPECT_FALSE(decode_bools(from_hex("02 05 00"), three).is_ok());
  EXPECT_FALSE(decode_bools(from_hex("02 0d"), three).is_ok());  // bit 3 is padding
  EXPECT_FALSE(decode_bools(from_hex("01 02"), three).is_ok());
  EXPECT_FALSE(decode_bools(from_hex("01 01 01"), three).is_ok());
  EXPECT_FALSE(decode_bools(from_hex("03 01"), three).is_ok());
  EXPECT_FALSE(decode_bools(from_hex("00"), three).is_ok());
}

}  // namespace
}  // namespace strata::codec
