// Opens a data directory for an offline admin command: the same lock the server holds, so
// a command refuses clearly while stratad runs on that directory.
#pragma once

#include <memory>
#include <string>

#include "engine/engine.h"

namespace strata::tools {

// Opens `data_directory` with flush-on-close, so that a command leaves no WAL behind.
Result<std::unique_ptr<Engine>> open_offline_engine(const std::string& data_directory);

}  // namespace strata::tools
