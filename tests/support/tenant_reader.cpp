#include "tests/support/tenant_reader.h"

#include <gtest/gtest.h>

namespace strata::testing {
namespace {

class CollectFloats final : public ScanVisitor {
 public:
  explicit CollectFloats(std::vector<std::pair<int64_t, double>>& out) : out_(out) {}
  Status on_points(const DecodedBlock& block) override {
    const auto& values = std::get<std::vector<double>>(block.values);
    for (size_t index = 0; index < values.size(); ++index) out_.emplace_back(block.timestamps_ns[index], values[index]);
    return Status::ok();
  }
  Status on_stats(const BlockStats&) override { return Status::internal("stats were not asked for"); }

 private:
  std::vector<std::pair<int64_t, double>>& out_;
};

}  // namespace

std::vector<std::pair<int64_t, double>> read_floats(const Tenant& tenant, const std::string& measurement,
                                                    const std::vector<TagMatcher>& matchers, const std::string& field,
                                                    int64_t start_ns, int64_t end_ns) {
  return read_floats(*tenant.snapshot(), measurement, matchers, field, start_ns, end_ns);
}

std::vector<std::pair<int64_t, double>> read_floats(const Snapshot& snapshot, const std::string& measurement,
                                                    const std::vector<TagMatcher>& matchers, const std::string& field,
                                                    int64_t start_ns, int64_t end_ns) {
  std::vector<std::pair<int64_t, double>> points;
  std::optional<FieldId> field_id;
  for (const FieldInfo& info : snapshot.fields(measurement)) {
    if (info.name == field) field_id = info.id;
  }
  if (!field_id) return points;
  auto series = snapshot.select_series(measurement, matchers);
  EXPECT_TRUE(series.has_value()) << series.status().to_string();
  if (!series) return points;
  CollectFloats collect(points);
  for (SeriesId id : *series) {
    const Status scanned = snapshot.scan(ColumnKey{id, *field_id}, start_ns, end_ns, ScanOptions{}, collect);
    EXPECT_TRUE(scanned.is_ok()) << scanned.to_string();
  }
  return points;
}

}  // namespace strata::testing
