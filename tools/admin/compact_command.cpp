#include "tools/admin/compact_command.h"

#include <iostream>
#include <memory>

#include "tools/admin/offline_engine.h"

namespace strata::tools {
namespace {

struct CompactArguments {
  std::string data_directory = "./strata-data";
  std::string tenant;  // empty: every tenant
};

int fail(const Status& status) {
  std::cerr << "strata compact: " << status.to_string() << "\n";
  return 1;
}

int run(const CompactArguments& arguments) {
  auto engine = open_offline_engine(arguments.data_directory);
  if (!engine) return fail(engine.status());
  std::vector<std::string> names = (*engine)->list_tenants();
  if (!arguments.tenant.empty()) names = {arguments.tenant};
  bool skipped = false;
  for (const std::string& name : names) {
    auto tenant = (*engine)->tenant(name);
    if (!tenant && arguments.tenant.empty() && tenant.status().code() == StatusCode::kUnavailable) {
      // A damaged tenant does not stop the others from being compacted; the exit code says so.
      std::cerr << "strata compact: skipped " << tenant.status().message() << "\n";
      skipped = true;
      continue;
    }
    if (!tenant) return fail(tenant.status());
    const auto summary = (*tenant)->compact();
    if (!summary) return fail(summary.status().with_context("tenant " + name));
    std::cout << "tenant " << name << ": " << summary->partitions << " partitions compacted, " << summary->segments_in
              << " segments (" << summary->bytes_in << " bytes) into " << summary->partitions << " ("
              << summary->bytes_out << " bytes, " << summary->points_out << " points)\n";
  }
  const Status closed = (*engine)->close();
  if (!closed.is_ok()) return fail(closed);
  return skipped ? 1 : 0;
}

}  // namespace

void add_compact_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<CompactArguments>();
  CLI::App* compact = app.add_subcommand(
      "compact", "Merge each partition's segments into one (offline; refuses while stratad holds the directory)");
  compact->add_option("--data-dir", arguments->data_directory, "Data directory")->capture_default_str();
  compact->add_option("--tenant", arguments->tenant, "Only this tenant (default: every tenant)");
  compact->callback([arguments, &exit_code] { exit_code = run(*arguments); });
}

}  // namespace strata::tools
