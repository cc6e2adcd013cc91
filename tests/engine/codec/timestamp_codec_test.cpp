#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "engine/codec/codec.h"
#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

using testing::from_hex;
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

std::string encode(const std::vector<int64_t>& values) {
  std::string out;
  encode_timestamps(values, out);
  return out;
}

void expect_round_trip(const std::vector<int64_t>& values) {
  std::vector<int64_t> decoded(values.size());
  ASSERT_TRUE(decode_timestamps(encode(values), decoded).is_ok());
  EXPECT_EQ(decoded, values);
}

std::vector<int64_t> ten_second_series(size_t count) {
  std::vector<int64_t> values;
  for (size_t index = 0; index < count; ++index) {
    values.push_back(1'700'000'000'000'000'000LL + static_cast<int64_t>(index) * 10'000'000'000LL);
  }
  return values;
}

TEST(TimestampCodecTest, GoldenBytesMatchTheFormatDoc) {
  // Constant step: codec, zigzag(1000) = 2000 = d0 0f, zigzag(10) = 14.
  EXPECT_EQ(encode({1000, 1010, 1020}), from_hex("01 d0 0f 14"));
  // Delta of delta: first 10, step 10, then dods 0 and 5 zigzagged to 0 and 10, width 4.
  EXPECT_EQ(encode({10, 20, 30, 45}), from_hex("03 14 14 04 00 a0"));
  EXPECT_EQ(encode({}), from_hex("00"));
}

TEST(TimestampCodecTest, DecodesVersionOneDeltaOfDelta) {
  // v1 (codec 0x02): first, step, width 4, packed dods with no exception count.
  std::vector<int64_t> decoded(4);
  ASSERT_TRUE(decode_timestamps(from_hex("02 14 14 04 a0"), decoded).is_ok());
  EXPECT_EQ(decoded, (std::vector<int64_t>{10, 20, 30, 45}));
  EXPECT_FALSE(decode_timestamps(from_hex("02 14 14 04 a0 00"), decoded).is_ok());
}

TEST(TimestampCodecTest, ConstantStepCostsAFewBytesPerBlock) {
  const auto values = ten_second_series(4096);
  expect_round_trip(values);
  EXPECT_LT(encode(values).size(), 20u);  // well under 0.1 byte per timestamp
}

TEST(TimestampCodecTest, OneGapCostsAFewBytesNotAWiderBlock) {
  auto values = ten_second_series(4096);
  for (size_t index = 2000; index < values.size(); ++index) values[index] += 30'000'000'000LL;
  expect_round_trip(values);
  // Two delta-of-deltas (+30 s, -30 s) become exceptions; the other 4092 pack at width 0.
  EXPECT_LT(encode(values).size(), 40u);
}

TEST(TimestampCodecTest, JitteredStepsStayCompact) {
  std::mt19937_64 random(3);
  std::vector<int64_t> values;
  int64_t ts = 1'700'000'000'000'000'000LL;
  for (int index = 0; index < 4096; ++index) values.push_back(ts += 10'000'000'000LL + static_cast<int64_t>(random() % 1000));
  expect_round_trip(values);
  EXPECT_LT(encode(values).size(), 4096u * 2);  // at most 11 bits of zigzagged jitter each
}

TEST(TimestampCodecTest, RoundTripsOutOfOrderAndInt64Limits) {
  expect_round_trip({kMin, kMax, kMin, 0, kMax, -1, 1});
  expect_round_trip({30, 10, 20, 20, 5});
  expect_round_trip({kMax});
  expect_round_trip({kMin, kMin + 1});
  expect_round_trip({kMax, kMin, kMax, kMin});
  expect_round_trip({});
}

TEST(TimestampCodecTest, RoundTripsRandomValues) {
  std::mt19937_64 random(12);
  std::vector<int64_t> values(1000);
  for (int64_t& value : values) value = static_cast<int64_t>(random());
  expect_round_trip(values);
}

TEST(TimestampCodecTest, RejectsTruncationTrailingBytesAndCountMismatch) {
  for (const std::vector<int64_t>& values : {std::vector<int64_t>{5, 7, 100, 3, 9}, ten_second_series(10)}) {
    const std::string encoded = encode(values);
    std::vector<int64_t> decoded(values.size());
    for (size_t length = 0; length < encoded.size(); ++length) {
      EXPECT_FALSE(decode_timestamps(encoded.substr(0, length), decoded).is_ok()) << length;
    }
    EXPECT_FALSE(decode_timestamps(encoded + "x", decoded).is_ok());
  }
  std::vector<int64_t> too_many(6), none;
  EXPECT_FALSE(decode_timestamps(encode({5, 7, 100, 3, 9}), too_many).is_ok());
  EXPECT_FALSE(decode_timestamps(encode({5}), none).is_ok());
}

TEST(TimestampCodecTest, RejectsUnknownCodecAndShortDeltaOfDelta) {
  std::vector<int64_t> two(2);
  EXPECT_FALSE(decode_timestamps(from_hex("07 00 00"), two).is_ok());
  EXPECT_FALSE(decode_timestamps(from_hex("03 14 14 00 00"), two).is_ok());
  EXPECT_FALSE(decode_timestamps(from_hex("02 14 14 00"), two).is_ok());
}

// Codecs carry no checksum (the segment's block checksum covers the stored block, see
// codec_test_util.h): a flipped bit may decode to other values, but only within bounds.
TEST(TimestampCodecTest, EveryBitFlipIsRefusedAsCorruptionOrFillsExactlyTheSpan) {
  std::vector<int64_t> jittered = ten_second_series(300);
  jittered[100] += 7;
  // Delta of delta with exceptions, and a constant step, in turn.
  for (const auto& values : {jittered, ten_second_series(50)}) {
    const std::string encoded = encode(values);
    testing::BitFlipSweep<int64_t> sweep("timestamps", values.size());
    sweep.run(encoded, decode_timestamps);
    if (::testing::Test::HasFatalFailure()) return;
    EXPECT_GT(sweep.refused(), 0u) << "codec " << static_cast<int>(encoded[0]);
    EXPECT_GT(sweep.decoded(), 0u) << "codec " << static_cast<int>(encoded[0]);
  }
}

}  // namespace
}  // namespace strata::codec
