// SELECT execution plus InfluxDB JSON encoding, per query, on TSBS cpu-like data flushed to
// segments: 100 hosts x 1000 timestamps 10 s apart (2.8 h: each series as in the 10M-sample
// TSBS set, so that a 12 h query meets 167 minutes of data and 553 empty ones) x 10 fields. Shapes: TSBS single-groupby-5-1-12, high-cpu-1 and
// double-groupby-1 (scaled to 100 hosts). Single-threaded (no query pool).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "engine/engine.h"
#include "query/encoders/influx_json_encoder.h"
#include "query/exec/executor.h"
#include "query/parser/parser.h"

namespace strata::query {
namespace {

constexpr int kHostCount = 100;
constexpr int kTimestampCount = 1000;
constexpr int64_t kStartNs = 1'767'225'600'000'000'000;  // 2026-01-01T00:00:00Z
constexpr int64_t kIntervalNs = 10'000'000'000;
constexpr int kFieldCount = 10;
constexpr const char* kFieldNames[kFieldCount] = {"usage_user",   "usage_system", "usage_idle",    "usage_nice",
                                                  "usage_iowait", "usage_irq",    "usage_softirq", "usage_steal",
                                                  "usage_guest",  "usage_guest_nice"};
constexpr const char* kRange = "time >= '2026-01-01T00:00:00Z' and time < '2026-01-01T12:00:00Z'";

// The engine with the data written and flushed, built once for all benchmarks.
class BenchData {
 public:
  BenchData() : directory_("/tmp/strata-bench-select-" + std::to_string(getpid())) {
    std::filesystem::remove_all(directory_);
    EngineOptions options;
    options.data_directory = directory_;
    options.durability.mode = DurabilityMode::kNone;
    engine_ = Engine::open(options).value();
    (void)engine_->create_tenant("bench");
    tenant_ = engine_->tenant("bench").value();
    // usage_user uniform in [0, 100) so that ~10% of rows pass high-cpu's `> 90`; the other
    // fields a random walk in hundredths, as TSBS's.
    std::mt19937_64 random(1);
    std::uniform_real_distribution<double> uniform(0.0, 100.0), step(-1.0, 1.0);
    std::vector<double> walk(kHostCount * kFieldCount, 50.0);
    for (int time = 0; time < kTimestampCount; ++time) {
      WriteBatch batch;
      for (int host = 0; host < kHostCount; ++host) {
        batch.begin_point("cpu", kStartNs + time * kIntervalNs);
        batch.add_tag("hostname", "host_" + std::to_string(host));
        batch.add_tag("region", "eu-central-1");
        batch.add_tag("rack", std::to_string(host % 10));
        for (int field = 0; field < kFieldCount; ++field) {
          double& value = walk[host * kFieldCount + field];
          value = field == 0 ? uniform(random) : std::clamp(value + step(random), 0.0, 100.0);
          batch.add_field(kFieldNames[field], std::round(value * 100) / 100);
        }
      }
      (void)tenant_->write(batch).value();
    }
    (void)tenant_->flush();
  }
  ~BenchData() {
    tenant_.reset();
    (void)engine_->close();
    engine_.reset();
    std::filesystem::remove_all(directory_);
  }
  const Tenant& tenant() const { return *tenant_; }

 private:
  std::string directory_;
  std::unique_ptr<Engine> engine_;
  std::shared_ptr<Tenant> tenant_;
};

const BenchData& data() {
  static const BenchData instance;
  return instance;
}

// Times execute() alone (state.range(0) == 0) or with encode_influx_json in `epoch=ns`,
// as TSBS asks (1), or in RFC3339 (2).
void run_query(benchmark::State& state, const std::string& text) {
  const auto snapshot = data().tenant().snapshot();
  auto statements = parse_query(text);
  if (!statements || statements->size() != 1) {
    state.SkipWithError("query does not parse");
    return;
  }
  ExecutionOptions options;
  options.now_ns = kStartNs + 24 * 3'600'000'000'000;
  size_t bytes = 0;
  for (auto _ : state) {
    std::vector<Result<StatementResult>> results;
    results.push_back(execute(statements->front(), *snapshot, options));
    if (!results.back()) {
      state.SkipWithError(results.back().status().to_string().c_str());
      return;
    }
    if (state.range(0) == 0) continue;
    std::string body =
        encode_influx_json(results, state.range(0) == 1 ? TimeFormat::kNanoseconds : TimeFormat::kRfc3339);
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

void BM_SingleGroupby5_1_12(benchmark::State& state) {
  run_query(state,
            std::string("SELECT max(usage_user),max(usage_system),max(usage_idle),max(usage_nice),max(usage_guest) "
                        "from cpu where (hostname = 'host_1') and ") +
                kRange + " group by time(1m)");
}

void BM_HighCpu1(benchmark::State& state) {
  run_query(state, std::string("SELECT * from cpu where usage_user > 90.0 and (hostname = 'host_7') and ") + kRange);
}

void BM_DoubleGroupby1(benchmark::State& state) {
  run_query(state, std::string("SELECT mean(usage_user) from cpu where ") + kRange + " group by time(1h),hostname");
}

BENCHMARK(BM_SingleGroupby5_1_12)->Unit(benchmark::kMicrosecond)->Arg(0)->Arg(1)->Arg(2);
BENCHMARK(BM_HighCpu1)->Unit(benchmark::kMicrosecond)->Arg(0)->Arg(1)->Arg(2);
BENCHMARK(BM_DoubleGroupby1)->Unit(benchmark::kMicrosecond)->Arg(0)->Arg(1)->Arg(2);

}  // namespace
}  // namespace strata::query
