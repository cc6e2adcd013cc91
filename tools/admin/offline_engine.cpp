#include "tools/admin/offline_engine.h"

#include <filesystem>
#include <system_error>

namespace strata::tools {

Result<std::unique_ptr<Engine>> open_offline_engine(const std::string& data_directory, MissingDirectory missing) {
  std::error_code error;
  // An error other than absence (a permission, say) is left for the engine to report.
  if (missing == MissingDirectory::kRefuse && !std::filesystem::exists(data_directory, error) && !error) {
    return Status::not_found("data directory " + data_directory + " does not exist");
  }
  EngineOptions options;
  options.data_directory = data_directory;
  // A command does its one job: no background compaction while it runs (strata compact
  // asks for its own).
  options.tenant_defaults.compaction_min_segments = 0;
  auto engine = Engine::open(options);
  if (!engine) return engine.error().with_context("open data directory " + data_directory);
  return engine;
}

}  // namespace strata::tools
