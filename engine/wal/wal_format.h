// Constants of WAL segment files; byte layout in docs/format/wal.md.
#pragma once

#include <cstddef>
#include <cstdint>

namespace strata {

// "STRAWAL\x01" read as a little-endian u64.
constexpr uint64_t kWalMagic = 0x014C415741525453ULL;
// Version 2 adds the synced-length slots after the header (synced-length.md); version 1
// segments (records right after the header) are still read.
constexpr uint16_t kWalVersion = 2;
constexpr uint16_t kWalVersion1 = 1;
constexpr size_t kWalHeaderBytes = 32;  // magic, version, flags, reserved, segment number, checksum
constexpr size_t kWalSyncedLengthOffset = 32;  // two 16-byte slots
constexpr size_t kWalRecordsOffset = 64;       // version 2
constexpr size_t kWalRecordHeaderBytes = 12;  // checksum u64 + length u32
// A larger record is refused by the writer and treated as damage by the reader.
constexpr uint32_t kWalMaxRecordBytes = 256u << 20;

}  // namespace strata
