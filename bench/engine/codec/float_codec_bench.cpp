// Float and timestamp codecs on (a) TSBS cpu-only-like data — a random walk in [0, 100]
// written with 2 or 4 decimals, 10 s apart — and (b) full-precision random doubles;
// compared in the same run with Gorilla XOR alone and with plain zstd of the raw values.
// Counters: bytes/value and values/s.
#include <benchmark/benchmark.h>
#include <zstd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {
namespace {

constexpr size_t kBlock = 4096;

std::vector<double> tsbs_walk(int decimals) {
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> step(-1.0, 1.0);
  std::vector<double> values;
  double value = 50;
  char text[64];
  for (size_t index = 0; index < kBlock; ++index) {
    value = std::clamp(value + step(random), 0.0, 100.0);
    std::snprintf(text, sizeof text, "%.*f", decimals, value);  // as an agent prints it
    values.push_back(std::strtod(text, nullptr));
  }
  return values;
}

std::vector<double> random_doubles() {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> uniform(-1e6, 1e6);
  std::vector<double> values(kBlock);
  for (double& value : values) value = uniform(random);
  return values;
}

std::vector<double> dataset(int64_t which) {
  return which == 0 ? tsbs_walk(2) : which == 1 ? tsbs_walk(4) : random_doubles();
}
const char* dataset_name(int64_t which) { return which == 0 ? "tsbs_2dec" : which == 1 ? "tsbs_4dec" : "random"; }

void report(benchmark::State& state, size_t bytes) {
  state.SetLabel(dataset_name(state.range(0)));
  state.counters["bytes/value"] = static_cast<double>(bytes) / kBlock;
  state.counters["values/s"] = benchmark::Counter(static_cast<double>(state.iterations() * kBlock), benchmark::Counter::kIsRate);
}

void BM_FloatCodec_Encode(benchmark::State& state) {
  const auto values = dataset(state.range(0));
  std::string out;
  for (auto _ : state) {
    out.clear();
    encode_floats(values, out);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, out.size());
}

void BM_FloatCodec_Decode(benchmark::State& state) {
  const auto values = dataset(state.range(0));
  std::string encoded;
  encode_floats(values, encoded);
  std::vector<double> decoded(kBlock);
  for (auto _ : state) {
    if (!decode_floats(encoded, decoded).is_ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(decoded.data());
  }
  report(state, encoded.size());
}

// The float codec forced onto its Gorilla path, for the side-by-side figure: the encoder
// keeps the smallest candidate, so Gorilla's size is measured on data whose decimal form
// is spoiled by one NaN at the end (which costs Gorilla about one value).
void BM_GorillaXor_Encode(benchmark::State& state) {
  auto values = dataset(state.range(0));
  values.back() = std::nan("");
  std::string out;
  for (auto _ : state) {
    out.clear();
    encode_floats(values, out);
    benchmark::DoNotOptimize(out.data());
  }
  if (static_cast<uint8_t>(out[0]) != static_cast<uint8_t>(FloatCodec::kGorillaXor) &&
      static_cast<uint8_t>(out[0]) != static_cast<uint8_t>(FloatCodec::kRaw)) {
    state.SkipWithError("not on the Gorilla path");
  }
  report(state, out.size());
}

void BM_Zstd_Raw(benchmark::State& state) {
  const auto values = dataset(state.range(0));
  const int level = static_cast<int>(state.range(1));
  std::string out(ZSTD_compressBound(kBlock * 8), '\0');
  size_t size = 0;
  for (auto _ : state) {
    size = ZSTD_compress(out.data(), out.size(), values.data(), kBlock * 8, level);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, size);
  state.SetLabel(std::string(dataset_name(state.range(0))) + " zstd-" + std::to_string(level));
}

void BM_TimestampCodec_Encode(benchmark::State& state) {
  std::mt19937_64 random(1);
  std::vector<int64_t> times(kBlock);
  for (size_t index = 0; index < kBlock; ++index) {
    times[index] = 1'700'000'000'000'000'000LL + static_cast<int64_t>(index) * 10'000'000'000LL +
                   (state.range(0) == 1 ? static_cast<int64_t>(random() % 1'000'000) : 0);
  }
  std::string out;
  for (auto _ : state) {
    out.clear();
    encode_timestamps(times, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetLabel(state.range(0) == 1 ? "10s_jitter_1ms" : "10s_regular");
  state.counters["bytes/value"] = static_cast<double>(out.size()) / kBlock;
  state.counters["values/s"] = benchmark::Counter(static_cast<double>(state.iterations() * kBlock), benchmark::Counter::kIsRate);
}

void BM_TimestampCodec_Decode(benchmark::State& state) {
  std::vector<int64_t> times(kBlock);
  for (size_t index = 0; index < kBlock; ++index) times[index] = static_cast<int64_t>(index) * 10'000'000'000LL + (index % 7);
  std::string encoded;
  encode_timestamps(times, encoded);
  std::vector<int64_t> decoded(kBlock);
  for (auto _ : state) {
    if (!decode_timestamps(encoded, decoded).is_ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(decoded.data());
  }
  state.counters["bytes/value"] = static_cast<double>(encoded.size()) / kBlock;
  state.counters["values/s"] = benchmark::Counter(static_cast<double>(state.iterations() * kBlock), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_FloatCodec_Encode)->DenseRange(0, 2);
BENCHMARK(BM_FloatCodec_Decode)->DenseRange(0, 2);
BENCHMARK(BM_GorillaXor_Encode)->DenseRange(0, 2);
BENCHMARK(BM_Zstd_Raw)->ArgsProduct({{0, 1, 2}, {1, 3}});
BENCHMARK(BM_TimestampCodec_Encode)->DenseRange(0, 1);
BENCHMARK(BM_TimestampCodec_Decode);

}  // namespace
}  // namespace strata::codec
