// `strata inspect`, run as the built binary: the counts it prints for each tenant match what
// was written and what is on disk; a missing, damaged or busy directory gives a clear error
// and a non-zero exit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"
#include "tests/tools/admin/strata_cli.h"

namespace strata {
namespace {

constexpr int64_t kDay = 86'400LL * 1'000'000'000LL;  // the default partition span
constexpr int64_t kSecond = 1'000'000'000LL;
// What inspect prints for the tenant "empty" of write_two_tenants: nothing written.
constexpr char kEmptyTenantLine[] =
    "tenant empty: 0 series, 0 measurements, 0 partitions, 0 segments (0 bytes), 0 points in memory\n";

class InspectCommandTest : public ::testing::Test {
 protected:
  std::unique_ptr<Engine> open_engine(bool flush_on_close = true) {
    EngineOptions options;
    options.data_directory = data_directory_;
    options.flush_on_close = flush_on_close;
    options.tenant_defaults.compaction_min_segments = 0;
    return Engine::open(options).value();
  }

  static void write_point(Tenant& tenant, const std::string& measurement, const std::string& host, int64_t ts) {
    WriteBatch batch;
    batch.begin_point(measurement, ts);
    batch.add_tag("host", host);
    batch.add_field("f", 1.0);
    ASSERT_TRUE(tenant.write(batch).has_value());
  }

  // Tenant "full": 3 series (cpu on hosts a and b, mem on a) over 2 day partitions, flushed
  // to one segment each, then 4 more points of cpu,host=a left in the WAL only. Tenant
  // "empty": created, nothing written.
  void write_two_tenants() {
    {
      auto engine = open_engine();
      ASSERT_TRUE(engine->create_tenant("full").is_ok());
      ASSERT_TRUE(engine->create_tenant("empty").is_ok());
      auto tenant = engine->tenant("full").value();
      for (const int64_t day_start : {0 * kDay, 1 * kDay}) {
        write_point(*tenant, "cpu", "a", day_start);
        write_point(*tenant, "cpu", "b", day_start);
        write_point(*tenant, "mem", "a", day_start);
      }
      ASSERT_TRUE(tenant->flush().is_ok());
    }
    auto engine = open_engine(/*flush_on_close=*/false);
    auto tenant = engine->tenant("full").value();
    for (int64_t second = 1; second <= 4; ++second) write_point(*tenant, "cpu", "a", second * kSecond);
  }

  // The bytes of every segment file of `tenant`, read from the disk.
  uint64_t segment_bytes_on_disk(const std::string& tenant) const {
    uint64_t bytes = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(data_directory_ + "/tenants/" + tenant + "/partitions")) {
      if (entry.path().extension() == ".seg") bytes += entry.file_size();
    }
    return bytes;
  }

  testing::StrataResult inspect(const std::string& data_directory) {
    return testing::run_strata("inspect --data-dir=" + testing::shell_quote(data_directory));
  }

  testing::TempDirectory root_;
  const std::string data_directory_ = root_.file("data");
};

TEST_F(InspectCommandTest, PrintsWhatEachTenantHolds) {
  write_two_tenants();
  const uint64_t segment_bytes = segment_bytes_on_disk("full");
  ASSERT_GT(segment_bytes, 0u);
  const auto result = inspect(data_directory_);
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_EQ(result.output, "data directory " + data_directory_ + "\n" + kEmptyTenantLine +
                               "tenant full: 3 series, 2 measurements, 2 partitions, 2 segments (" +
                               std::to_string(segment_bytes) + " bytes), 4 points in memory\n");
}

TEST_F(InspectCommandTest, AMissingDirectoryIsAnErrorAndIsNotCreated) {
  const std::string missing = root_.file("no-such-dir");
  const auto result = inspect(missing);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output, "");
  EXPECT_EQ(result.errors, "strata inspect: not found: data directory " + missing + " does not exist\n");
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(InspectCommandTest, AFileInPlaceOfTheDirectoryIsAnError) {
  std::ofstream(data_directory_) << "not a directory";
  const auto result = inspect(data_directory_);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("strata inspect: io error: open data directory " + data_directory_ + ": "),
            std::string::npos)
      << result.errors;
  EXPECT_NE(result.errors.find("Not a directory"), std::string::npos) << result.errors;
}

// A damaged tenant is named with the file and the check that failed, the other tenants are
// still shown, and the exit code tells a script that something is wrong.
TEST_F(InspectCommandTest, ADamagedTenantIsNamedAndFailsTheExitCode) {
  write_two_tenants();
  const std::string settings_path = data_directory_ + "/tenants/full/TENANT";
  {
    std::fstream settings(settings_path, std::ios::in | std::ios::out | std::ios::binary);
    settings.seekp(8);  // the version, under the checksum at offset 24 (docs/format/tenant.md)
    settings.put('\x7f');
  }
  const auto result = inspect(data_directory_);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("tenant full is unavailable: corruption: " + settings_path + ": "), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("checksum mismatch at offset 24"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(kEmptyTenantLine), std::string::npos) << result.output;
}

TEST_F(InspectCommandTest, RefusesWhileTheDirectoryIsInUse) {
  write_two_tenants();
  auto engine = open_engine();  // holds the lock, as a running stratad would
  const auto result = inspect(data_directory_);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("strata inspect: unavailable: open data directory " + data_directory_),
            std::string::npos)
      << result.errors;
}

}  // namespace
}  // namespace strata
