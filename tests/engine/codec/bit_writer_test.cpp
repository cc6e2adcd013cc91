#include "engine/codec/bit_writer.h"

#include <gtest/gtest.h>

#include <random>
#include <utility>
#include <vector>

#include "engine/codec/bit_reader.h"
#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

using testing::from_hex;

TEST(BitWriterTest, WritesMostSignificantBitFirstAndPadsWithZeros) {
  std::string out;
  BitWriter writer(out);
  writer.write(0b1, 1);
  writer.write(0b01, 2);
  writer.write(0xabc, 12);
  writer.finish();
  // 1 01 101010111100, padded: 1011 0101 0111 1000
  EXPECT_EQ(out, from_hex("b5 78"));
}

TEST(BitWriterTest, RoundTripsRandomWidthsThroughTheReader) {
  std::mt19937_64 random(8);
  std::vector<std::pair<uint64_t, unsigned>> written;
  std::string out;
  BitWriter writer(out);
  for (int index = 0; index < 5000; ++index) {
    const auto bits = static_cast<unsigned>(random() % 65);
    const uint64_t value = bits == 64 ? random() : random() & ((uint64_t{1} << bits) - 1);
    writer.write(value, bits);
    written.emplace_back(value, bits);
  }
  writer.finish();
  BitReader reader(out);
  for (const auto& [value, bits] : written) {
    const std::optional<uint64_t> read = reader.read(bits);
    ASSERT_TRUE(read.has_value());
    ASSERT_EQ(*read, value);
  }
  EXPECT_LT(reader.remaining_bits(), 8u);
}

TEST(BitReaderTest, FailsInsteadOfReadingPastTheEnd) {
  const std::string in = from_hex("ff 80");
  BitReader reader(in);
  EXPECT_EQ(reader.read(9), std::optional<uint64_t>(0x1ff));
  EXPECT_FALSE(reader.read(8).has_value());
  EXPECT_EQ(reader.remaining_bits(), 7u);
  EXPECT_EQ(reader.read(7), std::optional<uint64_t>(0));
  EXPECT_FALSE(reader.read(1).has_value());
}

TEST(BitReaderTest, ReadsSixtyFourBitsAtAnUnalignedPosition) {
  const std::string in = from_hex("7f ff ff ff ff ff ff ff 80");
  BitReader reader(in);
  EXPECT_EQ(reader.read(1), std::optional<uint64_t>(0));
  EXPECT_EQ(reader.read(64), std::optional<uint64_t>(~uint64_t{0}));
}

}  // namespace
}  // namespace strata::codec
