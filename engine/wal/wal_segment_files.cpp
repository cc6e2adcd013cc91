#include "engine/wal/wal_segment_files.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/wal/wal_format.h"

namespace strata {

std::string wal_segment_file_name(uint64_t number) {
  char name[48];
  std::snprintf(name, sizeof name, "wal-%020llu.log", static_cast<unsigned long long>(number));
  return name;
}

std::optional<uint64_t> parse_wal_segment_file_name(std::string_view name) {
  if (name.size() != 28 || !name.starts_with("wal-") || !name.ends_with(".log")) return std::nullopt;
  uint64_t number = 0;
  auto [end, error] = std::from_chars(name.data() + 4, name.data() + 24, number);
  if (error != std::errc() || end != name.data() + 24) return std::nullopt;
  return number;
}

Result<std::vector<uint64_t>> list_wal_segments(FileSystem& fs, const std::string& directory) {
  STRATA_ASSIGN_OR_RETURN(auto names, fs.list_dir(directory));
  std::vector<uint64_t> numbers;
  for (const std::string& name : names) {
    if (auto number = parse_wal_segment_file_name(name)) numbers.push_back(*number);
  }
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

Status remove_wal_segments_before(FileSystem& fs, const std::string& directory, uint64_t number) {
  STRATA_ASSIGN_OR_RETURN(auto numbers, list_wal_segments(fs, directory));
  bool removed = false;
  for (uint64_t existing : numbers) {
    if (existing >= number) break;
    STRATA_RETURN_IF_ERROR(fs.remove_file(join_path(directory, wal_segment_file_name(existing))));
    removed = true;
  }
  return removed ? fs.sync_dir(directory) : Status::ok();
}

std::string encode_wal_header(uint64_t segment_number) {
  std::string header;
  put_fixed64(header, kWalMagic);
  put_fixed16(header, kWalVersion);
  put_fixed16(header, 0);  // flags, reserved
  put_fixed32(header, 0);  // reserved
  put_fixed64(header, segment_number);
  put_fixed64(header, checksum64(header));
  return header;
}

void append_wal_record(std::string& out, std::string_view payload) {
  const size_t start = out.size();
  put_fixed64(out, 0);  // checksum, filled below
  put_fixed32(out, static_cast<uint32_t>(payload.size()));
  out.append(payload);
  // The checksum covers the length too: a damaged length is caught before it is trusted.
  const std::string_view covered(out.data() + start + 8, 4 + payload.size());
  store_fixed64(out.data() + start, checksum64(covered));
}

}  // namespace strata
