#include "engine/tenant/tenant_settings.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

TEST(TenantSettingsTest, RoundTrips) {
  const std::string bytes = encode_tenant_settings(TenantSettings{3600LL * 1'000'000'000LL});
  ASSERT_EQ(bytes.size(), 32u);
  auto decoded = decode_tenant_settings(bytes, "TENANT");
  ASSERT_TRUE(decoded.has_value()) << decoded.status().to_string();
  EXPECT_EQ(decoded->partition_duration_ns, 3600LL * 1'000'000'000LL);
}

TEST(TenantSettingsTest, MatchesTheDocumentedBytes) {
  const std::string bytes = encode_tenant_settings(TenantSettings{86400LL * 1'000'000'000LL});
  // docs/format/tenant.md: magic "STRATNT\x01", version 1, zeros, duration 86400e9 LE.
  EXPECT_EQ(bytes.substr(0, 8), std::string("STRATNT\x01", 8));
  EXPECT_EQ(bytes.substr(8, 8), std::string("\x01\x00\x00\x00\x00\x00\x00\x00", 8));
  EXPECT_EQ(bytes.substr(16, 8), std::string("\x00\x00\x4f\x91\x94\x4e\x00\x00", 8));
}

TEST(TenantSettingsTest, DetectsEveryFlippedBit) {
  const std::string bytes = encode_tenant_settings(TenantSettings{86400LL * 1'000'000'000LL});
  for (size_t bit = 0; bit < bytes.size() * 8; ++bit) {
    std::string damaged = bytes;
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_EQ(decode_tenant_settings(damaged, "TENANT").status().code(), StatusCode::kCorruption) << bit;
  }
  EXPECT_EQ(decode_tenant_settings(bytes.substr(0, 31), "TENANT").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace strata
