// The engine write path with already-built batches (no parsing): samples/s on 1 and 2
// writer threads, with batch (ack after the group's fdatasync) and none durability.
// TSBS cpu-only shape: hosts x 10 fields, 10 s interval, TSBS's tag set.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "engine/engine.h"

namespace strata {
namespace {

constexpr int kHostsPerBatch = 500;  // x 10 fields = 5,000 samples per batch
constexpr int kFieldCount = 10;
constexpr const char* kFieldNames[kFieldCount] = {"usage_user",   "usage_system", "usage_idle",  "usage_nice",
                                                  "usage_iowait", "usage_irq",    "usage_softirq", "usage_steal",
                                                  "usage_guest",  "usage_guest_nice"};

// Builds the batches of one writer: its own hosts, successive 10 s steps.
std::vector<WriteBatch> make_batches(int writer, int batch_count) {
  std::mt19937_64 random(writer);
  std::uniform_real_distribution<double> step(-1.0, 1.0);
  std::vector<double> walk(kHostsPerBatch * kFieldCount, 50.0);
  std::vector<WriteBatch> batches(batch_count);
  for (int batch = 0; batch < batch_count; ++batch) {
    const int64_t ts = 1'700'000'000'000'000'000LL + batch * 10'000'000'000LL;
    for (int host = 0; host < kHostsPerBatch; ++host) {
      const std::string name = "host_" + std::to_string(writer * kHostsPerBatch + host);
      // The series bytes as line protocol carries them: the engine's series cache key.
      const std::string raw = "cpu,arch=x64,datacenter=eu-central-1a,hostname=" + name +
                              ",os=Ubuntu16.04LTS,rack=" + std::to_string(host % 100) +
                              ",region=eu-central-1,service=" + std::to_string(host % 20) +
                              ",service_environment=production,service_version=1,team=SF";
      batches[batch].begin_point("cpu", ts, raw);
      batches[batch].add_tag("hostname", name);
      batches[batch].add_tag("region", "eu-central-1");
      batches[batch].add_tag("datacenter", "eu-central-1a");
      batches[batch].add_tag("rack", std::to_string(host % 100));
      batches[batch].add_tag("os", "Ubuntu16.04LTS");
      batches[batch].add_tag("arch", "x64");
      batches[batch].add_tag("team", "SF");
      batches[batch].add_tag("service", std::to_string(host % 20));
      batches[batch].add_tag("service_version", "1");
      batches[batch].add_tag("service_environment", "production");
      for (int field = 0; field < kFieldCount; ++field) {
        double& value = walk[host * kFieldCount + field];
        value = std::clamp(value + step(random), 0.0, 100.0);
        batches[batch].add_field(kFieldNames[field], std::round(value * 100) / 100);
      }
    }
  }
  return batches;
}

void BM_EngineWrite(benchmark::State& state) {
  const bool batch_durability = state.range(0) == 1;
  static std::unique_ptr<Engine> engine;
  static std::string directory;
  static std::vector<std::vector<WriteBatch>> batches;
  constexpr int kBatchesPerWriter = 200;
  if (state.thread_index() == 0) {
    directory = "/tmp/strata-bench-write-" + std::to_string(getpid());
    std::filesystem::remove_all(directory);
    EngineOptions options;
    options.data_directory = directory;
    options.durability.mode = batch_durability ? DurabilityMode::kBatch : DurabilityMode::kNone;
    options.flush_on_close = false;
    engine = Engine::open(options).value();
    (void)engine->create_tenant("bench");
    batches.clear();
    for (int writer = 0; writer < state.threads(); ++writer) batches.push_back(make_batches(writer, kBatchesPerWriter));
  }
  // Shared state is touched only inside the loop: the loop's start is the barrier after
  // thread 0's set-up.
  std::shared_ptr<Tenant> tenant;
  int64_t samples = 0;
  int next = 0;
  for (auto _ : state) {
    if (!tenant) tenant = engine->tenant("bench").value();
    const WriteBatch& batch = batches[state.thread_index()][next++ % kBatchesPerWriter];
    auto written = tenant->write(batch);
    if (!written) state.SkipWithError(written.status().to_string().c_str());
    samples += static_cast<int64_t>(batch.field_count());
  }
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(samples), benchmark::Counter::kIsRate);
  if (state.thread_index() == 0) {
    tenant.reset();
    (void)engine->close();
    engine.reset();
    std::filesystem::remove_all(directory);
  }
}

// Arg 1 = batch durability, 0 = none.
BENCHMARK(BM_EngineWrite)->Arg(1)->Arg(0)->Threads(1)->Threads(2)->UseRealTime()->MinTime(3.0);

}  // namespace
}  // namespace strata
