// stratad: the Strata server. Until the HTTP server lands (issue 3) it opens the data
// directory — taking its lock, recovering every tenant, creating tenant `default` when
// absent — reports what it holds, and exits.
#include <CLI/CLI.hpp>

#include <iostream>

#include "engine/engine.h"

int main(int argc, char** argv) {
  CLI::App app{"stratad: the Strata time-series database server"};
  std::string data_directory = "./strata-data";
  std::string durability = "batch";
  app.add_option("--data-dir", data_directory, "Data directory")->envname("STRATA_DATA_DIR")->capture_default_str();
  app.add_option("--fsync", durability, "Durability: batch, interval:<n>ms|s or none")
      ->envname("STRATA_FSYNC")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  strata::EngineOptions options;
  options.data_directory = data_directory;
  auto parsed = strata::parse_durability(durability);
  if (!parsed) {
    std::cerr << "stratad: " << parsed.status().message() << "\n";
    return 2;
  }
  options.durability = *parsed;
  auto engine = strata::Engine::open(options);
  if (!engine) {
    std::cerr << "stratad: " << engine.status().to_string() << "\n";
    return 1;
  }
  if ((*engine)->list_tenants().empty()) {
    if (auto status = (*engine)->create_tenant("default"); !status.is_ok()) {
      std::cerr << "stratad: " << status.to_string() << "\n";
      return 1;
    }
  }
  std::cout << "stratad: data directory " << data_directory << " (io_uring " << ((*engine)->uring_active() ? "on" : "off")
            << ", fsync " << strata::durability_name(options.durability) << ")\n";
  for (const std::string& name : (*engine)->list_tenants()) {
    const strata::TenantStats stats = (*engine)->tenant(name).value()->stats();
    std::cout << "  tenant " << name << ": " << stats.series_count << " series, " << stats.partition_count
              << " partitions, " << stats.segment_count << " segments, " << stats.segment_bytes << " bytes\n";
  }
  std::cout << "stratad: the HTTP server is not built yet (issue 3); exiting\n";
  const strata::Status closed = (*engine)->close();
  if (!closed.is_ok()) {
    std::cerr << "stratad: " << closed.to_string() << "\n";
    return 1;
  }
  return 0;
}
