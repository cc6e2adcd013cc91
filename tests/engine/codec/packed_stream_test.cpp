#include "engine/codec/packed_stream.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

using testing::from_hex;

std::string encode(const std::vector<uint64_t>& values) {
  std::string out;
  encode_packed_stream(values, out);
  return out;
}

Status decode(std::string_view in, std::vector<uint64_t>& out) {
  ByteReader reader(in);
  STRATA_RETURN_IF_ERROR(decode_packed_stream(reader, out));
  return reader.at_end() ? Status::ok() : Status::corruption("trailing");
}

void expect_round_trip(const std::vector<uint64_t>& values) {
  std::vector<uint64_t> decoded(values.size());
  ASSERT_TRUE(decode(encode(values), decoded).is_ok());
  EXPECT_EQ(decoded, values);
}

TEST(PackedStreamTest, SmallValuesPackWithoutExceptions) {
  // Width 4, no exceptions, then 0 and 10 in one byte (docs/format/codecs.md).
  EXPECT_EQ(encode({0, 10}), from_hex("04 00 a0"));
}

TEST(PackedStreamTest, OneOutlierBecomesAnException) {
  std::vector<uint64_t> values(100, 1);
  values[40] = 1'000'000;
  const std::string encoded = encode(values);
  // Width 1 (13 bytes of bits) plus one exception: far less than 100 values of 20 bits.
  EXPECT_EQ(static_cast<uint8_t>(encoded[0]), 1);
  EXPECT_EQ(static_cast<uint8_t>(encoded[1]), 1);
  EXPECT_LT(encoded.size(), 25u);
  expect_round_trip(values);
}

TEST(PackedStreamTest, RoundTripsExtremesAndRandomMixtures) {
  expect_round_trip({});
  expect_round_trip({0});
  expect_round_trip({~uint64_t{0}, 0, 1, ~uint64_t{0}});
  std::mt19937_64 random(4);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<uint64_t> values(1 + random() % 300);
    for (uint64_t& value : values) value = random() % 16 == 0 ? random() >> (random() % 64) : random() % 50;
    expect_round_trip(values);
  }
}

TEST(PackedStreamTest, RejectsBadWidthsCountsAndPositions) {
  std::vector<uint64_t> two(2);
  EXPECT_FALSE(decode(from_hex("41 00"), two).is_ok());           // width 65
  EXPECT_FALSE(decode(from_hex("00 03 00 01 00 01 00 01"), two).is_ok());  // 3 exceptions for 2 values
  EXPECT_FALSE(decode(from_hex("00 01 02 01"), two).is_ok());     // position 2 of 2
  EXPECT_FALSE(decode(from_hex("00 01 00 00"), two).is_ok());     // an exception adding no bits
  // Width 63: an exception's high part may be one bit, and 2 needs two.
  EXPECT_FALSE(decode(from_hex("3f 01") + std::string(16, '\0') + from_hex("00 02"), two).is_ok());
  EXPECT_FALSE(decode(from_hex("40 01"), two).is_ok());           // width 64 leaves no room for exceptions
  EXPECT_TRUE(decode(from_hex("00 01 01 05"), two).is_ok());
  EXPECT_EQ(two, (std::vector<uint64_t>{0, 5}));
}

TEST(PackedStreamTest, RejectsEveryTruncation) {
  std::vector<uint64_t> values{3, 900, 1, 2, 70000, 5, 6, 7, 8};
  const std::string encoded = encode(values);
  std::vector<uint64_t> decoded(values.size());
  for (size_t length = 0; length < encoded.size(); ++length) {
    EXPECT_FALSE(decode(encoded.substr(0, length), decoded).is_ok()) << length;
  }
}

}  // namespace
}  // namespace strata::codec
