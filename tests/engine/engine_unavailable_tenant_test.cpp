// Engine with one damaged tenant: the others open and serve, the damaged one is kept as
// unavailable with the reason (file and offset) until it is dropped.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>

#include "engine/base/log.h"
#include "engine/engine.h"
#include "tests/engine/engine_fixture.h"
#include "tests/support/tenant_reader.h"

namespace strata {
namespace {


// The byte flipped in the 32-byte TENANT file: one of partition_duration_ns, which the
// checksum at offset 24 covers (docs/format/tenant.md §3), so the checksum check fails.
constexpr size_t kFlippedSettingsByte = 17;

class EngineUnavailableTenantTest : public testing::EngineFixture {
 protected:
  std::string settings_path(const std::string& tenant) const {
    return options().data_directory + "/tenants/" + tenant + "/TENANT";
  }
  static void write_point(Tenant& tenant, int64_t timestamp_ns, double value) {
    WriteBatch batch;
    batch.begin_point("m", timestamp_ns);
    batch.add_field("f", value);
    auto written = tenant.write(batch);
    ASSERT_TRUE(written.has_value()) << written.status().to_string();
  }
  // Two tenants, `good` and `bad`, one point each; then one byte of bad's TENANT flipped.
  void create_two_tenants_and_damage_one() {
    {
      auto engine = open();
      ASSERT_NE(engine, nullptr);
      for (const std::string name : {"good", "bad"}) {
        ASSERT_TRUE(engine->create_tenant(name).is_ok());
        write_point(*engine->tenant(name).value(), 1, 1.5);
      }
    }
    std::string bytes;
    {
      std::ifstream in(settings_path("bad"), std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    ASSERT_EQ(bytes.size(), 32u);
    bytes[kFlippedSettingsByte] = static_cast<char>(bytes[kFlippedSettingsByte] ^ 0x01);
    std::ofstream out(settings_path("bad"), std::ios::binary | std::ios::trunc);
    out << bytes;
  }
};

TEST_F(EngineUnavailableTenantTest, OthersOpenAndServeWhileTheDamagedOneIsUnavailable) {
  create_two_tenants_and_damage_one();
  std::vector<std::string> errors;
  std::mutex errors_mutex;
  const LogSink previous = set_log_sink([&](std::string_view line) {
    std::lock_guard lock(errors_mutex);
    if (line.find("level=error") != std::string_view::npos) errors.emplace_back(line);
  });
  auto engine = open();
  set_log_sink(previous);
  ASSERT_NE(engine, nullptr);

  auto good = engine->tenant("good");
  ASSERT_TRUE(good.has_value()) << good.status().to_string();
  write_point(**good, 2, 2.5);
  EXPECT_EQ(testing::read_floats(**good, "m", {}, "f"), (std::vector<std::pair<int64_t, double>>{{1, 1.5}, {2, 2.5}}));

  auto bad = engine->tenant("bad");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.status().code(), StatusCode::kUnavailable);
  const std::string message(bad.status().message());
  EXPECT_TRUE(message.starts_with("tenant bad is unavailable: corruption: ")) << message;
  EXPECT_NE(message.find(settings_path("bad")), std::string::npos) << message;
  EXPECT_NE(message.find("offset 24"), std::string::npos) << message;

  const auto unavailable = engine->unavailable_tenants();
  ASSERT_EQ(unavailable.size(), 1u);
  EXPECT_EQ(unavailable[0].name, "bad");
  EXPECT_EQ(unavailable[0].error.code(), StatusCode::kCorruption);
  // The name stays taken: the tenant exists, and creating it must not wipe its files.
  EXPECT_EQ(engine->list_tenants(), (std::vector<std::string>{"bad", "good"}));
  EXPECT_EQ(engine->create_tenant("bad").code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(std::ifstream(settings_path("bad")).good());

  ASSERT_EQ(errors.size(), 1u) << "one error line per unavailable tenant";
  EXPECT_NE(errors[0].find("tenant=bad"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find(settings_path("bad")), std::string::npos) << errors[0];
}

TEST_F(EngineUnavailableTenantTest, DroppingTheUnavailableTenantRemovesItsFiles) {
  create_two_tenants_and_damage_one();
  {
    auto engine = open();
    ASSERT_NE(engine, nullptr);
    ASSERT_TRUE(engine->drop_tenant("bad").is_ok());
    EXPECT_EQ(engine->tenant("bad").status().code(), StatusCode::kNotFound);
    EXPECT_TRUE(engine->unavailable_tenants().empty());
    EXPECT_EQ(engine->list_tenants(), std::vector<std::string>{"good"});
    EXPECT_FALSE(std::ifstream(settings_path("bad")).good());
    // The name is free again: a new, empty tenant.
    ASSERT_TRUE(engine->create_tenant("bad").is_ok());
    EXPECT_TRUE(testing::read_floats(*engine->tenant("bad").value(), "m", {}, "f").empty());
  }
  auto engine = open();
  ASSERT_NE(engine, nullptr);
  EXPECT_TRUE(engine->unavailable_tenants().empty());
  EXPECT_EQ(engine->list_tenants(), (std::vector<std::string>{"bad", "good"}));
  EXPECT_EQ(testing::read_floats(*engine->tenant("good").value(), "m", {}, "f").size(), 1u);
}

}  // namespace
}  // namespace strata

namespace strata {
namespace {

TEST_F(EngineUnavailableTenantTest, AMissingSettingsFileBesideDataIsDamageNotAnUnfinishedCreate) {
  create_two_tenants_and_damage_one();
  std::filesystem::remove(settings_path("bad"));
  {
    auto engine = open();
    ASSERT_NE(engine, nullptr);
    const auto bad = engine->tenant("bad");
    EXPECT_EQ(bad.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(bad.status().message().find(settings_path("bad") + ": missing at offset 0"), std::string::npos)
        << bad.status().to_string();
    EXPECT_TRUE(engine->tenant("good").has_value());
  }
  // Nothing of it was removed: the catalog and the WAL are still there for the operator.
  EXPECT_TRUE(std::filesystem::exists(options().data_directory + "/tenants/bad/series.cat"));
  EXPECT_FALSE(std::filesystem::is_empty(options().data_directory + "/tenants/bad/wal"));
}

TEST_F(EngineUnavailableTenantTest, ADirectoryWithoutSettingsOrDataIsAnUnfinishedCreateAndGoes) {
  std::filesystem::create_directories(options().data_directory + "/tenants/half/wal");
  std::filesystem::create_directories(options().data_directory + "/tenants/half/partitions");
  auto engine = open();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(engine->tenant("half").status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(options().data_directory + "/tenants/half"));
}

}  // namespace
}  // namespace strata
