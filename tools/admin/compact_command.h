// `strata compact`: merges each partition's segments into one (docs/compaction.md), offline
// on a data directory, for one tenant or all; prints what each tenant's compaction did.
#pragma once

#include <CLI/CLI.hpp>

namespace strata::tools {

void add_compact_command(CLI::App& app, int& exit_code);

}  // namespace strata::tools
