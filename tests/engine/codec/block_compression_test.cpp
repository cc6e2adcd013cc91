#include <gtest/gtest.h>

#include <random>

#include "engine/codec/codec.h"

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

}  // namespace
}  // namespace strata::codec
