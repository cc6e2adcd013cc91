// WAL group commit: records/s and MB/s with 1..32 appending threads, each waiting for its
// record to be durable (batch: the group's fdatasync) or written (none), on both backends.
// A real directory under /tmp, so fdatasync costs what the disk makes it cost.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "engine/io/file_system.h"
#include "engine/wal/wal_writer.h"

namespace strata {
namespace {

void BM_WalGroupCommit(benchmark::State& state) {
  static std::unique_ptr<FileSystem> fs;
  static std::unique_ptr<WalWriter> writer;
  static std::string directory;
  const bool batch = state.range(0) == 1;
  const bool uring = state.range(1) == 1;
  const std::string record(static_cast<size_t>(state.range(2)), 'x');
  if (state.thread_index() == 0) {
    directory = "/tmp/strata-bench-wal-" + std::to_string(getpid());
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    auto choice = make_file_system(uring ? IoBackend::kUring : IoBackend::kPosix);
    if (!choice) {
      state.SkipWithError(choice.status().to_string().c_str());
      return;
    }
    fs = std::move(choice->file_system);
    writer = WalWriter::open(*fs, directory, 1, WalWriterOptions{batch ? DurabilityMode::kBatch : DurabilityMode::kNone})
                 .value();
  }
  for (auto _ : state) {
    if (!writer->append_and_wait(record).is_ok()) state.SkipWithError("append failed");
  }
  state.counters["records/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(record.size()));
  if (state.thread_index() == 0) {
    const WalStats stats = writer->stats();
    state.counters["records/group"] = stats.groups > 0 ? static_cast<double>(stats.records) / stats.groups : 0;
    (void)writer->close();
    writer.reset();
    fs.reset();
    std::filesystem::remove_all(directory);
  }
}

// Args: batch (1) or none (0); io_uring (1) or POSIX (0); record bytes.
BENCHMARK(BM_WalGroupCommit)
    ->ArgsProduct({{1, 0}, {1, 0}, {100}})
    ->Args({1, 1, 65536})
    ->ThreadRange(1, 32)
    ->UseRealTime()
    ->MinTime(1.0);

}  // namespace
}  // namespace strata
