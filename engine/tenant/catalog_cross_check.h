// CatalogCrossCheck: at recovery, every column a segment holds and every value a WAL
// record holds must name ids the series catalog resolves to a series and a field of the
// same measurement and type. Ids are never reassigned (docs/format/series.md §4), so a
// mismatch means a damaged or replaced catalog: the tenant is refused rather than answering
// old points under another series or field. Used by one thread during recovery.
#pragma once

#include <string>

#include <boost/unordered/unordered_flat_map.hpp>

#include "engine/base/status.h"
#include "engine/catalog/series_catalog.h"
#include "engine/series_id.h"
#include "engine/value_type.h"

namespace strata {

class CatalogCrossCheck {
 public:
  explicit CatalogCrossCheck(const SeriesCatalog& catalog) : catalog_(catalog) {}

  // OK when `column` resolves to a series and a field of one measurement and the field's
  // type is `type`; otherwise kCorruption saying which id and what differs (the caller
  // adds the file and offset).
  Status check(ColumnKey column, ValueType type);

 private:
  // The measurement of a catalog series, parsed once per series; nullptr when unknown.
  const std::string* measurement_of(SeriesId series);

  const SeriesCatalog& catalog_;
  boost::unordered_flat_map<uint64_t, std::string> measurements_;
};

}  // namespace strata
