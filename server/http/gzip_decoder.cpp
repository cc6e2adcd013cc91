// gunzip on zlib's inflate; see gzip_decoder.h.
#include "server/http/gzip_decoder.h"

#include <zlib.h>

#include <algorithm>

namespace strata::server {
namespace {

// 16 + MAX_WBITS: expect a gzip header and trailer (and check its CRC-32), not raw deflate.
constexpr int kGzipWindowBits = 16 + MAX_WBITS;
constexpr size_t kOutputStepBytes = 256 << 10;

struct InflateStream {
  z_stream stream{};
  bool initialised = false;
  ~InflateStream() {
    if (initialised) inflateEnd(&stream);
  }
};

}  // namespace

Result<std::string> gunzip(std::string_view compressed, size_t max_output_bytes) {
  InflateStream inflater;
  if (inflateInit2(&inflater.stream, kGzipWindowBits) != Z_OK) return Status::internal("gzip: inflateInit2 failed");
  inflater.initialised = true;
  z_stream& stream = inflater.stream;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());

  std::string output;
  size_t produced = 0;
  auto too_large = [max_output_bytes] {
    return Status::resource_exhausted("gzip body decodes to more than " + std::to_string(max_output_bytes) +
                                      " bytes, the body limit");
  };
  while (true) {
    if (produced == output.size()) {
      // Grow by a step, up to one byte past the limit: producing that byte is the overflow.
      if (output.size() > max_output_bytes) return too_large();
      output.resize(output.size() + std::min(kOutputStepBytes, max_output_bytes + 1 - output.size()));
    }
    stream.next_out = reinterpret_cast<Bytef*>(output.data() + produced);
    stream.avail_out = static_cast<uInt>(output.size() - produced);
    const int result = inflate(&stream, Z_NO_FLUSH);
    produced = output.size() - stream.avail_out;
    if (produced > max_output_bytes) return too_large();
    if (result == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      // Another gzip member follows.
      if (inflateReset(&stream) != Z_OK) return Status::internal("gzip: inflateReset failed");
      continue;
    }
    if (result == Z_BUF_ERROR && stream.avail_in == 0) return Status::invalid_argument("gzip body is truncated");
    if (result != Z_OK && result != Z_BUF_ERROR) {
      return Status::invalid_argument(std::string("gzip body is corrupt: ") + (stream.msg ? stream.msg : "inflate failed"));
    }
  }
  output.resize(produced);
  return output;
}

}  // namespace strata::server
