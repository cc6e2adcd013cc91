#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "engine/codec/codec.h"

namespace strata::codec {
namespace {

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

TEST(TimestampCodecTest, ConstantStepCostsAFewBytesPerBlock) {
  std::vector<int64_t> values;
  for (int64_t index = 0; index < 4096; ++index) values.push_back(1'700'000'000'000'000'000LL + index * 10'000'000'000LL);
  expect_round_trip(values);
  EXPECT_LT(encode(values).size(), 20u);  // well under 0.1 byte per timestamp
}

TEST(TimestampCodecTest, JitteredStepsStayCompact) {
  std::mt19937_64 random(3);
  std::vector<int64_t> values;
  int64_t ts = 1'700'000'000'000'000'000LL;
  for (int index = 0; index < 4096; ++index) values.push_back(ts += 10'000'000'000LL + static_cast<int64_t>(random() % 1000));
  expect_round_trip(values);
  EXPECT_LT(encode(values).size(), 4096u * 2);
}

TEST(TimestampCodecTest, RoundTripsOutOfOrderAndInt64Limits) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();
  expect_round_trip({kMin, kMax, kMin, 0, kMax, -1, 1});
  expect_round_trip({30, 10, 20, 20, 5});
  expect_round_trip({kMax});
  expect_round_trip({kMin, kMin + 1});
  expect_round_trip({});
}

TEST(TimestampCodecTest, RejectsTruncationTrailingBytesAndCountMismatch) {
  const std::vector<int64_t> values{5, 7, 100, 3, 9};
  const std::string encoded = encode(values);
  std::vector<int64_t> decoded(values.size());
  for (size_t length = 0; length < encoded.size(); ++length) {
    EXPECT_FALSE(decode_timestamps(encoded.substr(0, length), decoded).is_ok()) << length;
  }
  EXPECT_FALSE(decode_timestamps(encoded + "x", decoded).is_ok());
  std::vector<int64_t> too_many(values.size() + 1);
  EXPECT_FALSE(decode_timestamps(encoded, too_many).is_ok());
}

}  // namespace
}  // namespace strata::codec
