// The shared options and run-and-report step of the bench commands; see bench_command.h.
#include "tools/bench/bench_command.h"

#include <iostream>
#include <utility>

namespace strata::tools {
namespace {

// Adds the options to `command`; returns the deprecated alias of --url, to tell when it was used.
CLI::Option* add_shared_options(CLI::App& command, BenchCommandOptions& options) {
  command.add_option("--url", options.url, "Server, http://host:port")->capture_default_str();
  // Empty group: hidden from --help. Not `excludes(--url)`: help would then list an
  // unnamed exclusion under --url.
  CLI::Option* deprecated_url = command.add_option("--target", options.url, "Deprecated name of --url")->group("");
  command.add_option("--db", options.database, "Database (db= of /write and InfluxQL /query)")->capture_default_str();
  command.add_option("--hosts", options.host_count, "Hosts of the TSBS data (series per field)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command.add_option("--start", options.start, "First sample time of the TSBS data, RFC 3339 UTC")
      ->capture_default_str();
  command.add_option("--seed", options.seed, "Seed of the generator (data or query instances)")->capture_default_str();
  command.add_option("--timeout", options.timeout_s, "Seconds before a request counts as failed")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command.add_flag("--json", options.json, "Print the report as JSON, one object per line");
  return deprecated_url;
}

}  // namespace

CLI::App& bench_command(CLI::App& app) {
  for (CLI::App* existing : app.get_subcommands([](CLI::App*) { return true; })) {
    if (existing->get_name() == "bench") return *existing;
  }
  CLI::App* bench = app.add_subcommand("bench", "Load generators for a running server");
  bench->require_subcommand(1);
  return *bench;
}

CLI::App& add_bench_subcommand(CLI::App& app, const std::string& name, const std::string& description,
                               BenchCommandOptions& options, BenchRun run, int& exit_code) {
  CLI::App* command = bench_command(app).add_subcommand(name, description);
  CLI::Option* deprecated_url = add_shared_options(*command, options);
  command->callback([name, command, deprecated_url, run = std::move(run), &exit_code] {
    const std::string prefix = "strata bench " + name + ": ";
    if (deprecated_url->count() > 0) {
      if (command->get_option("--url")->count() > 0) {
        std::cerr << prefix << "give --url only (--target is its deprecated name)\n";
        exit_code = 1;
        return;
      }
      std::cerr << prefix << "--target is deprecated, use --url\n";
    }
    Result<BenchOutcome> outcome = run();
    if (!outcome) {
      std::cerr << prefix << outcome.status().to_string() << "\n";
      exit_code = 1;
      return;
    }
    std::cout << outcome->output;
    exit_code = outcome->succeeded ? 0 : 1;
  });
  return *command;
}

}  // namespace strata::tools
