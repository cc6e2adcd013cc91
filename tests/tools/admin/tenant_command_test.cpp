// `strata tenant list|create|drop` on a data directory, run as the built binary: what each
// prints and exits with, and what the engine finds on the directory afterwards. Hostile
// names are refused without touching anything inside or outside the directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <utility>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"
#include "tests/support/tenant_reader.h"
#include "tests/tools/admin/strata_cli.h"

namespace strata {
namespace {

constexpr int64_t kSecond = 1'000'000'000LL;
constexpr int kPointsPerTenant = 20;

class TenantCommandTest : public ::testing::Test {
 protected:
  std::unique_ptr<Engine> open_engine() {
    EngineOptions options;
    options.data_directory = data_directory_;
    return Engine::open(options).value();
  }

  // Creates `name` holding kPointsPerTenant values of m,host=a f, flushed to a segment.
  void create_tenant_with_data(const std::string& name) {
    auto engine = open_engine();
    ASSERT_TRUE(engine->create_tenant(name).is_ok());
    auto tenant = engine->tenant(name).value();
    WriteBatch batch;
    for (int64_t second = 0; second < kPointsPerTenant; ++second) {
      batch.begin_point("m", second * kSecond);
      batch.add_tag("host", "a");
      batch.add_field("f", static_cast<double>(second));
    }
    ASSERT_TRUE(tenant->write(batch).has_value());
    ASSERT_TRUE(tenant->flush().is_ok());
  }

  size_t point_count(const std::string& name) {
    auto engine = open_engine();
    return testing::read_floats(*engine->tenant(name).value(), "m", {}, "f").size();
  }

  std::vector<std::string> tenants() { return open_engine()->list_tenants(); }

  std::string tenant_directory(const std::string& name) const { return data_directory_ + "/tenants/" + name; }

  // `strata tenant <action> --data-dir=<dir> [name]`, the name quoted byte for byte.
  testing::StrataResult tenant_command(const std::string& action, const std::string& name = "") {
    std::string arguments = "tenant " + action + " --data-dir=" + testing::shell_quote(data_directory_);
    if (action != "list") arguments += " -- " + testing::shell_quote(name);
    return testing::run_strata(arguments);
  }

  // Every path below the test's directory (the data directory's parent) but WAL segments:
  // every open of the engine starts a new one, whatever the command then does.
  std::set<std::string> paths_on_disk() const {
    std::set<std::string> paths;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root_.path())) {
      if (entry.path().parent_path().filename() != "wal") paths.insert(entry.path().string());
    }
    return paths;
  }

  testing::TempDirectory root_;
  const std::string data_directory_ = root_.file("data");
};

TEST_F(TenantCommandTest, ListPrintsEveryTenantInNameOrder) {
  for (const char* name : {"zeta", "alpha", "mid-1"}) {
    ASSERT_TRUE(open_engine()->create_tenant(name).is_ok());
  }
  const auto result = tenant_command("list");
  EXPECT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_EQ(result.output, "alpha\nmid-1\nzeta\n");
}

TEST_F(TenantCommandTest, ListOfADirectoryWithoutTenantsPrintsNothing) {
  open_engine();
  const auto result = tenant_command("list");
  EXPECT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_EQ(result.output, "");
}

TEST_F(TenantCommandTest, CreateMakesATenantTheEngineOpens) {
  const auto result = tenant_command("create", "cpu_01.eu");
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_EQ(result.output, "tenant cpu_01.eu created\n");
  EXPECT_TRUE(std::filesystem::is_regular_file(tenant_directory("cpu_01.eu") + "/TENANT"));
  auto engine = open_engine();
  EXPECT_EQ(engine->list_tenants(), std::vector<std::string>{"cpu_01.eu"});
  auto tenant = engine->tenant("cpu_01.eu");
  ASSERT_TRUE(tenant.has_value()) << tenant.status().to_string();
  EXPECT_EQ((*tenant)->stats().series_count, 0u);
}

TEST_F(TenantCommandTest, CreatingAnExistingTenantFailsAndKeepsItsData) {
  create_tenant_with_data("t");
  const auto result = tenant_command("create", "t");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("strata tenant create: already exists: tenant t already exists"), std::string::npos)
      << result.errors;
  EXPECT_EQ(point_count("t"), static_cast<size_t>(kPointsPerTenant));
}

TEST_F(TenantCommandTest, DropRemovesATenantWithDataAndLeavesTheOthers) {
  create_tenant_with_data("gone");
  create_tenant_with_data("kept");
  ASSERT_TRUE(std::filesystem::exists(tenant_directory("gone")));
  const auto result = tenant_command("drop", "gone");
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_EQ(result.output, "tenant gone dropped\n");
  EXPECT_FALSE(std::filesystem::exists(tenant_directory("gone")));
  EXPECT_EQ(tenants(), std::vector<std::string>{"kept"});
  EXPECT_EQ(point_count("kept"), static_cast<size_t>(kPointsPerTenant));
  // The name is free again, and a new tenant under it starts empty.
  ASSERT_TRUE(open_engine()->create_tenant("gone").is_ok());
  EXPECT_EQ(point_count("gone"), 0u);
}

TEST_F(TenantCommandTest, DropRemovesATenantWhoseFilesAreDamaged) {
  create_tenant_with_data("broken");
  std::filesystem::resize_file(tenant_directory("broken") + "/TENANT", 3);
  ASSERT_EQ(open_engine()->unavailable_tenants().size(), 1u);
  const auto result = tenant_command("drop", "broken");
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_EQ(result.output, "tenant broken dropped\n");
  EXPECT_FALSE(std::filesystem::exists(tenant_directory("broken")));
  EXPECT_TRUE(tenants().empty());
}

TEST_F(TenantCommandTest, DroppingAMissingTenantFailsAndChangesNothing) {
  create_tenant_with_data("t");
  const auto before = paths_on_disk();
  const auto result = tenant_command("drop", "nope");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("strata tenant drop: not found: tenant nope does not exist"), std::string::npos)
      << result.errors;
  EXPECT_EQ(paths_on_disk(), before);
  EXPECT_EQ(point_count("t"), static_cast<size_t>(kPointsPerTenant));
}

// Names that would leave tenants/ if used as a path, or are not valid UTF-8: each is
// refused by create and drop, and no file appears or disappears anywhere under the test's
// directory (a "victim" directory beside the data directory stands for the outside).
TEST_F(TenantCommandTest, HostileNamesAreRefusedAndTouchNothing) {
  create_tenant_with_data("t");
  std::filesystem::create_directories(root_.file("victim"));
  std::ofstream(root_.file("victim/keep")) << "outside the data directory";
  const std::string hostile_names[] = {
      "../x",            // parent of tenants/
      "../../victim",    // beside the data directory
      "t/../../victim",  // through an existing tenant
      "/tmp",            // absolute
      "a/b",             // a sub-path
      "..",              // tenants/ itself
      "",                // empty
      "caf\xc3",         // UTF-8 cut inside a two-byte sequence
      "\xff\xfe",        // bytes never valid in UTF-8
  };
  for (const std::string& name : hostile_names) {
    SCOPED_TRACE("name \"" + name + "\"");
    const auto before = paths_on_disk();
    // create checks the name; drop only removes a tenant it knows, so the name finds none.
    const std::pair<std::string, std::string> expected_errors[] = {
        {"create", "strata tenant create: invalid argument: tenant name "},
        {"drop", "strata tenant drop: not found: tenant "}};
    for (const auto& [action, expected_error] : expected_errors) {
      const auto result = tenant_command(action, name);
      EXPECT_EQ(result.exit_code, 1) << action;
      EXPECT_EQ(result.output, "") << action;
      EXPECT_NE(result.errors.find(expected_error), std::string::npos) << action << ": " << result.errors;
      EXPECT_EQ(paths_on_disk(), before) << action;
    }
  }
  EXPECT_EQ(tenants(), std::vector<std::string>{"t"});
  EXPECT_EQ(point_count("t"), static_cast<size_t>(kPointsPerTenant));
}

}  // namespace
}  // namespace strata
