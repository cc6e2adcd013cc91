#include "tools/admin/inspect_command.h"

#include <iostream>
#include <memory>

#include "tools/admin/offline_engine.h"

namespace strata::tools {
namespace {

int run(const std::string& data_directory) {
  auto engine = open_offline_engine(data_directory, MissingDirectory::kRefuse);
  if (!engine) {
    std::cerr << "strata inspect: " << engine.status().to_string() << "\n";
    return 1;
  }
  std::cout << "data directory " << data_directory << "\n";
  bool any_unavailable = false;
  for (const std::string& name : (*engine)->list_tenants()) {
    auto tenant = (*engine)->tenant(name);
    if (!tenant) {
      // Unavailable (its files failed to open): shown with the reason, the others still are;
      // the exit code says so, as strata compact's does.
      std::cout << tenant.status().message() << "\n";
      any_unavailable = true;
      continue;
    }
    const TenantStats stats = (*tenant)->stats();
    const auto snapshot = (*tenant)->snapshot();
    std::cout << "tenant " << name << ": " << stats.series_count << " series, " << snapshot->measurements().size()
              << " measurements, " << stats.partition_count << " partitions, " << stats.segment_count << " segments ("
              << stats.segment_bytes << " bytes), " << stats.memtable_points << " points in memory\n";
  }
  return any_unavailable ? 1 : 0;
}

}  // namespace

void add_inspect_command(CLI::App& app, int& exit_code) {
  auto data_directory = std::make_shared<std::string>("./strata-data");
  CLI::App* inspect = app.add_subcommand("inspect", "Show what a data directory holds (offline)");
  inspect->add_option("--data-dir", *data_directory, "Data directory")->capture_default_str();
  inspect->callback([data_directory, &exit_code] { exit_code = run(*data_directory); });
}

}  // namespace strata::tools
