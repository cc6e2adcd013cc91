// The manifest of a time partition: the list of its live segments, replaced atomically
// (write temp, fsync, rename, fsync directory). A segment exists for readers only once a
// manifest names it. Format: docs/format/manifest.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/io/file_system.h"

namespace strata {

constexpr char kManifestFileName[] = "MANIFEST";

struct ManifestSegment {
  uint64_t number = 0;  // names the file: segment_file_name(number)
  uint64_t size_bytes = 0;
  int64_t min_time_ns = 0;
  int64_t max_time_ns = 0;
  uint64_t point_count = 0;
  // The newest WAL segment whose writes this segment holds (recovery skips what is here).
  uint64_t wal_segment = 0;
  bool operator==(const ManifestSegment&) const = default;
};

struct Manifest {
  uint64_t generation = 0;
  std::vector<ManifestSegment> segments;  // ascending number: later ones hold newer writes
  bool operator==(const Manifest&) const = default;
};

std::string encode_manifest(const Manifest& manifest);
// kCorruption naming `path` and the offset on any damage.
Result<Manifest> decode_manifest(std::string_view bytes, const std::string& path);
// kNotFound when absent.
Result<Manifest> read_manifest(FileSystem& fs, const std::string& path);
Status write_manifest(FileSystem& fs, const std::string& path, const Manifest& manifest);

// "00000000000000000042.seg"
std::string segment_file_name(uint64_t number);
std::optional<uint64_t> parse_segment_file_name(std::string_view name);

}  // namespace strata
