#include "engine/wal/wal_reader.h"

#include <optional>

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/base/log.h"
#include "engine/io/synced_length.h"
#include "engine/wal/record_frames.h"
#include "engine/wal/wal_format.h"

namespace strata {
namespace {

// The header's failed check, or nullopt when it is whole and intact.
std::optional<std::string> header_damage(std::string_view contents, uint64_t expected_number) {
  if (contents.size() < kWalHeaderBytes) return "header runs past the end of the file at offset 0";
  if (load_fixed64(contents.data() + 24) != checksum64(contents.substr(0, 24))) return "header checksum mismatch at offset 24";
  if (load_fixed64(contents.data()) != kWalMagic) return "bad magic at offset 0";
  const uint16_t version = load_fixed16(contents.data() + 8);
  if (version != kWalVersion && version != kWalVersion1) return "unknown version " + std::to_string(version) + " at offset 8";
  if (load_fixed16(contents.data() + 10) != 0 || load_fixed32(contents.data() + 12) != 0) return "reserved bits set at offset 10";
  if (load_fixed64(contents.data() + 16) != expected_number) return "segment number differs from the file name at offset 16";
  return std::nullopt;
}

}  // namespace

Result<WalSegmentReplay> read_wal_segment(std::string_view contents, const std::string& path, uint64_t expected_number,
                                          bool is_last, const WalRecordVisitor& visit) {
  WalSegmentReplay replay;
  const std::optional<std::string> damaged_header = header_damage(contents, expected_number);
  if (damaged_header) return Status::corruption(path + ": " + *damaged_header);
  const bool version1 = load_fixed16(contents.data() + 8) == kWalVersion1;
  const uint64_t records_offset = version1 ? kWalHeaderBytes : kWalRecordsOffset;
  uint64_t synced_length = records_offset;  // version 1 vouches for nothing past its header
  if (!version1) {
    STRATA_ASSIGN_OR_RETURN(const SyncedLength synced,
                            read_synced_length(contents, path, kWalSyncedLengthOffset, kWalRecordsOffset));
    synced_length = synced.length;
  }
  STRATA_ASSIGN_OR_RETURN(
      const FrameWalk walk,
      walk_frames(contents, records_offset, kWalMaxRecordBytes, synced_length,
                  [&](std::string_view payload, uint64_t offset) {
                    return visit(payload).with_context(path + " at offset " + std::to_string(offset));
                  }));
  STRATA_RETURN_IF_ERROR(check_synced_prefix(path, walk, synced_length, contents.size()));
  if (version1 && walk.end < contents.size() && !is_last) {
    // An older segment was synced whole before the next one began: not a crash.
    return Status::corruption(path + ": " + walk.damage + " at offset " + std::to_string(walk.end) +
                              " in a segment that is not the newest");
  }
  replay.records = walk.records;
  replay.valid_bytes = walk.end;
  replay.dropped_bytes = contents.size() - walk.end;
  replay.damage = walk.damage;
  return replay;
}

Result<WalSegmentReplay> replay_wal_segment(FileSystem& fs, const std::string& directory, uint64_t number,
                                            bool is_last, const WalRecordVisitor& visit) {
  const std::string path = join_path(directory, wal_segment_file_name(number));
  STRATA_ASSIGN_OR_RETURN(const std::string contents, fs.read_file(path));
  STRATA_ASSIGN_OR_RETURN(WalSegmentReplay replay, read_wal_segment(contents, path, number, is_last, visit));
  if (replay.dropped_bytes == 0) return replay;
  log_warning("wal tail torn past its synced length; cut at the last valid record",
              {{"path", path},
               {"offset", std::to_string(replay.valid_bytes)},
               {"dropped_bytes", std::to_string(replay.dropped_bytes)},
               {"records_kept", std::to_string(replay.records)},
               {"cause", replay.damage}});
  STRATA_RETURN_IF_ERROR(fs.truncate(path, replay.valid_bytes));
  return replay;
}

}  // namespace strata
