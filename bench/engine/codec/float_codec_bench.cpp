// Float codec speed and size on TSBS cpu-only-like data (random walk in [0, 100] rounded to 2
// and 4 decimals) and on full-precision random doubles, 4096 values per block (the segment
// writer's block size). Gorilla XOR alone and zstd over raw 8-byte values run on the same
// data for comparison. Arg: 0 = 2 decimals, 1 = 4 decimals, 2 = random doubles.
#include <benchmark/benchmark.h>
#include <zstd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/codec/codec.h"
#include "engine/codec/gorilla_xor.h"

namespace strata::codec {
namespace {

constexpr size_t kBlockValues = 4096;

std::vector<double> make_values(int64_t kind) {
  std::mt19937_64 random(42);
  std::vector<double> values(kBlockValues);
  if (kind == 2) {
    std::uniform_real_distribution<double> uniform(-1e6, 1e6);  // full precision, mixed exponents
    for (double& value : values) value = uniform(random);
    return values;
  }
  const int decimals = kind == 0 ? 2 : 4;
  std::uniform_real_distribution<double> step(-1.0, 1.0);
  double walk = 50.0;
  char text[64];
  for (double& value : values) {
    walk = std::clamp(walk + step(random), 0.0, 100.0);
    std::snprintf(text, sizeof text, "%.*f", decimals, walk);  // as an agent prints it
    value = std::strtod(text, nullptr);
  }
  return values;
}

const char* label_of(int64_t kind) { return kind == 0 ? "tsbs-2-decimals" : kind == 1 ? "tsbs-4-decimals" : "random-doubles"; }

void report(benchmark::State& state, size_t encoded_bytes) {
  state.SetLabel(label_of(state.range(0)));
  state.counters["bytes_per_value"] = static_cast<double>(encoded_bytes) / kBlockValues;
  state.counters["values_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kBlockValues), benchmark::Counter::kIsRate);
}

void BM_FloatCodec_Encode(benchmark::State& state) {
  const auto values = make_values(state.range(0));
  std::string out;
  for (auto _ : state) {
    out.clear();
    encode_floats(values, out);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, out.size());
}

void BM_FloatCodec_Decode(benchmark::State& state) {
  const auto values = make_values(state.range(0));
  std::string encoded;
  encode_floats(values, encoded);
  std::vector<double> decoded(values.size());
  for (auto _ : state) {
    if (!decode_floats(encoded, decoded).is_ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(decoded.data());
  }
  report(state, encoded.size());
}

void BM_GorillaXor_Encode(benchmark::State& state) {
  const auto values = make_values(state.range(0));
  std::string out;
  for (auto _ : state) {
    out.clear();
    encode_gorilla_xor(values, out);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, out.size());
}

void BM_GorillaXor_Decode(benchmark::State& state) {
  const auto values = make_values(state.range(0));
  std::string encoded;
  encode_gorilla_xor(values, encoded);
  std::vector<double> decoded(values.size());
  for (auto _ : state) {
    if (!decode_gorilla_xor(encoded, decoded).is_ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(decoded.data());
  }
  report(state, encoded.size());
}

// Arg 1: the zstd level.
void BM_ZstdRaw_Compress(benchmark::State& state) {
  const auto values = make_values(state.range(0));
  std::string out(ZSTD_compressBound(values.size() * 8), '\0');
  size_t size = 0;
  for (auto _ : state) {
    size = ZSTD_compress(out.data(), out.size(), values.data(), values.size() * 8, static_cast<int>(state.range(1)));
    benchmark::DoNotOptimize(out.data());
  }
  report(state, size);
}

void BM_ZstdRaw_Decompress(benchmark::State& state) {
  const auto values = make_values(state.range(0));
  std::string compressed(ZSTD_compressBound(values.size() * 8), '\0');
  compressed.resize(ZSTD_compress(compressed.data(), compressed.size(), values.data(), values.size() * 8,
                                  static_cast<int>(state.range(1))));
  std::vector<double> decoded(values.size());
  for (auto _ : state) {
    ZSTD_decompress(decoded.data(), decoded.size() * 8, compressed.data(), compressed.size());
    benchmark::DoNotOptimize(decoded.data());
  }
  report(state, compressed.size());
}

BENCHMARK(BM_FloatCodec_Encode)->DenseRange(0, 2);
BENCHMARK(BM_FloatCodec_Decode)->DenseRange(0, 2);
BENCHMARK(BM_GorillaXor_Encode)->DenseRange(0, 2);
BENCHMARK(BM_GorillaXor_Decode)->DenseRange(0, 2);
BENCHMARK(BM_ZstdRaw_Compress)->ArgsProduct({{0, 1, 2}, {1, 3}});
BENCHMARK(BM_ZstdRaw_Decompress)->ArgsProduct({{0, 1, 2}, {1, 3}});

}  // namespace
}  // namespace strata::codec
