#include "engine/codec/bit_packing.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

using testing::from_hex;

uint64_t mask_of(unsigned width) { return width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1; }

TEST(BitPackingTest, PacksLeastSignificantBitFirst) {
  std::string out;
  pack_bits(std::vector<uint64_t>{1, 2, 3}, 3, out);
  // 1 at bits 0-2, 2 at bits 3-5, 3 at bits 6-8: 0b11'010'001 then 0b0000000'1.
  EXPECT_EQ(out, from_hex("d1 00"));
}

TEST(BitPackingTest, RoundTripsEveryWidthAndCount) {
  std::mt19937_64 random(5);
  for (unsigned width = 0; width <= 64; ++width) {
    for (size_t count : {0, 1, 7, 8, 9, 63, 64, 65, 200}) {
      std::vector<uint64_t> values(count);
      for (uint64_t& value : values) value = random() & mask_of(width);
      std::string packed;
      pack_bits(values, width, packed);
      ASSERT_EQ(packed.size(), packed_bytes(count, width));
      std::vector<uint64_t> unpacked(count, 12345);
      unpack_bits(packed, width, unpacked);
      ASSERT_EQ(unpacked, values) << "width " << width << " count " << count;
    }
  }
}

TEST(BitPackingTest, IgnoresBitsAboveTheWidth) {
  std::string out;
  pack_bits(std::vector<uint64_t>{0xff, 0x00}, 4, out);
  EXPECT_EQ(out, from_hex("0f"));
}

TEST(BitPackingTest, BitWidthIsThatOfTheLargestValue) {
  EXPECT_EQ(bit_width_of(std::vector<uint64_t>{}), 0u);
  EXPECT_EQ(bit_width_of(std::vector<uint64_t>{0, 0}), 0u);
  EXPECT_EQ(bit_width_of(std::vector<uint64_t>{1, 4, 2}), 3u);
  EXPECT_EQ(bit_width_of(std::vector<uint64_t>{~uint64_t{0}}), 64u);
}

}  // namespace
}  // namespace strata::codec
