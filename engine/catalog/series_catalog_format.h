// Constants of the series catalog file; byte layout in docs/format/series.md.
#pragma once

#include <cstddef>
#include <cstdint>

namespace strata {

constexpr char kSeriesCatalogFileName[] = "series.cat";
// "STRASER\x01" read as a little-endian u64.
constexpr uint64_t kSeriesCatalogMagic = 0x0152455341525453ULL;
constexpr uint16_t kSeriesCatalogVersion = 1;
constexpr size_t kSeriesCatalogHeaderBytes = 32;
constexpr size_t kCatalogRecordHeaderBytes = 12;  // checksum u64 + length u32
constexpr uint32_t kCatalogMaxRecordBytes = 1u << 20;

enum class CatalogRecordKind : uint8_t { kSeries = 1, kField = 2 };

}  // namespace strata
