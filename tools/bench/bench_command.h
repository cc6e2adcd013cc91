// The skeleton `strata bench write` and `strata bench query` share (bench/README.md): the
// options both take, each under one name, and the one place that runs a command and reports.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>

#include "engine/base/result.h"

namespace strata::tools {

// The options of every bench command that loads or queries TSBS cpu data on a server. A
// command's arguments hold one; its values when the command is added are the defaults.
struct BenchCommandOptions {
  std::string url = "http://127.0.0.1:8765";
  std::string database = "default";
  int host_count = 100;
  std::string start = "2026-01-01T00:00:00Z";  // first sample time
  uint64_t seed = 1;
  int timeout_s = 60;  // per request
  bool json = false;
};

// What a bench run prints, and whether every request of it succeeded.
struct BenchOutcome {
  std::string output;  // written to stdout as is
  bool succeeded = true;
};

using BenchRun = std::function<Result<BenchOutcome>()>;

// The `bench` command of `app`, added (requiring one subcommand) when absent.
CLI::App& bench_command(CLI::App& app);

// Adds `bench <name>` with the shared options --url, --db, --hosts, --start, --seed,
// --timeout and --json bound to `options`, which must outlive parsing. `--target` is a
// hidden alias of --url (its name in `bench query` until the two commands shared this),
// deprecated: using it warns on stderr; giving both names fails. When parsed, the
// subcommand calls `run`, prints the outcome's output to stdout or the error to stderr as
// "strata bench <name>: <error>", and sets `exit_code` to 0 when the run succeeded, 1
// otherwise. Returns the subcommand, to which the caller adds the command's own options.
CLI::App& add_bench_subcommand(CLI::App& app, const std::string& name, const std::string& description,
                               BenchCommandOptions& options, BenchRun run, int& exit_code);

}  // namespace strata::tools
