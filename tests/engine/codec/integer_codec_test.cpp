#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "engine/codec/codec.h"

namespace strata::codec {
namespace {

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

TEST(IntegerCodecTest, RoundTripsExtremesOfBothTypes) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();
  expect_round_trip<int64_t>({kMin, kMax, 0, kMin, -1, kMax, 1});
  expect_round_trip<uint64_t>({0, std::numeric_limits<uint64_t>::max(), 1, std::numeric_limits<uint64_t>::max()});
  expect_round_trip<int64_t>({kMin});
  expect_round_trip<int64_t>({});
}

TEST(IntegerCodecTest, RoundTripsRandomAndConstantColumns) {
  std::mt19937_64 random(9);
  std::vector<int64_t> values(4096);
  for (int64_t& value : values) value = static_cast<int64_t>(random());
  expect_round_trip(values);
  std::vector<int64_t> counter(4096);
  for (size_t index = 0; index < counter.size(); ++index) counter[index] = 1000 + static_cast<int64_t>(index) * 3;
  expect_round_trip(counter);
  std::string encoded;
  encode_int64s(counter, encoded);
  EXPECT_LT(encoded.size(), 16u);  // constant delta packs to zero bits
  expect_round_trip(std::vector<int64_t>(100, -7));
}

TEST(IntegerCodecTest, RejectsEveryTruncation) {
  std::string encoded;
  const std::vector<int64_t> values{1, -5, 1000000, 3};
  encode_int64s(values, encoded);
  std::vector<int64_t> decoded(values.size());
  for (size_t length = 0; length < encoded.size(); ++length) {
    EXPECT_FALSE(decode_int64s(encoded.substr(0, length), decoded).is_ok()) << length;
  }
  EXPECT_FALSE(decode_int64s(encoded + "x", decoded).is_ok());
}

}  // namespace
}  // namespace strata::codec
