// Reads the data directories kept in tests/data/format/v<N> (each written once by the
// engine of that format version: one tenant, 20 points of four field types flushed to a
// segment, one more point only in the WAL). Every later version must keep reading them.
// v2 (WAL and series.cat with synced-length slots) was written by stratad: the 20 points
// in one /write, a clean stop (which flushes), one more /write, then SIGKILL.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"
#include "tests/support/tenant_reader.h"

namespace strata {
namespace {

class GoldenFormatTest : public ::testing::TestWithParam<const char*> {};

TEST_P(GoldenFormatTest, DataDirectoryStillOpensWithEveryPoint) {
  testing::TempDirectory directory;
  std::filesystem::copy(std::string(STRATA_SOURCE_DIR) + "/tests/data/format/" + GetParam() + "/data",
                        directory.path() + "/data", std::filesystem::copy_options::recursive);
  EngineOptions options;
  options.data_directory = directory.path() + "/data";
  options.flush_on_close = false;  // leave the copy as it was
  auto engine = Engine::open(options);
  ASSERT_TRUE(engine.has_value()) << engine.status().to_string();
  auto tenant = (*engine)->tenant("golden").value();
  const auto host_a = testing::read_floats(*tenant, "cpu", {{"host", MatchOp::kEqual, "a"}}, "usage");
  ASSERT_EQ(host_a.size(), 11u);  // 10 flushed + 1 replayed from the WAL
  EXPECT_EQ(host_a.front(), (std::pair<int64_t, double>{1'700'000'010'000'000'000LL, 11.25}));
  EXPECT_EQ(host_a.back(), (std::pair<int64_t, double>{1'700'000'300'000'000'000LL, 99.5}));
  auto snapshot = tenant->snapshot();
  std::vector<std::string> names;
  for (const FieldInfo& field : snapshot->fields("cpu")) names.push_back(field.name);
  EXPECT_EQ(names, (std::vector<std::string>{"count", "note", "up", "usage"}));
  EXPECT_EQ(snapshot->tag_values("cpu", "host"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(tenant->stats().segment_count, 1u);
}

INSTANTIATE_TEST_SUITE_P(EveryVersion, GoldenFormatTest, ::testing::Values("v1", "v2"));

}  // namespace
}  // namespace strata
