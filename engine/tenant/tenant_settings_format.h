// Constants of the tenant settings file; byte layout in docs/format/tenant.md.
#pragma once

#include <cstdint>

namespace strata {

constexpr char kTenantSettingsFileName[] = "TENANT";
// "STRATNT\x01" read as a little-endian u64: the name, then the format generation.
constexpr uint64_t kTenantSettingsMagic = 0x01544E5441525453ULL;
constexpr uint16_t kTenantSettingsVersion = 1;
constexpr size_t kTenantSettingsBytes = 8 + 2 + 2 + 4 + 8 + 8;  // magic .. checksum

}  // namespace strata
