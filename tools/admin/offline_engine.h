// Opens a data directory for an offline admin command: the same lock the server holds, so
// a command refuses clearly while stratad runs on that directory.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/engine.h"

namespace strata::tools {

// What an offline open does when the data directory does not exist.
enum class MissingDirectory : uint8_t {
  kCreate,  // as stratad does: a command that changes the directory may start it
  kRefuse,  // a command that only reads it: a mistyped path is an error, not a new directory
};

// Opens `data_directory` with flush-on-close, so that a command leaves no WAL behind.
// Fails with kNotFound "data directory <path> does not exist" when it is missing and
// `missing` is kRefuse, otherwise with the engine's error in the context of the directory.
Result<std::unique_ptr<Engine>> open_offline_engine(const std::string& data_directory,
                                                    MissingDirectory missing = MissingDirectory::kCreate);

}  // namespace strata::tools
