#include "engine/io/synced_length.h"

#include "engine/base/checksum.h"
#include "engine/base/coding.h"

namespace strata {
namespace {

void put_slot(std::string& out, uint64_t length) {
  const size_t start = out.size();
  put_fixed64(out, length);
  put_fixed64(out, checksum64(std::string_view(out.data() + start, 8)));
}

}  // namespace

std::string encode_synced_length(uint64_t length) {
  std::string slots;
  put_slot(slots, length);
  put_slot(slots, length);
  return slots;
}

std::optional<SyncedLength> decode_synced_length(std::string_view slots) {
  std::optional<SyncedLength> newest;
  if (slots.size() < kSyncedLengthBytes) return newest;
  for (int slot = 0; slot < 2; ++slot) {
    const std::string_view bytes = slots.substr(static_cast<size_t>(slot) * kSyncedLengthSlotBytes, kSyncedLengthSlotBytes);
    if (checksum64(bytes.substr(0, 8)) != load_fixed64(bytes.data() + 8)) continue;
    const uint64_t length = load_fixed64(bytes.data());
    if (!newest || length > newest->length) newest = SyncedLength{length, slot};
  }
  return newest;
}

Result<SyncedLength> read_synced_length(std::string_view contents, const std::string& path, uint64_t slots_offset,
                                        uint64_t records_offset) {
  const std::optional<SyncedLength> synced =
      slots_offset < contents.size() ? decode_synced_length(contents.substr(slots_offset, kSyncedLengthBytes)) : std::nullopt;
  if (!synced) {
    return Status::corruption(path + ": synced-length slots damaged or missing at offset " + std::to_string(slots_offset));
  }
  if (synced->length < records_offset) {
    return Status::corruption(path + ": synced length " + std::to_string(synced->length) +
                              " is inside the header, at offset " + std::to_string(slots_offset));
  }
  return *synced;
}

SyncedLengthRecorder::SyncedLengthRecorder(uint64_t slots_offset, SyncedLength current)
    : slots_offset_(slots_offset), newest_slot_(current.newest_slot), recorded_(current.length) {}

Status SyncedLengthRecorder::record(WritableFile& file, uint64_t length) {
  const int slot = 1 - newest_slot_;
  std::string bytes;
  put_slot(bytes, length);
  STRATA_RETURN_IF_ERROR(file.write_at(slots_offset_ + static_cast<uint64_t>(slot) * kSyncedLengthSlotBytes, bytes));
  newest_slot_ = slot;
  recorded_ = length;
  return Status::ok();
}

}  // namespace strata
