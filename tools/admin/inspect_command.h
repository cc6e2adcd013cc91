// `strata inspect`: what a data directory holds — tenants, series, partitions, segments.
#pragma once

#include <CLI/CLI.hpp>

namespace strata::tools {

// Adds the subcommand to `app`; it runs when parsed and sets `exit_code`: 1 when the
// directory is missing, cannot be opened, or holds a tenant whose files failed to open
// (listed with the error, after which the others still are), 0 otherwise.
void add_inspect_command(CLI::App& app, int& exit_code);

}  // namespace strata::tools
