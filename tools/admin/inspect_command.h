// `strata inspect`: what a data directory holds — tenants, series, partitions, segments.
#pragma once

#include <CLI/CLI.hpp>

namespace strata::tools {

void add_inspect_command(CLI::App& app, int& exit_code);

}  // namespace strata::tools
