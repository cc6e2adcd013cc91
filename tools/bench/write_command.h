// `strata bench write`: an ingest load generator (TSBS cpu-only-like data or a line-protocol
// file) that POSTs pre-built bodies to a server's /write and reports rates and latencies.
#pragma once

#include <CLI/CLI.hpp>

namespace strata::tools {

// Adds `bench write` to `app` (creating `bench` if no other command has); it runs when
// parsed and sets `exit_code`: 0 when every request got a 2xx answer, 1 otherwise.
void add_bench_write_command(CLI::App& app, int& exit_code);

}  // namespace strata::tools
