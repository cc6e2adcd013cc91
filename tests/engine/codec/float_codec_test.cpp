#include <gtest/gtest.h>

#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>
#include <random>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {
namespace {

std::string encode(const std::vector<double>& values) {
  std::string out;
  encode_floats(values, out);
  return out;
}

// Bit-exact comparison: NaN payloads and the sign of zero count.
void expect_round_trip(const std::vector<double>& values) {
  const std::string encoded = encode(values);
  std::vector<double> decoded(values.size());
  ASSERT_TRUE(decode_floats(encoded, decoded).is_ok());
  for (size_t index = 0; index < values.size(); ++index) {
    ASSERT_EQ(std::bit_cast<uint64_t>(decoded[index]), std::bit_cast<uint64_t>(values[index])) << "at " << index;
  }
}

std::vector<double> random_walk(size_t count, int decimals, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> step(-1.0, 1.0);
  const double scale = std::pow(10.0, decimals);
  std::vector<double> values;
  double value = 50.0;
  for (size_t index = 0; index < count; ++index) {
    value = std::clamp(value + step(random), 0.0, 100.0);
    // As an agent would: the value printed with `decimals` digits, parsed back.
    values.push_back(std::strtod(std::to_string(std::round(value * scale) / scale).c_str(), nullptr));
  }
  return values;
}

TEST(FloatCodecTest, RoundTripsDecimalRandomWalks) {
  for (int decimals : {0, 1, 2, 4}) expect_round_trip(random_walk(4096, decimals, decimals));
}

TEST(FloatCodecTest, DecimalDataTakesTheDecimalPathAndBeatsGorillaByHalf) {
  const auto values = random_walk(4096, 2, 7);
  const std::string encoded = encode(values);
  EXPECT_EQ(static_cast<uint8_t>(encoded[0]), static_cast<uint8_t>(FloatCodec::kDecimal));
  // A 2-decimal walk with steps under 1.0 needs about 8 bits of delta per value.
  EXPECT_LT(encoded.size(), values.size() * 2);
}

TEST(FloatCodecTest, FullPrecisionRandomDoublesStayWithinTwoPercentOfRaw) {
  std::mt19937_64 random(11);
  std::vector<double> values(4096);
  for (double& value : values) value = std::bit_cast<double>((random() & ~(uint64_t{0xFFF} << 52)) | (uint64_t{0x3FF} << 52));
  expect_round_trip(values);
  EXPECT_LE(encode(values).size(), values.size() * 8 * 102 / 100);
}

TEST(FloatCodecTest, RoundTripsSpecialValuesBitExactly) {
  const double quiet_nan_with_payload = std::bit_cast<double>(uint64_t{0x7FF8000000000123});
  const double signalling_nan = std::bit_cast<double>(uint64_t{0x7FF0000000000001});
  const double negative_nan = std::bit_cast<double>(uint64_t{0xFFF8000000000000});
  expect_round_trip({quiet_nan_with_payload, signalling_nan, negative_nan, std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity(), -0.0, 0.0, std::numeric_limits<double>::denorm_min(),
                     -std::numeric_limits<double>::denorm_min(), DBL_MAX, -DBL_MAX, DBL_MIN, 1.5, 0.1});
}

TEST(FloatCodecTest, NegativeZeroAmongDecimalsStaysNegative) { expect_round_trip({1.25, -0.0, 2.5, 0.0}); }

TEST(FloatCodecTest, RoundTripsConstantSingleAndEmptyBlocks) {
  expect_round_trip(std::vector<double>(1000, 42.125));
  expect_round_trip({3.14159});
  expect_round_trip({});
  EXPECT_LE(encode(std::vector<double>(1000, 42.125)).size(), 16u);
}

TEST(FloatCodecTest, RejectsEveryTruncationAndTrailingBytes) {
  for (const auto& values : {random_walk(64, 2, 3), std::vector<double>{0.1, 1e300, -7.0, NAN}}) {
    const std::string encoded = encode(values);
    std::vector<double> decoded(values.size());
    for (size_t length = 0; length < encoded.size(); ++length) {
      EXPECT_FALSE(decode_floats(encoded.substr(0, length), decoded).is_ok()) << length;
    }
    EXPECT_FALSE(decode_floats(encoded + std::string(8, 'x'), decoded).is_ok());
  }
}

TEST(FloatCodecTest, DecodingDamagedBytesStaysInBounds) {
  const auto values = random_walk(256, 3, 5);
  const std::string encoded = encode(values);
  std::vector<double> decoded(values.size());
  std::mt19937 random(1);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string damaged = encoded;
    damaged[random() % damaged.size()] ^= static_cast<char>(1 << (random() % 8));
    (void)decode_floats(damaged, decoded);  // a checksum catches damage; this must just not crash
  }
}

}  // namespace
}  // namespace strata::codec
