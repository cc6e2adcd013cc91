// TenantSnapshot: the Snapshot of a TenantShard — a read state and a sequence watermark
// taken together, plus the catalog (append-only, so reading its latest state is safe).
#pragma once

#include <memory>

#include "engine/tenant.h"
#include "engine/tenant/read_state.h"

namespace strata {

class TenantShard;

class TenantSnapshot final : public Snapshot {
 public:
  TenantSnapshot(std::shared_ptr<const TenantShard> shard, std::shared_ptr<const ReadState> state,
                 uint64_t max_sequence)
      : shard_(std::move(shard)), state_(std::move(state)), max_sequence_(max_sequence) {}

  std::vector<std::string> measurements() const override;
  std::vector<std::string> tag_keys(std::string_view measurement) const override;
  std::vector<std::string> tag_values(std::string_view measurement, std::string_view key) const override;
  std::vector<FieldInfo> fields(std::string_view measurement) const override;
  Result<std::vector<SeriesId>> select_series(std::string_view measurement,
                                              std::span<const TagMatcher> matchers) const override;
  std::optional<std::string> series_key(SeriesId id) const override;
  Status scan(ColumnKey column, int64_t start_ns, int64_t end_ns, const ScanOptions& options,
              ScanVisitor& visitor) const override;
  std::optional<std::pair<int64_t, int64_t>> time_bounds(ColumnKey column, int64_t start_ns,
                                                         int64_t end_ns) const override;

 private:
  std::shared_ptr<const TenantShard> shard_;
  std::shared_ptr<const ReadState> state_;
  uint64_t max_sequence_;
};

}  // namespace strata
