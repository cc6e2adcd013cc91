// The synced length of an append-only file (WAL segment, series catalog): how many of its
// bytes are known durable, kept in two checksummed slots right after the file's header, so
// that recovery can tell a torn tail (bytes past it, never acknowledged) from damage to
// synced bytes (refused). Byte layout and the argument: docs/format/synced-length.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/base/status.h"
#include "engine/io/file_system.h"

namespace strata {

constexpr size_t kSyncedLengthSlotBytes = 16;  // length u64 + checksum u64
constexpr size_t kSyncedLengthBytes = 2 * kSyncedLengthSlotBytes;

struct SyncedLength {
  uint64_t length = 0;
  int newest_slot = 0;  // 0 or 1: the slot holding `length`
};

// Both slots holding `length`: what a new file starts with.
std::string encode_synced_length(uint64_t length);
// The larger length of the two slots whose checksum holds; nullopt when neither holds.
std::optional<SyncedLength> decode_synced_length(std::string_view slots);

// The synced length of `contents`, a file image of `path` whose slots are at `slots_offset`
// and whose records start at `records_offset`. kCorruption naming the path and the slots'
// offset when neither slot holds or the length points inside the header.
Result<SyncedLength> read_synced_length(std::string_view contents, const std::string& path, uint64_t slots_offset,
                                        uint64_t records_offset);

// Records a file's synced length into the slots at `slots_offset`, always into the slot
// that does not hold the newest length, so that a write torn by a crash leaves the other
// slot and the length it vouches for intact. Owned by the file's writer; not thread-safe.
class SyncedLengthRecorder {
 public:
  SyncedLengthRecorder(uint64_t slots_offset, SyncedLength current);
  // Writes `length` into the older slot. Durable at the file's next sync(); the caller
  // syncs the bytes up to `length` before calling, so the slot never vouches for more than
  // is on disk.
  Status record(WritableFile& file, uint64_t length);
  uint64_t recorded() const { return recorded_; }

 private:
  uint64_t slots_offset_;
  int newest_slot_;
  uint64_t recorded_;
};

}  // namespace strata
