#include "engine/tenant/catalog_cross_check.h"

#include "engine/catalog/series_key.h"

namespace strata {

const std::string* CatalogCrossCheck::measurement_of(SeriesId series) {
  if (auto it = measurements_.find(series.value); it != measurements_.end()) return &it->second;
  const std::optional<std::string> key = catalog_.series_key(series);
  if (!key) return nullptr;
  auto parsed = parse_series_key(*key);
  if (!parsed) return nullptr;  // the catalog checked every key at load: cannot happen
  return &measurements_.emplace(series.value, std::move(parsed->measurement)).first->second;
}

Status CatalogCrossCheck::check(ColumnKey column, ValueType type) {
  const std::string* measurement = measurement_of(column.series);
  if (measurement == nullptr) {
    return Status::corruption("series id " + std::to_string(column.series.value) + " is not in the series catalog");
  }
  const std::optional<CatalogField> field = catalog_.field(column.field);
  if (!field) return Status::corruption("field id " + std::to_string(column.field.value) + " is not in the series catalog");
  if (field->measurement != *measurement) {
    return Status::corruption("field id " + std::to_string(column.field.value) + " belongs to measurement \"" +
                              field->measurement + "\" in the series catalog, but series id " +
                              std::to_string(column.series.value) + " to \"" + *measurement + "\"");
  }
  if (field->type != type) {
    return Status::corruption("field id " + std::to_string(column.field.value) + " (\"" + field->name + "\") is " +
                              std::string(value_type_name(field->type)) + " in the series catalog but holds " +
                              std::string(value_type_name(type)) + " values");
  }
  return Status::ok();
}

}  // namespace strata
