// MetricsRegistry: the server's self-metrics — labeled counter and histogram families,
// gauges read at render time, and collectors that write families of their own (engine
// stats) — rendered in the Prometheus text format 0.0.4 for GET /metrics.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/histogram.h"
#include "engine/base/mutex.h"
#include "server/metrics/exposition_writer.h"

namespace strata::server {

// A monotonically increasing count. Thread-safe; add() is one relaxed atomic add.
class Counter {
 public:
  void add(uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// Orders label-value lists, and lets a lookup compare a list of views without building
// strings, so that with() on an existing child allocates nothing.
struct LabelValuesLess {
  using is_transparent = void;
  template <typename Left, typename Right>
  bool operator()(const Left& left, const Right& right) const {
    return std::lexicographical_compare(left.begin(), left.end(), right.begin(), right.end(),
                                        [](std::string_view a, std::string_view b) { return a < b; });
  }
};

// The children of one labeled family, one per distinct list of label values, created on
// first use and never removed: references stay valid for the family's life (map nodes do
// not move). Thread-safe: lookups of existing children take a shared lock.
template <typename Child>
class LabeledChildren {
 public:
  // REQUIRES: label_values.size() == label_count (checked).
  template <typename... MakeArgs>
  Child& get(std::span<const std::string_view> label_values, const MakeArgs&... make_args);
  // Calls visit(label_values, child) for each child in label-value order.
  template <typename Visit>
  void for_each(Visit visit) const;

  size_t label_count = 0;

 private:
  mutable SharedMutex mutex_;
  std::map<std::vector<std::string>, Child, LabelValuesLess> children_ STRATA_GUARDED_BY(mutex_);
};

// A counter per list of label values, e.g. strata_http_requests_total{endpoint,status}.
class CounterFamily {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);
  // The counter for these label values (in label-name order), created at zero on first
  // use. The reference stays valid for the family's life: hot paths may keep it.
  // REQUIRES: as many values as label names (checked).
  Counter& with(std::initializer_list<std::string_view> label_values) {
    return with(std::span<const std::string_view>(label_values.begin(), label_values.size()));
  }
  Counter& with(std::span<const std::string_view> label_values);
  // Writes the family; nothing when it has no children yet.
  void render(ExpositionWriter& writer) const;

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  LabeledChildren<Counter> children_;
};

// A histogram per list of label values, all with the same bounds.
class HistogramFamily {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> bounds);
  // As CounterFamily::with.
  Histogram& with(std::initializer_list<std::string_view> label_values) {
    return with(std::span<const std::string_view>(label_values.begin(), label_values.size()));
  }
  Histogram& with(std::span<const std::string_view> label_values);
  void render(ExpositionWriter& writer) const;

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const std::vector<double> bounds_;
  LabeledChildren<Histogram> children_;
};

// Families render in registration order. Registration is not thread-safe: register
// everything before sharing the registry; after that, with(), the children and render()
// are safe from any thread. Names are checked at registration (a bad one is a
// programming error).
class MetricsRegistry {
 public:
  // The returned family lives as long as the registry.
  CounterFamily& add_counter_family(std::string name, std::string help, std::vector<std::string> label_names);
  HistogramFamily& add_histogram_family(std::string name, std::string help, std::vector<std::string> label_names,
                                        std::vector<double> bounds);
  // An unlabeled gauge whose value `read` returns at each render (from any thread).
  void add_gauge(std::string name, std::string help, std::function<double()> read);
  // Families written at render time by `collect` (from any thread), e.g. per-tenant
  // engine stats; it must keep each family's samples together.
  void add_collector(std::function<void(ExpositionWriter&)> collect);

  std::string render() const;

 private:
  std::vector<std::unique_ptr<CounterFamily>> counter_families_;
  std::vector<std::unique_ptr<HistogramFamily>> histogram_families_;
  std::vector<std::function<void(ExpositionWriter&)>> renderers_;  // registration order
};

}  // namespace strata::server
