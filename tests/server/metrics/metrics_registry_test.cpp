// MetricsRegistry: families render in registration order, children in label order,
// stable child references, exact counts under concurrent increments.
#include "server/metrics/metrics_registry.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace strata::server {
namespace {

TEST(MetricsRegistryTest, CounterFamilyRendersChildrenSortedByLabelValues) {
  MetricsRegistry registry;
  CounterFamily& requests = registry.add_counter_family("req_total", "Requests.", {"endpoint", "status"});
  requests.with({"write", "204"}).add(2);
  requests.with({"query", "200"}).add();
  requests.with({"write", "400"}).add(5);
  EXPECT_EQ(registry.render(),
            "# HELP req_total Requests.\n"
            "# TYPE req_total counter\n"
            "req_total{endpoint=\"query\",status=\"200\"} 1\n"
            "req_total{endpoint=\"write\",status=\"204\"} 2\n"
            "req_total{endpoint=\"write\",status=\"400\"} 5\n");
}

TEST(MetricsRegistryTest, WithReturnsTheSameCounterForTheSameLabels) {
  MetricsRegistry registry;
  CounterFamily& family = registry.add_counter_family("c_total", "C.", {"tenant"});
  Counter& first = family.with({"a"});
  first.add(3);
  std::string tenant = "a";  // a different buffer with equal contents
  Counter& second = family.with({std::string_view(tenant)});
  EXPECT_EQ(&first, &second);
  family.with({"b"}).add();  // a new node must not move the existing one
  EXPECT_EQ(&first, &family.with({"a"}));
  EXPECT_EQ(second.value(), 3u);
}

TEST(MetricsRegistryTest, FamilyWithoutChildrenIsLeftOut) {
  MetricsRegistry registry;
  registry.add_counter_family("empty_total", "Nothing yet.", {"tenant"});
  registry.add_counter_family("plain_total", "Unlabeled.", {}).with({});
  EXPECT_EQ(registry.render(), "# HELP plain_total Unlabeled.\n# TYPE plain_total counter\nplain_total 0\n");
}

TEST(MetricsRegistryTest, HistogramFamilyRendersCumulativeBucketsPerChild) {
  MetricsRegistry registry;
  HistogramFamily& family = registry.add_histogram_family("d_seconds", "D.", {"endpoint"}, {0.1, 1});
  family.with({"write"}).observe(0.0625);
  family.with({"write"}).observe(0.5);
  family.with({"write"}).observe(3);
  // <=0.1: 1; <=1: 2; +Inf: 3; sum 3.5625 (binary fractions: exact).
  EXPECT_EQ(registry.render(),
            "# HELP d_seconds D.\n"
            "# TYPE d_seconds histogram\n"
            "d_seconds_bucket{endpoint=\"write\",le=\"0.1\"} 1\n"
            "d_seconds_bucket{endpoint=\"write\",le=\"1\"} 2\n"
            "d_seconds_bucket{endpoint=\"write\",le=\"+Inf\"} 3\n"
            "d_seconds_sum{endpoint=\"write\"} 3.5625\n"
            "d_seconds_count{endpoint=\"write\"} 3\n");
}

TEST(MetricsRegistryTest, GaugesAndCollectorsRenderInRegistrationOrder) {
  MetricsRegistry registry;
  double level = 1.5;
  registry.add_gauge("level", "Level.", [&level] { return level; });
  registry.add_collector([](ExpositionWriter& writer) {
    writer.family("custom", "Custom.", MetricType::kGauge);
    const Label label{"k", "v"};
    writer.sample("custom", {&label, 1}, 7);
  });
  registry.add_counter_family("last_total", "Last.", {}).with({}).add(4);
  level = 2.5;  // read at render time, not at registration
  EXPECT_EQ(registry.render(),
            "# HELP level Level.\n# TYPE level gauge\nlevel 2.5\n"
            "# HELP custom Custom.\n# TYPE custom gauge\ncustom{k=\"v\"} 7\n"
            "# HELP last_total Last.\n# TYPE last_total counter\nlast_total 4\n");
}

TEST(MetricsRegistryTest, ConcurrentIncrementsFromSeveralThreadsSumExactly) {
  MetricsRegistry registry;
  CounterFamily& family = registry.add_counter_family("n_total", "N.", {"tenant"});
  HistogramFamily& histograms = registry.add_histogram_family("h", "H.", {"tenant"}, {1});
  constexpr int kThreads = 4;
  constexpr int kIncrements = 20'000;
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([&, thread] {
      // Half the lookups hit a shared child, half a per-thread one created concurrently.
      const std::string own = "t" + std::to_string(thread);
      for (int index = 0; index < kIncrements; ++index) {
        family.with({"shared"}).add();
        family.with({std::string_view(own)}).add(2);
        histograms.with({"shared"}).observe(0.5);
      }
      (void)registry.render();  // rendering while others write must be safe
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(family.with({"shared"}).value(), static_cast<uint64_t>(kThreads * kIncrements));
  for (int thread = 0; thread < kThreads; ++thread) {
    EXPECT_EQ(family.with({"t" + std::to_string(thread)}).value(), static_cast<uint64_t>(2 * kIncrements));
  }
  const HistogramSnapshot snapshot = histograms.with({"shared"}).snapshot();
  EXPECT_EQ(snapshot.count, static_cast<uint64_t>(kThreads * kIncrements));
  EXPECT_EQ(snapshot.sum, 0.5 * kThreads * kIncrements);
}

TEST(MetricsRegistryDeathTest, WrongNumberOfLabelValuesIsAProgrammingError) {
  MetricsRegistry registry;
  CounterFamily& family = registry.add_counter_family("x_total", "X.", {"a", "b"});
  EXPECT_DEATH(family.with({"only-one"}), "label values");
}

TEST(MetricsRegistryDeathTest, ReservedLabelNameIsAProgrammingError) {
  MetricsRegistry registry;
  EXPECT_DEATH(registry.add_histogram_family("y", "Y.", {"le"}, {1}), "invalid label name");
}

}  // namespace
}  // namespace strata::server
