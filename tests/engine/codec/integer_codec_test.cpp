#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"
#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

using testing::from_hex;

std::string encode(const std::vector<int64_t>& values) {
  std::string out;
  encode_int64s(values, out);
  return out;
}

template <typename T>
void expect_round_trip(const std::vector<T>& values) {
  std::string encoded;
  std::vector<T> decoded(values.size());
  if constexpr (std::is_same_v<T, int64_t>) {
    encode_int64s(values, encoded);
    ASSERT_TRUE(decode_int64s(encoded, decoded).is_ok());
  } else {
    encode_uint64s(values, encoded);
    ASSERT_TRUE(decode_uint64s(encoded, decoded).is_ok());
  }
  EXPECT_EQ(decoded, values);
}

TEST(IntegerCodecTest, GoldenBytesMatchTheFormatDoc) {
  EXPECT_EQ(encode({5, 5, 5}), from_hex("01 0a"));
  // Frame of reference 1, width 4: offsets 0 1 2 9 -> 10 92 (6 bytes, delta would take 7).
  EXPECT_EQ(encode({1, 2, 3, 10}), from_hex("04 02 04 00 10 92"));
  // Delta: first 100 (zigzag c8 01), min delta 1 (zigzag 02), all deltas equal: width 0.
  EXPECT_EQ(encode({100, 101, 102, 103}), from_hex("03 c8 01 02 00 00"));
  EXPECT_EQ(encode({}), from_hex("00"));
}

TEST(IntegerCodecTest, DecodesVersionOneDeltaStreams) {
  // v1 (codec 0x02): first 1, min delta 1, width 3, deltas-minus-min 0 0 6 -> 80 01.
  std::vector<int64_t> decoded(4);
  ASSERT_TRUE(decode_int64s(from_hex("02 02 02 03 80 01"), decoded).is_ok());
  EXPECT_EQ(decoded, (std::vector<int64_t>{1, 2, 3, 10}));
  EXPECT_FALSE(decode_int64s(from_hex("02 02 02 03 80"), decoded).is_ok());
}

TEST(IntegerCodecTest, RoundTripsExtremesOfBothTypes) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();
  constexpr uint64_t kUnsignedMax = std::numeric_limits<uint64_t>::max();
  expect_round_trip<int64_t>({kMin, kMax, 0, kMin, -1, kMax, 1});
  expect_round_trip<uint64_t>({0, kUnsignedMax, 1, kUnsignedMax});
  expect_round_trip<uint64_t>({kUnsignedMax, kUnsignedMax});
  expect_round_trip<int64_t>({kMin});
  expect_round_trip<int64_t>({kMax, kMax - 1});
  expect_round_trip<int64_t>({});
  expect_round_trip<uint64_t>({});
}

TEST(IntegerCodecTest, RoundTripsRandomAndConstantColumns) {
  std::mt19937_64 random(9);
  std::vector<int64_t> values(4096);
  for (int64_t& value : values) value = static_cast<int64_t>(random());
  expect_round_trip(values);
  std::vector<uint64_t> unsigned_values(4096);
  for (uint64_t& value : unsigned_values) value = random() >> (random() % 64);
  expect_round_trip(unsigned_values);
  std::vector<int64_t> counter(4096);
  for (size_t index = 0; index < counter.size(); ++index) counter[index] = 1000 + static_cast<int64_t>(index) * 3;
  expect_round_trip(counter);
  EXPECT_LT(encode(counter).size(), 16u);  // a constant delta packs to zero bits
  expect_round_trip(std::vector<int64_t>(100, -7));
}

TEST(IntegerCodecTest, SmallNoisyValuesUseFrameOfReference) {
  std::mt19937_64 random(2);
  std::vector<int64_t> values(1000);
  for (int64_t& value : values) value = -50 + static_cast<int64_t>(random() % 100);
  expect_round_trip(values);
  const std::string encoded = encode(values);
  EXPECT_EQ(static_cast<uint8_t>(encoded[0]), static_cast<uint8_t>(IntegerCodec::kFrameOfReference));
  EXPECT_LE(encoded.size(), 1000u * 7 / 8 + 8);  // 7 bits each
}

TEST(IntegerCodecTest, RejectsEveryTruncationAndTrailingBytes) {
  for (const std::vector<int64_t>& values : {std::vector<int64_t>{1, -5, 1000000, 3}, std::vector<int64_t>{1, 2, 3, 10},
                                             std::vector<int64_t>{7, 7}}) {
    const std::string encoded = encode(values);
    std::vector<int64_t> decoded(values.size());
    for (size_t length = 0; length < encoded.size(); ++length) {
      EXPECT_FALSE(decode_int64s(encoded.substr(0, length), decoded).is_ok()) << length;
    }
    EXPECT_FALSE(decode_int64s(encoded + "x", decoded).is_ok());
  }
}

TEST(IntegerCodecTest, RejectsUnknownCodecAndCountMismatch) {
  std::vector<int64_t> one(1), none;
  EXPECT_FALSE(decode_int64s(from_hex("09 00"), one).is_ok());
  EXPECT_FALSE(decode_int64s(from_hex("00"), one).is_ok());
  EXPECT_FALSE(decode_int64s(from_hex("01 0a"), none).is_ok());
}

// Codecs carry no checksum (the segment's block checksum covers the stored block, see
// codec_test_util.h): a flipped bit may decode to other values, but only within bounds.
TEST(IntegerCodecTest, EveryBitFlipIsRefusedAsCorruptionOrFillsExactlyTheSpan) {
  std::mt19937_64 random(6);
  std::vector<int64_t> noisy(200);
  for (int64_t& value : noisy) value = static_cast<int64_t>(random() % 5000) - (random() % 50 == 0 ? 1'000'000'000 : 0);
  std::vector<int64_t> counter(200);
  for (size_t index = 0; index < counter.size(); ++index) counter[index] = 1000 + static_cast<int64_t>(index * index);
  // Frame of reference with exceptions, delta, and constant streams in turn.
  for (const auto& values : {noisy, counter, std::vector<int64_t>(10, -7)}) {
    const std::string encoded = encode(values);
    testing::BitFlipSweep<int64_t> sweep("integers", values.size());
    sweep.run(encoded, decode_int64s);
    if (::testing::Test::HasFatalFailure()) return;
    EXPECT_GT(sweep.refused(), 0u) << "codec " << static_cast<int>(encoded[0]);
    EXPECT_GT(sweep.decoded(), 0u) << "codec " << static_cast<int>(encoded[0]);
  }
}

}  // namespace
}  // namespace strata::codec
