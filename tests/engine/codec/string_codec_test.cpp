#include <gtest/gtest.h>

#include <random>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"
#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

using testing::from_hex;

std::string encode(const std::vector<std::string>& values) {
  std::string out;
  encode_strings(values, out);
  return out;
}

void expect_round_trip(const std::vector<std::string>& values) {
  std::vector<std::string> decoded(values.size(), "stale");
  ASSERT_TRUE(decode_strings(encode(values), decoded).is_ok());
  EXPECT_EQ(decoded, values);
}

TEST(StringCodecTest, GoldenBytesMatchTheFormatDoc) {
  EXPECT_EQ(encode({"a", "b"}), from_hex("01 01 61 01 62"));
  // Dictionary of one entry "ab"; four indexes of width 0 with no exceptions.
  EXPECT_EQ(encode({"ab", "ab", "ab", "ab"}), from_hex("03 01 02 61 62 00 00"));
  EXPECT_EQ(encode({}), from_hex("00"));
}

TEST(StringCodecTest, DecodesVersionOneDictionaries) {
  // v1 dictionary (0x02): one entry "ab", width 0, no exception count.
  std::vector<std::string> decoded(3);
  ASSERT_TRUE(decode_strings(from_hex("02 01 02 61 62 00"), decoded).is_ok());
  EXPECT_EQ(decoded, (std::vector<std::string>{"ab", "ab", "ab"}));
}

TEST(StringCodecTest, RoundTripsDictionaryAndPlainColumns) {
  std::vector<std::string> hosts;
  for (int index = 0; index < 4096; ++index) hosts.push_back("host_" + std::to_string(index % 10));
  expect_round_trip(hosts);
  EXPECT_EQ(static_cast<uint8_t>(encode(hosts)[0]), static_cast<uint8_t>(StringCodec::kDictionary));
  std::vector<std::string> unique;
  for (int index = 0; index < 500; ++index) unique.push_back(std::string(static_cast<size_t>(index % 300), 'x') + std::to_string(index));
  expect_round_trip(unique);
  EXPECT_EQ(static_cast<uint8_t>(encode(unique)[0]), static_cast<uint8_t>(StringCodec::kPlain));
  expect_round_trip({""});
  expect_round_trip({"", "", ""});
  expect_round_trip({std::string("with\0nul", 8), "ünïcødé"});
}

TEST(StringCodecTest, RejectsEveryTruncationAndTrailingBytes) {
  for (const std::vector<std::string>& values : {std::vector<std::string>{"alpha", "beta", "alpha", "alpha", "alpha"},
                                                 std::vector<std::string>{"one", "two", "three"}}) {
    const std::string encoded = encode(values);
    std::vector<std::string> decoded(values.size());
    for (size_t length = 0; length < encoded.size(); ++length) {
      EXPECT_FALSE(decode_strings(encoded.substr(0, length), decoded).is_ok()) << length;
    }
    EXPECT_FALSE(decode_strings(encoded + "x", decoded).is_ok());
  }
}

TEST(StringCodecTest, RejectsLengthsAndIndexesBeyondTheInput) {
  std::vector<std::string> two(2);
  EXPECT_FALSE(decode_strings(from_hex("01 ff ff ff ff 0f 61"), two).is_ok());  // a 4 GiB length
  EXPECT_FALSE(decode_strings(from_hex("03 ff ff 03 00"), two).is_ok());        // dictionary larger than the block
  EXPECT_FALSE(decode_strings(from_hex("03 01 01 61 01 00 02"), two).is_ok());  // index 1 of a one-entry dictionary
  EXPECT_FALSE(decode_strings(from_hex("03 00 00 00"), two).is_ok());           // empty dictionary
  EXPECT_FALSE(decode_strings(from_hex("05 00"), two).is_ok());
}

// Codecs carry no checksum (the segment's block checksum covers the stored block, see
// codec_test_util.h): a flipped bit may decode to other strings, but each is a run of the
// input's own bytes, whether stored plainly or in the dictionary.
TEST(StringCodecTest, EveryBitFlipIsRefusedAsCorruptionOrFillsTheSpanWithSlicesOfTheInput) {
  const std::vector<std::string> repeated{"cpu", "mem", "cpu", "disk", "cpu", "cpu", "mem", "cpu", "cpu", "cpu"};
  const std::vector<std::string> distinct{"alpha", "beta", "gamma", ""};
  for (const auto& values : {repeated, distinct}) {
    const std::string encoded = encode(values);
    testing::BitFlipSweep<std::string> sweep("strings", values.size());
    sweep.run(encoded, decode_strings, [](std::string_view damaged, std::span<const std::string> decoded) {
      for (const std::string& value : decoded) {
        ASSERT_NE(damaged.find(value), std::string_view::npos) << "a value not taken from the input: " << value;
      }
    });
    if (::testing::Test::HasFatalFailure()) return;
    EXPECT_GT(sweep.refused(), 0u) << "codec " << static_cast<int>(encoded[0]);
    EXPECT_GT(sweep.decoded(), 0u) << "codec " << static_cast<int>(encoded[0]);
  }
}

}  // namespace
}  // namespace strata::codec
