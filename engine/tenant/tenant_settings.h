// The settings fixed when a tenant is created, kept in <tenant>/TENANT. The file's presence
// is also what makes a tenant exist: it is written last, atomically, on creation.
#pragma once

#include <cstdint>
#include <string>

#include "engine/base/result.h"
#include "engine/io/file_system.h"

namespace strata {

struct TenantSettings {
  int64_t partition_duration_ns = 0;
};

std::string encode_tenant_settings(const TenantSettings& settings);
// kCorruption naming `path` on a bad magic, version, size, value or checksum.
Result<TenantSettings> decode_tenant_settings(std::string_view bytes, const std::string& path);

}  // namespace strata
