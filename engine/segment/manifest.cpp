#include "engine/segment/manifest.h"

#include <charconv>
#include <cstdio>

#include "engine/base/checksum.h"
#include "engine/base/coding.h"

namespace strata {
namespace {

// "STRAMAN\x01" read as a little-endian u64.
constexpr uint64_t kManifestMagic = 0x014E414D41525453ULL;
constexpr uint16_t kManifestVersion = 1;
constexpr size_t kManifestHeaderBytes = 28;  // magic, version, flags, reserved, generation, count
constexpr size_t kManifestEntryBytes = 48;

}  // namespace

std::string encode_manifest(const Manifest& manifest) {
  std::string bytes;
  put_fixed64(bytes, kManifestMagic);
  put_fixed16(bytes, kManifestVersion);
  put_fixed16(bytes, 0);
  put_fixed32(bytes, 0);
  put_fixed64(bytes, manifest.generation);
  put_fixed32(bytes, static_cast<uint32_t>(manifest.segments.size()));
  for (const ManifestSegment& segment : manifest.segments) {
    put_fixed64(bytes, segment.number);
    put_fixed64(bytes, segment.size_bytes);
    put_fixed64(bytes, static_cast<uint64_t>(segment.min_time_ns));
    put_fixed64(bytes, static_cast<uint64_t>(segment.max_time_ns));
    put_fixed64(bytes, segment.point_count);
    put_fixed64(bytes, segment.wal_segment);
  }
  put_fixed64(bytes, checksum64(bytes));
  return bytes;
}

Result<Manifest> decode_manifest(std::string_view bytes, const std::string& path) {
  auto corrupt = [&path](std::string_view check, size_t offset) {
    return Status::corruption(path + ": manifest " + std::string(check) + " at offset " + std::to_string(offset));
  };
  if (bytes.size() < kManifestHeaderBytes + 8) return corrupt("too short", bytes.size());
  const size_t body = bytes.size() - 8;
  if (checksum64(bytes.substr(0, body)) != load_fixed64(bytes.data() + body)) return corrupt("checksum mismatch", body);
  if (load_fixed64(bytes.data()) != kManifestMagic) return corrupt("bad magic", 0);
  if (load_fixed16(bytes.data() + 8) != kManifestVersion) return corrupt("unsupported version", 8);
  if (load_fixed16(bytes.data() + 10) != 0 || load_fixed32(bytes.data() + 12) != 0) return corrupt("reserved bits set", 10);
  Manifest manifest;
  manifest.generation = load_fixed64(bytes.data() + 16);
  const uint32_t count = load_fixed32(bytes.data() + 24);
  if (body != kManifestHeaderBytes + size_t{count} * kManifestEntryBytes) return corrupt("size does not match count", 24);
  for (uint32_t index = 0; index < count; ++index) {
    const char* entry = bytes.data() + kManifestHeaderBytes + index * kManifestEntryBytes;
    ManifestSegment segment{load_fixed64(entry),
                            load_fixed64(entry + 8),
                            static_cast<int64_t>(load_fixed64(entry + 16)),
                            static_cast<int64_t>(load_fixed64(entry + 24)),
                            load_fixed64(entry + 32),
                            load_fixed64(entry + 40)};
    if (!manifest.segments.empty() && manifest.segments.back().number >= segment.number) {
      return corrupt("segments out of order", kManifestHeaderBytes + index * kManifestEntryBytes);
    }
    manifest.segments.push_back(segment);
  }
  return manifest;
}

Result<Manifest> read_manifest(FileSystem& fs, const std::string& path) {
  if (!fs.exists(path)) return Status::not_found(path + ": no manifest");
  STRATA_ASSIGN_OR_RETURN(const std::string bytes, fs.read_file(path));
  return decode_manifest(bytes, path);
}

Status write_manifest(FileSystem& fs, const std::string& path, const Manifest& manifest) {
  return fs.write_file_atomically(path, encode_manifest(manifest)).with_context("write manifest " + path);
}

std::string segment_file_name(uint64_t number) {
  char name[40];
  std::snprintf(name, sizeof name, "%020llu.seg", static_cast<unsigned long long>(number));
  return name;
}

std::optional<uint64_t> parse_segment_file_name(std::string_view name) {
  if (name.size() != 24 || !name.ends_with(".seg")) return std::nullopt;
  uint64_t number = 0;
  auto [end, error] = std::from_chars(name.data(), name.data() + 20, number);
  if (error != std::errc() || end != name.data() + 20) return std::nullopt;
  return number;
}

}  // namespace strata
