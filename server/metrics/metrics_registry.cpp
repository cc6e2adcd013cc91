#include "server/metrics/metrics_registry.h"

#include "engine/base/assert.h"

namespace strata::server {
namespace {

void check_names(std::string_view name, const std::vector<std::string>& label_names) {
  STRATA_CHECK(is_valid_metric_name(name), "invalid metric name");
  for (const std::string& label : label_names) {
    // "le" is the histogram bucket label; names starting "__" are reserved by Prometheus.
    STRATA_CHECK(is_valid_label_name(label) && label != "le" && !label.starts_with("__"), "invalid label name");
  }
}

// Pairs label names with one child's values for the writer.
std::vector<Label> make_labels(const std::vector<std::string>& names, const std::vector<std::string>& values) {
  std::vector<Label> labels;
  labels.reserve(names.size());
  for (size_t index = 0; index < names.size(); ++index) labels.push_back(Label{names[index], values[index]});
  return labels;
}

}  // namespace

template <typename Child>
template <typename... MakeArgs>
Child& LabeledChildren<Child>::get(std::span<const std::string_view> label_values, const MakeArgs&... make_args) {
  STRATA_CHECK(label_values.size() == label_count, "metric label values do not match its label names");
  {
    ReaderLock lock(mutex_);
    if (auto it = children_.find(label_values); it != children_.end()) return it->second;
  }
  WriterLock lock(mutex_);
  auto [it, inserted] =
      children_.try_emplace(std::vector<std::string>(label_values.begin(), label_values.end()), make_args...);
  return it->second;
}

template <typename Child>
template <typename Visit>
void LabeledChildren<Child>::for_each(Visit visit) const {
  ReaderLock lock(mutex_);
  for (const auto& [values, child] : children_) visit(values, child);
}

CounterFamily::CounterFamily(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {
  check_names(name_, label_names_);
  children_.label_count = label_names_.size();
}

Counter& CounterFamily::with(std::span<const std::string_view> label_values) { return children_.get(label_values); }

void CounterFamily::render(ExpositionWriter& writer) const {
  bool first = true;
  children_.for_each([&](const std::vector<std::string>& values, const Counter& counter) {
    if (first) writer.family(name_, help_, MetricType::kCounter);
    first = false;
    writer.sample(name_, make_labels(label_names_, values), static_cast<double>(counter.value()));
  });
}

HistogramFamily::HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                                 std::vector<double> bounds)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)), bounds_(std::move(bounds)) {
  check_names(name_, label_names_);
  for (size_t index = 1; index < bounds_.size(); ++index) {
    STRATA_CHECK(bounds_[index - 1] < bounds_[index], "histogram bounds must be strictly ascending");
  }
  children_.label_count = label_names_.size();
}

Histogram& HistogramFamily::with(std::span<const std::string_view> label_values) {
  return children_.get(label_values, std::span<const double>(bounds_));
}

void HistogramFamily::render(ExpositionWriter& writer) const {
  bool first = true;
  children_.for_each([&](const std::vector<std::string>& values, const Histogram& histogram) {
    if (first) writer.family(name_, help_, MetricType::kHistogram);
    first = false;
    writer.histogram(name_, make_labels(label_names_, values), histogram.snapshot());
  });
}

CounterFamily& MetricsRegistry::add_counter_family(std::string name, std::string help,
                                                   std::vector<std::string> label_names) {
  auto& family = counter_families_.emplace_back(
      std::make_unique<CounterFamily>(std::move(name), std::move(help), std::move(label_names)));
  renderers_.push_back([raw = family.get()](ExpositionWriter& writer) { raw->render(writer); });
  return *family;
}

HistogramFamily& MetricsRegistry::add_histogram_family(std::string name, std::string help,
                                                       std::vector<std::string> label_names,
                                                       std::vector<double> bounds) {
  auto& family = histogram_families_.emplace_back(std::make_unique<HistogramFamily>(
      std::move(name), std::move(help), std::move(label_names), std::move(bounds)));
  renderers_.push_back([raw = family.get()](ExpositionWriter& writer) { raw->render(writer); });
  return *family;
}

void MetricsRegistry::add_gauge(std::string name, std::string help, std::function<double()> read) {
  check_names(name, {});
  renderers_.push_back([name = std::move(name), help = std::move(help), read = std::move(read)](ExpositionWriter& writer) {
    writer.family(name, help, MetricType::kGauge);
    writer.sample(name, {}, read());
  });
}

void MetricsRegistry::add_collector(std::function<void(ExpositionWriter&)> collect) {
  renderers_.push_back(std::move(collect));
}

std::string MetricsRegistry::render() const {
  ExpositionWriter writer;
  for (const auto& render_family : renderers_) render_family(writer);
  return writer.take();
}

}  // namespace strata::server
