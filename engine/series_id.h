// Identifiers that are easy to swap get distinct types (STYLE.md §3).
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace strata {

// A series: measurement plus sorted tag set; 64-bit xxh3 of the canonical key, with
// collision handling in the catalog (docs/format/series.md).
struct SeriesId {
  uint64_t value = 0;
  auto operator<=>(const SeriesId&) const = default;
};

// A field of one measurement within a tenant, assigned densely by the catalog.
struct FieldId {
  uint32_t value = 0;
  auto operator<=>(const FieldId&) const = default;
};

// A column: one field of one series, the unit of storage in memtable and segments.
struct ColumnKey {
  SeriesId series;
  FieldId field;
  auto operator<=>(const ColumnKey&) const = default;
};

}  // namespace strata

template <>
struct std::hash<strata::SeriesId> {
  size_t operator()(strata::SeriesId id) const noexcept { return id.value; }  // already a hash
};
template <>
struct std::hash<strata::ColumnKey> {
  size_t operator()(strata::ColumnKey key) const noexcept {
    return key.series.value ^ (static_cast<uint64_t>(key.field.value) * 0x9E3779B97F4A7C15ULL);
  }
};
