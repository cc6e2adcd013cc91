// Constants of the series catalog file; byte layout in docs/format/series.md.
#pragma once

#include <cstddef>
#include <cstdint>

namespace strata {

constexpr char kSeriesCatalogFileName[] = "series.cat";
// "STRASER\x01" read as a little-endian u64.
constexpr uint64_t kSeriesCatalogMagic = 0x0152455341525453ULL;
// Version 2 adds the synced-length slots after the header; version 1 files (records right
// after the header) are read with the old tail rule and rewritten as version 2 at open.
constexpr uint16_t kSeriesCatalogVersion = 2;
constexpr uint16_t kSeriesCatalogVersion1 = 1;
constexpr size_t kSeriesCatalogHeaderBytes = 32;
constexpr size_t kSeriesCatalogSyncedLengthOffset = 32;  // two 16-byte slots (synced-length.md)
constexpr size_t kSeriesCatalogRecordsOffset = 64;       // version 2
constexpr size_t kCatalogRecordHeaderBytes = 12;  // checksum u64 + length u32
constexpr uint32_t kCatalogMaxRecordBytes = 1u << 20;

enum class CatalogRecordKind : uint8_t { kSeries = 1, kField = 2 };

}  // namespace strata
