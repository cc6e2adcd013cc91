// `strata tenant list|create|drop`: manage tenants of a data directory offline.
#pragma once

#include <CLI/CLI.hpp>

namespace strata::tools {

// Adds the subcommand to `app`; it runs when parsed and sets `exit_code`.
void add_tenant_command(CLI::App& app, int& exit_code);

}  // namespace strata::tools
