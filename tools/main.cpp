// strata: the admin CLI. One file per subcommand; this main only wires them up.
#include <CLI/CLI.hpp>

#include "tools/bench/query_command.h"
#include "tools/bench/write_command.h"
#include "tools/admin/compact_command.h"
#include "tools/admin/inspect_command.h"
#include "tools/admin/tenant_command.h"

int main(int argc, char** argv) {
  CLI::App app{"strata: admin tool for the Strata time-series database"};
  app.require_subcommand(1);
  int exit_code = 0;
  strata::tools::add_tenant_command(app, exit_code);
  strata::tools::add_inspect_command(app, exit_code);
  strata::tools::add_compact_command(app, exit_code);
  strata::tools::add_bench_write_command(app, exit_code);
  strata::tools::add_bench_query_command(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
