// `strata bench query`: TSBS devops queries against a running server (stratad or InfluxDB
// by InfluxQL, VictoriaMetrics by PromQL), reporting warm latency per query type and
// optionally writing normalised answers; `strata bench compare` checks answers agree.
#pragma once

#include <CLI/CLI.hpp>

namespace strata::tools {

// Adds `bench query` and `bench compare` to `app` (creating `bench` if no other command
// has). `bench query` sets `exit_code` to 0 when every request got a readable 2xx answer,
// 1 otherwise; `bench compare` to 0 when all answers agree, 1 otherwise.
void add_bench_query_command(CLI::App& app, int& exit_code);

}  // namespace strata::tools
