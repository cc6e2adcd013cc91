#include "engine/wal/record_frames.h"

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/wal/wal_format.h"

namespace strata {

Result<FrameWalk> walk_frames(std::string_view contents, uint64_t offset, uint32_t max_length,
                              uint64_t synced_length, const FrameVisitor& visit) {
  FrameWalk walk;
  walk.end = offset;
  while (walk.end < contents.size()) {
    const uint64_t left = contents.size() - walk.end;
    if (left < kWalRecordHeaderBytes) {
      walk.damage = "record header runs past the end of the file";
      return walk;
    }
    const char* frame = contents.data() + walk.end;
    const uint32_t length = load_fixed32(frame + 8);
    if (length > max_length) {
      walk.damage = "record length " + std::to_string(length) + " over the limit";
      return walk;
    }
    if (left - kWalRecordHeaderBytes < length) {
      walk.damage = "record of " + std::to_string(length) + " bytes runs past the end of the file";
      return walk;
    }
    if (checksum64(std::string_view(frame + 8, 4 + length)) != load_fixed64(frame)) {
      walk.damage = "record checksum mismatch";
      return walk;
    }
    const uint64_t next = walk.end + kWalRecordHeaderBytes + length;
    if (walk.end < synced_length && next > synced_length) {
      walk.damage = "record crosses the synced length " + std::to_string(synced_length);
      return walk;
    }
    STRATA_RETURN_IF_ERROR(visit(std::string_view(frame + kWalRecordHeaderBytes, length), walk.end));
    walk.end = next;
    ++walk.records;
  }
  return walk;
}

Status check_synced_prefix(const std::string& path, const FrameWalk& walk, uint64_t synced_length, uint64_t file_size) {
  if (file_size < synced_length) {
    return Status::corruption(path + ": file ends at offset " + std::to_string(file_size) + ", before its synced length " +
                              std::to_string(synced_length) + " (truncated)");
  }
  if (walk.end < synced_length) {
    return Status::corruption(path + ": " + walk.damage + " at offset " + std::to_string(walk.end) +
                              ", before the synced length " + std::to_string(synced_length));
  }
  return Status::ok();
}

}  // namespace strata
