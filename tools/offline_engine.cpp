#include "tools/offline_engine.h"

namespace strata::tools {

Result<std::unique_ptr<Engine>> open_offline_engine(const std::string& data_directory) {
  EngineOptions options;
  options.data_directory = data_directory;
  auto engine = Engine::open(options);
  if (!engine) return engine.error().with_context("open data directory " + data_directory);
  return engine;
}

}  // namespace strata::tools
