#include "engine/tenant/tenant_settings.h"

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/tenant/partition_time.h"
#include "engine/tenant/tenant_settings_format.h"

namespace strata {

std::string encode_tenant_settings(const TenantSettings& settings) {
  std::string bytes;
  put_fixed64(bytes, kTenantSettingsMagic);
  put_fixed16(bytes, kTenantSettingsVersion);
  put_fixed16(bytes, 0);  // flags, reserved
  put_fixed32(bytes, 0);  // reserved
  put_fixed64(bytes, static_cast<uint64_t>(settings.partition_duration_ns));
  put_fixed64(bytes, checksum64(bytes));
  return bytes;
}

Result<TenantSettings> decode_tenant_settings(std::string_view bytes, const std::string& path) {
  auto corrupt = [&path](std::string_view check) {
    return Status::corruption(path + ": tenant settings: " + std::string(check));
  };
  if (bytes.size() < kTenantSettingsBytes) return corrupt("file ends at offset " + std::to_string(bytes.size()) + ", want 32 bytes");
  if (bytes.size() > kTenantSettingsBytes) return corrupt("bytes past offset 32, want 32 bytes");
  if (load_fixed64(bytes.data() + 24) != checksum64(bytes.substr(0, 24))) return corrupt("checksum mismatch at offset 24");
  ByteReader reader(bytes);
  uint64_t magic = 0, duration = 0;
  uint16_t version = 0, flags = 0;
  uint32_t reserved = 0;
  (void)(reader.get_fixed64(magic) && reader.get_fixed16(version) && reader.get_fixed16(flags) &&
         reader.get_fixed32(reserved) && reader.get_fixed64(duration));
  if (magic != kTenantSettingsMagic) return corrupt("bad magic at offset 0");
  if (version != kTenantSettingsVersion) return corrupt("unsupported version " + std::to_string(version));
  if (flags != 0 || reserved != 0) return corrupt("reserved bits set at offset 10");
  const auto duration_ns = static_cast<int64_t>(duration);
  if (duration_ns <= 0 || duration_ns % kNanosPerSecond != 0) return corrupt("bad partition duration at offset 16");
  return TenantSettings{duration_ns};
}

}  // namespace strata
