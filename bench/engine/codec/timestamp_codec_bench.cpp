// Timestamp codec speed and bytes per sample, 4096 samples per block. Arg: 0 = a constant
// 10 s step, 1 = 10 s with one 30 s gap, 2 = 10 s with up to 1 ms of jitter.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "engine/codec/codec.h"

namespace strata::codec {
namespace {

constexpr size_t kBlockValues = 4096;
constexpr int64_t kStepNs = 10'000'000'000;

std::vector<int64_t> make_timestamps(int64_t kind) {
  std::mt19937_64 random(42);
  std::vector<int64_t> values(kBlockValues);
  int64_t ts = 1'700'000'000'000'000'000;
  for (size_t index = 0; index < kBlockValues; ++index) {
    ts += kStepNs;
    if (kind == 1 && index == kBlockValues / 2) ts += 3 * kStepNs;
    values[index] = kind == 2 ? ts + static_cast<int64_t>(random() % 1'000'000) : ts;
  }
  return values;
}

void report(benchmark::State& state, size_t encoded_bytes) {
  const int64_t kind = state.range(0);
  state.SetLabel(kind == 0 ? "10s-step" : kind == 1 ? "10s-step-one-gap" : "10s-step-1ms-jitter");
  state.counters["bytes_per_value"] = static_cast<double>(encoded_bytes) / kBlockValues;
  state.counters["values_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kBlockValues), benchmark::Counter::kIsRate);
}

void BM_TimestampCodec_Encode(benchmark::State& state) {
  const auto values = make_timestamps(state.range(0));
  std::string out;
  for (auto _ : state) {
    out.clear();
    encode_timestamps(values, out);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, out.size());
}

void BM_TimestampCodec_Decode(benchmark::State& state) {
  const auto values = make_timestamps(state.range(0));
  std::string encoded;
  encode_timestamps(values, encoded);
  std::vector<int64_t> decoded(values.size());
  for (auto _ : state) {
    if (!decode_timestamps(encoded, decoded).is_ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(decoded.data());
  }
  report(state, encoded.size());
}

BENCHMARK(BM_TimestampCodec_Encode)->DenseRange(0, 2);
BENCHMARK(BM_TimestampCodec_Decode)->DenseRange(0, 2);

}  // namespace
}  // namespace strata::codec
