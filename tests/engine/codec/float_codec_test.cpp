#include <gtest/gtest.h>

#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>
#include <random>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"
#include "engine/codec/gorilla_xor.h"
#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

using testing::from_hex;

std::string encode(const std::vector<double>& values) {
  std::string out;
  encode_floats(values, out);
  return out;
}

uint8_t codec_of(const std::vector<double>& values) { return static_cast<uint8_t>(encode(values)[0]); }

// Bit-exact comparison: NaN payloads and the sign of zero count.
void expect_round_trip(const std::vector<double>& values) {
  const std::string encoded = encode(values);
  std::vector<double> decoded(values.size());
  ASSERT_TRUE(decode_floats(encoded, decoded).is_ok());
  for (size_t index = 0; index < values.size(); ++index) {
    ASSERT_EQ(std::bit_cast<uint64_t>(decoded[index]), std::bit_cast<uint64_t>(values[index])) << "at " << index;
  }
}

double from_bits(uint64_t bits) { return std::bit_cast<double>(bits); }

// As an agent reports them: a random walk printed with `decimals` digits and parsed back.
std::vector<double> random_walk(size_t count, int decimals, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> step(-1.0, 1.0);
  std::vector<double> values;
  double value = 50.0;
  char text[64];
  for (size_t index = 0; index < count; ++index) {
    value = std::clamp(value + step(random), 0.0, 100.0);
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    values.push_back(std::strtod(text, nullptr));
  }
  return values;
}

std::vector<double> random_doubles(size_t count, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<double> values(count);
  for (double& value : values) value = from_bits((random() & ~(uint64_t{0xFFF} << 52)) | (uint64_t{0x3FF} << 52));
  return values;
}

TEST(FloatCodecTest, GoldenDecimalBytesMatchTheFormatDoc) {
  // Exponent 2, no exceptions; integers 150 and 225 as delta: first zigzag(150) = ac 02,
  // min delta zigzag(75) = 96 01, one delta of width 0.
  EXPECT_EQ(encode({1.5, 2.25}), from_hex("04 02 00 03 ac 02 96 01 00 00"));
  EXPECT_EQ(encode({}), from_hex("00"));
}

TEST(FloatCodecTest, DecodesVersionOneDecimalStreams) {
  // v1 decimal (0x01): exponent 2, then a v1 integer delta stream of 150, 225.
  std::vector<double> decoded(2);
  ASSERT_TRUE(decode_floats(from_hex("01 02 02 ac 02 96 01 00"), decoded).is_ok());
  EXPECT_EQ(decoded, (std::vector<double>{1.5, 2.25}));
}

TEST(FloatCodecTest, DecodesGoldenGorillaAndRawStreams) {
  // Gorilla: 1.0 as 64 bits, then a '0' control bit (same value), zero padded.
  std::vector<double> two(2);
  ASSERT_TRUE(decode_floats(from_hex("02 3f f0 00 00 00 00 00 00 00"), two).is_ok());
  EXPECT_EQ(two, (std::vector<double>{1.0, 1.0}));
  // Then 2.0: XOR 0x7ff0.. has 1 leading zero and 52 trailing, 11 meaningful bits:
  // '11' 00001 001010 11111111111 -> bits 1100 0010 0101 0111 1111 1111 (c2 57 ff).
  ASSERT_TRUE(decode_floats(from_hex("02 3f f0 00 00 00 00 00 00 c2 57 ff"), two).is_ok());
  EXPECT_EQ(two, (std::vector<double>{1.0, 2.0}));
  std::vector<double> one(1);
  ASSERT_TRUE(decode_floats(from_hex("03 00 00 00 00 00 00 f8 3f"), one).is_ok());
  EXPECT_EQ(one[0], 1.5);
}

TEST(FloatCodecTest, RoundTripsDecimalRandomWalks) {
  for (int decimals : {0, 1, 2, 3, 4, 6}) {
    const auto values = random_walk(4096, decimals, static_cast<uint64_t>(decimals));
    expect_round_trip(values);
    EXPECT_EQ(codec_of(values), static_cast<uint8_t>(FloatCodec::kDecimal)) << decimals;
  }
}

TEST(FloatCodecTest, DecimalDataTakesAtMostHalfOfGorilla) {
  for (int decimals : {2, 4}) {
    const auto values = random_walk(4096, decimals, 7);
    EXPECT_LE(encode(values).size() * 2, gorilla_xor_size(values)) << decimals;
  }
}

TEST(FloatCodecTest, FullPrecisionRandomDoublesStayWithinTwoPercentOfRaw) {
  const auto values = random_doubles(4096, 11);
  expect_round_trip(values);
  EXPECT_LE(encode(values).size(), values.size() * 8 * 102 / 100);
}

TEST(FloatCodecTest, RoundTripsSpecialValuesBitExactly) {
  const double quiet_nan_with_payload = from_bits(0x7FF8000000000123);
  const double signalling_nan = from_bits(0x7FF0000000000001);
  const double negative_nan = from_bits(0xFFF8000000000000);
  const double signalling_nan_high_payload = from_bits(0x7FF7FFFFFFFFFFFF);
  expect_round_trip({quiet_nan_with_payload, signalling_nan, negative_nan, signalling_nan_high_payload,
                     std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), -0.0, 0.0,
                     std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::denorm_min(),
                     from_bits(0x000FFFFFFFFFFFFF), DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN, 1.5, 0.1});
}

TEST(FloatCodecTest, SpecialValuesAmongDecimalsAreExceptions) {
  auto values = random_walk(1000, 2, 9);
  values[0] = -0.0;
  values[17] = from_bits(0x7FF0000000000001);
  values[500] = std::numeric_limits<double>::infinity();
  values[999] = from_bits(0xFFF8000000000abc);
  expect_round_trip(values);
  EXPECT_EQ(codec_of(values), static_cast<uint8_t>(FloatCodec::kDecimal));
}

TEST(FloatCodecTest, NegativeZeroAmongDecimalsStaysNegative) { expect_round_trip({1.25, -0.0, 2.5, 0.0}); }

TEST(FloatCodecTest, RoundTripsConstantSingleAndEmptyBlocks) {
  expect_round_trip(std::vector<double>(1000, 42.125));
  expect_round_trip(std::vector<double>(1000, std::nan("")));
  expect_round_trip({3.14159});
  expect_round_trip({0.1});
  expect_round_trip({DBL_MAX});
  expect_round_trip({});
  EXPECT_LE(encode(std::vector<double>(1000, 42.125)).size(), 16u);
}

TEST(FloatCodecTest, RoundTripsLargeIntegersAndTinyDecimals) {
  expect_round_trip({1e15, 1e15 + 1, 2251799813685247.0, 2251799813685248.0, -2251799813685249.0});
  expect_round_trip({1e-18, 2e-18, 1.5e-17, 123456789e-18});
  expect_round_trip({1e300, -1e-300, 5e-324});
}

TEST(FloatCodecTest, RejectsEveryTruncationAndTrailingBytes) {
  for (const auto& values : {random_walk(64, 2, 3), std::vector<double>{0.1, 1e300, -7.0, NAN}, random_doubles(3, 1),
                             std::vector<double>{1.5, NAN, 2.25, 3.5, 4.75, 1.25, 7.5, 9.0, 1.0}}) {
    const std::string encoded = encode(values);
    std::vector<double> decoded(values.size());
    for (size_t length = 0; length < encoded.size(); ++length) {
      EXPECT_FALSE(decode_floats(encoded.substr(0, length), decoded).is_ok()) << length;
    }
    EXPECT_FALSE(decode_floats(encoded + std::string(8, 'x'), decoded).is_ok());
  }
}

TEST(FloatCodecTest, RejectsUnknownCodecsAndBadDecimalHeaders) {
  std::vector<double> one(1);
  EXPECT_FALSE(decode_floats(from_hex("05 00"), one).is_ok());
  EXPECT_FALSE(decode_floats(from_hex("04 13 00 01 02"), one).is_ok());   // exponent 19
  EXPECT_FALSE(decode_floats(from_hex("04 02 02 00 00 00 00 00 00 00 00 00 01 02"), one).is_ok());
  // An exception at position 1 of a one-value block.
  EXPECT_FALSE(decode_floats(from_hex("04 00 01 01 00 00 00 00 00 00 f8 7f 01 02"), one).is_ok());
}

// Codecs carry no checksum (the segment's block checksum covers the stored block, see
// codec_test_util.h): a flipped bit may decode to other values, but only within bounds.
TEST(FloatCodecTest, EveryBitFlipIsRefusedAsCorruptionOrFillsExactlyTheSpan) {
  std::mt19937_64 random(3);
  std::vector<double> any_bits(16);
  for (double& value : any_bits) value = from_bits(random());
  // Decimal, Gorilla XOR (twice) and raw streams in turn.
  for (const auto& values :
       {random_walk(256, 3, 5), random_doubles(64, 2), std::vector<double>{1.5, NAN, 2.25, -0.0}, any_bits}) {
    const std::string encoded = encode(values);
    testing::BitFlipSweep<double> sweep("floats", values.size());
    sweep.run(encoded, decode_floats);
    if (::testing::Test::HasFatalFailure()) return;
    EXPECT_GT(sweep.refused(), 0u) << "codec " << static_cast<int>(encoded[0]);
    EXPECT_GT(sweep.decoded(), 0u) << "codec " << static_cast<int>(encoded[0]);
  }
}

}  // namespace
}  // namespace strata::codec
