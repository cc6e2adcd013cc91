#include <gtest/gtest.h>

#include <random>

#include "engine/codec/codec.h"
#include "tests/engine/codec/codec_test_util.h"

namespace strata::codec {
namespace {

TEST(BlockCompressionTest, CompressibleBlocksShrinkAndRoundTrip) {
  const std::string block(10000, 'a');
  std::string compressed, restored;
  compress_block(block, 3, compressed);
  EXPECT_LT(compressed.size(), 100u);
  ASSERT_TRUE(decompress_block(compressed, 1 << 20, restored).is_ok());
  EXPECT_EQ(restored, block);
}

TEST(BlockCompressionTest, IncompressibleBlocksAreStoredAsIs) {
  std::mt19937 random(4);
  std::string block(1000, '\0');
  for (char& c : block) c = static_cast<char>(random());
  std::string compressed, restored;
  compress_block(block, 3, compressed);
  EXPECT_EQ(compressed.size(), block.size() + 1);
  ASSERT_TRUE(decompress_block(compressed, 1 << 20, restored).is_ok());
  EXPECT_EQ(restored, block);
}

TEST(BlockCompressionTest, RefusesFramesOverTheLimitAndDamage) {
  const std::string block(10000, 'a');
  std::string compressed, restored;
  compress_block(block, 3, compressed);
  EXPECT_FALSE(decompress_block(compressed, 9999, restored).is_ok());
  for (size_t length = 0; length < compressed.size(); ++length) {
    restored.clear();
    EXPECT_FALSE(decompress_block(compressed.substr(0, length), 1 << 20, restored).is_ok()) << length;
  }
}

TEST(BlockCompressionTest, StoredBlocksKeepTheirBytesAfterTheMarker) {
  std::string compressed, restored = "kept";
  compress_block("ab", 3, compressed);
  EXPECT_EQ(compressed, testing::from_hex("00 61 62"));
  ASSERT_TRUE(decompress_block(compressed, 2, restored).is_ok());
  EXPECT_EQ(restored, "keptab");  // appended, not replaced
  compressed.clear();
  compress_block("", 3, compressed);
  restored.clear();
  ASSERT_TRUE(decompress_block(compressed, 0, restored).is_ok());
  EXPECT_EQ(restored, "");
  EXPECT_FALSE(decompress_block(testing::from_hex("00 61 62"), 1, restored).is_ok());
}

TEST(BlockCompressionTest, RejectsUnknownMarkersAndBytesAfterTheFrame) {
  const std::string block(10000, 'a');
  std::string compressed, restored;
  compress_block(block, 1, compressed);
  ASSERT_EQ(compressed[0], '\x01');
  EXPECT_FALSE(decompress_block(compressed + "x", 1 << 20, restored).is_ok());
  EXPECT_FALSE(decompress_block(compressed + compressed.substr(1), 1 << 20, restored).is_ok());
  compressed[0] = '\x02';
  EXPECT_FALSE(decompress_block(compressed, 1 << 20, restored).is_ok());
  EXPECT_FALSE(decompress_block("", 1 << 20, restored).is_ok());
}

TEST(BlockCompressionTest, DecodingDamagedFramesStaysInBounds) {
  std::string block;
  for (int index = 0; index < 2000; ++index) block += std::to_string(index * 7 % 101);
  std::string compressed;
  compress_block(block, 3, compressed);
  ASSERT_EQ(compressed[0], '\x01');
  for (size_t byte = 0; byte < compressed.size(); ++byte) {
    std::string damaged = compressed, restored;
    damaged[byte] ^= 0x10;
    if (decompress_block(damaged, 1 << 20, restored).is_ok()) {
      EXPECT_LE(restored.size(), size_t{1} << 20);
    }
  }
}

}  // namespace
}  // namespace strata::codec
