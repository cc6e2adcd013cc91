// gunzip: round trips against zlib's own compressor, concatenated members, the output
// bound (a zip bomb stops at the limit) and damaged input.
#include "server/http/gzip_decoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace strata::server {
namespace {

// Compresses with zlib's deflate in gzip framing: an independent producer of test input.
std::string gzip(const std::string& input) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string output(deflateBound(&stream, input.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  output.resize(stream.total_out);
  deflateEnd(&stream);
  return output;
}

TEST(GzipDecoderTest, RoundTripsSmallAndLargeBodies) {
  for (size_t size : {size_t{0}, size_t{1}, size_t{1000}, size_t{3} << 20}) {
    std::string input(size, '\0');
    for (size_t i = 0; i < size; ++i) input[i] = static_cast<char>('a' + (i * 7919) % 26);
    auto decoded = gunzip(gzip(input), size_t{8} << 20);
    ASSERT_TRUE(decoded.has_value()) << decoded.status().to_string();
    EXPECT_EQ(*decoded, input) << size;
  }
}

TEST(GzipDecoderTest, AcceptsConcatenatedMembers) {
  auto decoded = gunzip(gzip("cpu v=1\n") + gzip("cpu v=2\n"), 1024);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, "cpu v=1\ncpu v=2\n");
}

TEST(GzipDecoderTest, StopsAtTheOutputLimit) {
  const std::string bomb = gzip(std::string(10 << 20, 'x'));  // compresses ~1000:1
  EXPECT_EQ(gunzip(bomb, 1 << 20).status().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(gunzip(bomb, 10 << 20).has_value());  // exactly at the limit is fine
}

TEST(GzipDecoderTest, RejectsTruncatedAndCorruptInput) {
  const std::string whole = gzip(std::string(5000, 'y'));
  EXPECT_EQ(gunzip(whole.substr(0, whole.size() / 2), 1 << 20).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(gunzip("not gzip at all", 1 << 20).status().code(), StatusCode::kInvalidArgument);
  std::string flipped = whole;
  flipped[flipped.size() - 6] ^= 0x40;  // inside the CRC-32 trailer
  EXPECT_EQ(gunzip(flipped, 1 << 20).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace strata::server
