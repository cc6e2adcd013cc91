// The general-purpose layer over a whole encoded block: zstd when it saves bytes, else the
// bytes as they are, marked by a leading byte. Layout: docs/format/codecs.md.
#include <zstd.h>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {
namespace {

// One zstd context per thread, reused: ZSTD_compress / ZSTD_decompress would allocate and
// initialise a fresh one (about 100-200 KiB) per block, which cost more than decoding small
// blocks itself. Freed when the thread ends.
struct ZstdContexts {
  ZSTD_CCtx* compress = ZSTD_createCCtx();
  ZSTD_DCtx* decompress = ZSTD_createDCtx();
  ZstdContexts() = default;
  ZstdContexts(const ZstdContexts&) = delete;
  ZstdContexts& operator=(const ZstdContexts&) = delete;
  ~ZstdContexts() {
    ZSTD_freeCCtx(compress);
    ZSTD_freeDCtx(decompress);
  }
};

ZstdContexts& zstd_contexts() {
  // One pair per thread, reused by every block it compresses and freed when the thread exits;
  // no block compression may run from a static or thread-local destructor
  // (docs/architecture.md "Per-thread scratch buffers").
  thread_local ZstdContexts contexts;
  return contexts;
}

}  // namespace

void compress_block(std::string_view block, int zstd_level, std::string& out) {
  const size_t start = out.size();
  const size_t bound = ZSTD_compressBound(block.size());
  out.resize(start + 1 + bound);
  out[start] = static_cast<char>(BlockCompression::kZstd);
  const size_t written = ZSTD_compressCCtx(zstd_contexts().compress, out.data() + start + 1, bound, block.data(),
                                          block.size(), zstd_level);
  if (ZSTD_isError(written) || written >= block.size()) {
    out.resize(start);
    out.push_back(static_cast<char>(BlockCompression::kStored));
    out.append(block);
    return;
  }
  out.resize(start + 1 + written);
}

Status decompress_block(std::string_view in, size_t max_bytes, std::string& out) {
  if (in.empty()) return Status::corruption("block: empty");
  const auto kind = static_cast<uint8_t>(in[0]);
  const std::string_view body = in.substr(1);
  if (kind == static_cast<uint8_t>(BlockCompression::kStored)) {
    if (body.size() > max_bytes) return Status::corruption("block: stored size over the limit");
    out.append(body);
    return Status::ok();
  }
  if (kind != static_cast<uint8_t>(BlockCompression::kZstd)) {
    return Status::corruption("block: unknown compression " + std::to_string(kind));
  }
  // Exactly one frame that declares its size, and that size within the caller's limit, so a
  // damaged header cannot make us allocate more than max_bytes.
  const unsigned long long size = ZSTD_getFrameContentSize(body.data(), body.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) return Status::corruption("block: bad zstd frame header");
  if (size > max_bytes) return Status::corruption("block: zstd content size over the limit");
  const size_t frame_size = ZSTD_findFrameCompressedSize(body.data(), body.size());
  if (ZSTD_isError(frame_size) || frame_size != body.size()) return Status::corruption("block: bytes after the zstd frame");
  const size_t start = out.size();
  out.resize(start + static_cast<size_t>(size));
  const size_t got = ZSTD_decompressDCtx(zstd_contexts().decompress, out.data() + start, static_cast<size_t>(size),
                                           body.data(), body.size());
  if (ZSTD_isError(got) || got != size) {
    out.resize(start);
    return Status::corruption(std::string("block: zstd: ") + (ZSTD_isError(got) ? ZSTD_getErrorName(got) : "size mismatch"));
  }
  return Status::ok();
}

}  // namespace strata::codec

namespace strata::codec {

Result<std::string_view> decompressed_view(std::string_view in, size_t max_bytes, std::string& scratch) {
  if (!in.empty() && static_cast<uint8_t>(in[0]) == static_cast<uint8_t>(BlockCompression::kStored)) {
    if (in.size() - 1 > max_bytes) return Status::corruption("block: stored size over the limit");
    return in.substr(1);
  }
  scratch.clear();
  STRATA_RETURN_IF_ERROR(decompress_block(in, max_bytes, scratch));
  return std::string_view(scratch);
}

}  // namespace strata::codec
