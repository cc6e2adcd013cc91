#include "engine/segment/manifest.h"

#include <gtest/gtest.h>

#include "engine/io/faulty_file_system.h"

namespace strata {
namespace {

Manifest sample() {
  return Manifest{7, {{1, 4096, -5, 100, 300, 2}, {4, 8192, 50, 500, 600, 3}}};
}

TEST(ManifestTest, RoundTripsThroughAnAtomicReplace) {
  FaultyFileSystem fs;
  ASSERT_TRUE(fs.create_dir("/p").is_ok());
  EXPECT_EQ(read_manifest(fs, "/p/MANIFEST").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(write_manifest(fs, "/p/MANIFEST", sample()).is_ok());
  EXPECT_EQ(read_manifest(fs, "/p/MANIFEST").value(), sample());
  EXPECT_FALSE(fs.exists("/p/MANIFEST.tmp"));
  // Durable: the rename and the directory were synced.
  fs.simulate_crash();
  EXPECT_EQ(read_manifest(fs, "/p/MANIFEST").value(), sample());
}

TEST(ManifestTest, LayoutMatchesTheDocument) {
  const std::string bytes = encode_manifest(sample());
  // docs/format/manifest.md: 28-byte header, 48 bytes per segment, 8-byte checksum.
  EXPECT_EQ(bytes.size(), 28u + 2 * 48 + 8);
  EXPECT_EQ(bytes.substr(0, 8), std::string("STRAMAN\x01", 8));
}

TEST(ManifestTest, DetectsEveryFlippedBitAndTruncation) {
  const std::string bytes = encode_manifest(sample());
  for (size_t bit = 0; bit < bytes.size() * 8; ++bit) {
    std::string damaged = bytes;
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_EQ(decode_manifest(damaged, "m").status().code(), StatusCode::kCorruption) << bit;
  }
  for (size_t length = 0; length < bytes.size(); ++length) {
    EXPECT_EQ(decode_manifest(bytes.substr(0, length), "m").status().code(), StatusCode::kCorruption) << length;
  }
}

TEST(ManifestTest, SegmentFileNamesParseBack) {
  EXPECT_EQ(segment_file_name(42), "00000000000000000042.seg");
  EXPECT_EQ(parse_segment_file_name("00000000000000000042.seg"), 42u);
  EXPECT_FALSE(parse_segment_file_name("0000000000000000042.seg"));
  EXPECT_FALSE(parse_segment_file_name("MANIFEST"));
}

}  // namespace
}  // namespace strata
