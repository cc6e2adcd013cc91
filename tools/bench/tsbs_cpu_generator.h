// TSBS "cpu-only"-like data for `strata bench write`: the `cpu` measurement with TSBS's ten
// host tags and ten usage_* fields, as InfluxDB line protocol (docs: bench/README.md).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace strata::tools {

struct TsbsCpuOptions {
  int host_count = 100;
  int64_t start_ns = 1'767'225'600'000'000'000;  // 2026-01-01T00:00:00Z
  int64_t interval_ns = 10'000'000'000;           // TSBS's default log interval, 10 s
  uint64_t seed = 1;
};

// The tag values of one simulated host, fixed when the generator is built.
struct TsbsHost {
  std::string hostname;
  std::string region;
  std::string datacenter;
  std::string rack;
  std::string os;
  std::string arch;
  std::string team;
  std::string service;
  std::string service_version;
  std::string service_environment;
};

// Produces points in TSBS order: every host at the first timestamp, then every host at the
// next one, `interval_ns` apart. Each field is a random walk of N(0,1) steps clamped to
// [0, 100], kept in hundredths so that the text always has exactly two decimals.
// Output depends only on the options (a seeded generator of our own, not std's
// implementation-defined distributions). Not thread-safe; one generator per thread.
class TsbsCpuGenerator {
 public:
  static constexpr int kFieldCount = 10;
  static constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
      "usage_user", "usage_system", "usage_idle",  "usage_nice",  "usage_iowait",
      "usage_irq",  "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};

  // Fails with kInvalidArgument when host_count < 1 or interval_ns < 1.
  static Result<TsbsCpuGenerator> create(const TsbsCpuOptions& options);

  const std::vector<TsbsHost>& hosts() const { return hosts_; }
  int64_t points_generated() const { return points_generated_; }

  // Appends the next point as one line, '\n' included, to `out`; then advances.
  void append_next_line(std::string& out);

 private:
  explicit TsbsCpuGenerator(const TsbsCpuOptions& options);
  void advance_walks(int host_index);

  TsbsCpuOptions options_;
  uint64_t random_state_;
  std::vector<TsbsHost> hosts_;
  // "cpu,hostname=...,service_environment=... " per host, built once (no work per point).
  std::vector<std::string> line_prefixes_;
  std::vector<std::array<int32_t, kFieldCount>> hundredths_;
  int64_t points_generated_ = 0;
};

}  // namespace strata::tools
