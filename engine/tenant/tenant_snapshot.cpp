#include "engine/tenant/tenant_snapshot.h"

#include "engine/tenant/column_scan.h"
#include "engine/tenant/tenant_shard.h"

namespace strata {

std::vector<std::string> TenantSnapshot::measurements() const { return shard_->catalog_->index().measurements(); }

std::vector<std::string> TenantSnapshot::tag_keys(std::string_view measurement) const {
  return shard_->catalog_->index().tag_keys(measurement);
}

std::vector<std::string> TenantSnapshot::tag_values(std::string_view measurement, std::string_view key) const {
  return shard_->catalog_->index().tag_values(measurement, key);
}

std::vector<FieldInfo> TenantSnapshot::fields(std::string_view measurement) const {
  std::vector<FieldInfo> fields;
  for (const auto& field : shard_->catalog_->fields_of(measurement)) {
    fields.push_back(FieldInfo{field.id, field.name, field.type});
  }
  return fields;
}

Result<std::vector<SeriesId>> TenantSnapshot::select_series(std::string_view measurement,
                                                            std::span<const TagMatcher> matchers) const {
  return shard_->catalog_->index().select_series(measurement, matchers);
}

std::optional<std::string> TenantSnapshot::series_key(SeriesId id) const { return shard_->catalog_->series_key(id); }

Status TenantSnapshot::scan(ColumnKey column, int64_t start_ns, int64_t end_ns, const ScanOptions& options,
                            ScanVisitor& visitor) const {
  const ColumnScanRequest request{column, start_ns, end_ns, max_sequence_, shard_->settings_.partition_duration_ns,
                                  options};
  return scan_column(*state_, request, visitor);
}

std::optional<std::pair<int64_t, int64_t>> TenantSnapshot::time_bounds(ColumnKey column, int64_t start_ns,
                                                                        int64_t end_ns) const {
  const ColumnScanRequest request{column, start_ns, end_ns, max_sequence_, shard_->settings_.partition_duration_ns, {}};
  return column_time_bounds(*state_, request);
}

}  // namespace strata
