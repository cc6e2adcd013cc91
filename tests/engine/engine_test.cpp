// The engine end to end on the real file system: tenants, writes, reads, flush, reopen.
#include "engine/engine.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>

#include "tests/engine/engine_fixture.h"
#include "tests/support/tenant_reader.h"
#include "tests/support/temp_directory.h"

namespace strata {
namespace {

using EngineTest = testing::EngineFixture;

TEST_F(EngineTest, CreatesListsAndDropsTenants) {
  auto engine = open();
  ASSERT_TRUE(engine->create_tenant("beta").is_ok());
  ASSERT_TRUE(engine->create_tenant("alpha").is_ok());
  EXPECT_EQ(engine->create_tenant("alpha").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(engine->list_tenants(), (std::vector<std::string>{"alpha", "beta"}));
  ASSERT_TRUE(engine->drop_tenant("alpha").is_ok());
  EXPECT_EQ(engine->list_tenants(), std::vector<std::string>{"beta"});
  EXPECT_EQ(engine->drop_tenant("alpha").code(), StatusCode::kNotFound);
  EXPECT_EQ(engine->tenant("alpha").status().code(), StatusCode::kNotFound);
}

TEST_F(EngineTest, RejectsTenantNamesThatCouldEscapeTheDirectory) {
  auto engine = open();
  for (const std::string& name : std::vector<std::string>{"", ".", "..", "../x", "a/b", ".hidden", std::string(65, 'a'), "a b", "a\\b"}) {
    EXPECT_EQ(engine->create_tenant(name).code(), StatusCode::kInvalidArgument) << name;
  }
  EXPECT_TRUE(engine->create_tenant(std::string(64, 'a')).is_ok());
  EXPECT_TRUE(engine->create_tenant("team-1.metrics_v2").is_ok());
}

TEST_F(EngineTest, SecondOpenOfTheSameDirectoryFailsNamingTheHolder) {
  auto engine = open();
  auto second = Engine::open(options());
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("pid " + std::to_string(getpid())), std::string::npos)
      << second.status().to_string();
}

TEST_F(EngineTest, WrittenPointsAreReadableBeforeAndAfterFlushAndReopen) {
  {
    auto engine = open();
    ASSERT_TRUE(engine->create_tenant("t").is_ok());
    auto tenant = engine->tenant("t").value();
    WriteBatch batch;
    for (int host = 0; host < 3; ++host) {
      for (int step = 0; step < 100; ++step) {
        batch.begin_point("cpu", step * 10'000'000'000LL);
        batch.add_tag("host", "h" + std::to_string(host));
        batch.add_field("usage", host * 1000.0 + step);
        batch.add_field("count", int64_t{step});
      }
    }
    auto written = tenant->write(batch);
    ASSERT_TRUE(written.has_value()) << written.status().to_string();
    EXPECT_EQ(written->points_written, 300u);
    EXPECT_EQ(written->values_written, 600u);
    EXPECT_EQ(testing::read_floats(*tenant, "cpu", {{"host", MatchOp::kEqual, "h1"}}, "usage").size(), 100u);
    ASSERT_TRUE(tenant->flush().is_ok());
    EXPECT_EQ(testing::read_floats(*tenant, "cpu", {{"host", MatchOp::kEqual, "h1"}}, "usage").size(), 100u);
  }
  auto engine = open();
  auto tenant = engine->tenant("t").value();
  const auto points = testing::read_floats(*tenant, "cpu", {{"host", MatchOp::kEqual, "h2"}}, "usage");
  ASSERT_EQ(points.size(), 100u);
  EXPECT_EQ(points[5], (std::pair<int64_t, double>{50'000'000'000LL, 2005.0}));
  auto snapshot = tenant->snapshot();
  EXPECT_EQ(snapshot->measurements(), std::vector<std::string>{"cpu"});
  EXPECT_EQ(snapshot->tag_keys("cpu"), std::vector<std::string>{"host"});
  EXPECT_EQ(snapshot->tag_values("cpu", "host"), (std::vector<std::string>{"h0", "h1", "h2"}));
  const auto fields = snapshot->fields("cpu");
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].name, "count");
  EXPECT_EQ(fields[0].type, ValueType::kInt64);
  EXPECT_EQ(fields[1].type, ValueType::kFloat64);
}

TEST_F(EngineTest, FieldTypeConflictRejectsOnlyTheConflictingPoints) {
  auto engine = open();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();
  WriteBatch first;
  first.begin_point("m", 1);
  first.add_field("f", 1.5);
  ASSERT_TRUE(tenant->write(first).has_value());
  WriteBatch second;
  second.begin_point("m", 2);
  second.add_field("f", int64_t{2});
  second.begin_point("m", 3);
  second.add_field("f", 3.5);
  auto written = tenant->write(second);
  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(written->points_written, 1u);
  EXPECT_EQ(written->points_rejected, 1u);
  EXPECT_EQ(written->first_rejection.code(), StatusCode::kConflict);
  EXPECT_NE(written->first_rejection.message().find(
                "field type conflict: input field \"f\" on measurement \"m\" is type integer, already exists as type float"),
            std::string::npos)
      << written->first_rejection.to_string();
  const auto points = testing::read_floats(*tenant, "m", {}, "f");
  EXPECT_EQ(points, (std::vector<std::pair<int64_t, double>>{{1, 1.5}, {3, 3.5}}));
}

TEST_F(EngineTest, LaterWriteWinsAcrossMemtableAndSegments) {
  auto engine = open();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();
  auto write = [&](int64_t ts, double value) {
    WriteBatch batch;
    batch.begin_point("m", ts);
    batch.add_field("f", value);
    ASSERT_TRUE(tenant->write(batch).has_value());
  };
  write(10, 1.0);
  write(20, 2.0);
  ASSERT_TRUE(tenant->flush().is_ok());
  write(10, 11.0);  // overwrites a flushed point
  ASSERT_TRUE(tenant->flush().is_ok());
  write(20, 22.0);  // overwrites again, still in the memtable
  write(5, 0.5);    // out of order
  EXPECT_EQ(testing::read_floats(*tenant, "m", {}, "f"),
            (std::vector<std::pair<int64_t, double>>{{5, 0.5}, {10, 11.0}, {20, 22.0}}));
}

TEST_F(EngineTest, ManyOverlappingSegmentsAndMemtableMergeNewestWins) {
  auto engine = open();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();
  std::mt19937_64 random(11);
  std::map<int64_t, double> expected;
  for (int round = 0; round < 5; ++round) {
    WriteBatch batch;
    for (int point = 0; point < 300; ++point) {
      const auto ts = static_cast<int64_t>(random() % 1000);
      const double value = round * 1000.0 + point;
      batch.begin_point("m", ts);
      batch.add_field("f", value);
      expected[ts] = value;
    }
    ASSERT_TRUE(tenant->write(batch).has_value());
    if (round < 4) {  // the last round stays in the memtable
      ASSERT_TRUE(tenant->flush().is_ok());
    }
  }
  const std::vector<std::pair<int64_t, double>> want(expected.begin(), expected.end());
  EXPECT_EQ(testing::read_floats(*tenant, "m", {}, "f"), want);
  // A window that cuts every overlapping block.
  std::vector<std::pair<int64_t, double>> window;
  for (const auto& point : want) {
    if (point.first >= 250 && point.first < 750) window.push_back(point);
  }
  EXPECT_EQ(testing::read_floats(*tenant, "m", {}, "f", 250, 750), window);
}

TEST_F(EngineTest, TimeBoundsComeFromBlockStatsAndMemtableClampedToTheRange) {
  auto engine = open();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();
  auto write = [&](int64_t ts) {
    WriteBatch batch;
    batch.begin_point("m", ts);
    batch.add_field("f", 1.0);
    ASSERT_TRUE(tenant->write(batch).has_value());
  };
  for (int64_t ts = 100; ts <= 200; ts += 10) write(ts);
  ASSERT_TRUE(tenant->flush().is_ok());
  write(50);
  write(300);
  auto snapshot = tenant->snapshot();
  const auto ids = snapshot->select_series("m", {}).value();
  ASSERT_EQ(ids.size(), 1u);
  const ColumnKey column{ids[0], snapshot->fields("m")[0].id};
  using Bounds = std::optional<std::pair<int64_t, int64_t>>;
  const int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(snapshot->time_bounds(column, kMin, kMax), (Bounds{{50, 300}}));
  // The segment block straddles both ends; the memtable points lie outside.
  EXPECT_EQ(snapshot->time_bounds(column, 125, 175), (Bounds{{125, 174}}));
  EXPECT_EQ(snapshot->time_bounds(column, 250, 301), (Bounds{{300, 300}}));
  EXPECT_EQ(snapshot->time_bounds(column, 400, 500), Bounds{});
}

TEST_F(EngineTest, UnflushedWritesSurviveReopenThroughTheWal) {
  auto opts = options();
  opts.flush_on_close = false;
  {
    auto engine = Engine::open(opts).value();
    ASSERT_TRUE(engine->create_tenant("t").is_ok());
    WriteBatch batch;
    batch.begin_point("m", 7);
    batch.add_field("f", 7.0);
    ASSERT_TRUE(engine->tenant("t").value()->write(batch).has_value());
  }
  auto engine = Engine::open(opts).value();
  EXPECT_EQ(testing::read_floats(*engine->tenant("t").value(), "m", {}, "f"),
            (std::vector<std::pair<int64_t, double>>{{7, 7.0}}));
}

}  // namespace
}  // namespace strata

namespace strata {
namespace {

TEST_F(EngineTest, TextNoAnswerCanCarryIsRejectedPerPointEvenWithoutAParser) {
  auto engine = open();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();
  struct Case {
    const char* what;
    std::string measurement, tag_value, field_key;
    FieldValue value;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"a bad measurement", "\xff", "a", "f", 1.0, "invalid UTF-8 in measurement at byte 1"},
      {"NUL in a tag value", "m", std::string("a\0b", 3), "f", 1.0, "control character U+0000 in value of tag 'host'"},
      {"an overlong field key", "m", "a", "\xc0\xaf", 1.0, "invalid UTF-8 in field key at byte 1"},
      {"a surrogate in a string", "m", "a", "s", std::string_view("\xed\xa0\x80"), "invalid UTF-8 in string value"},
  };
  for (const Case& bad : cases) {
    // A good point first: it is written, and only the bad one is rejected.
    WriteBatch batch;
    batch.begin_point("m", 1, "m,host=a");
    batch.add_tag("host", "a");
    batch.add_field("f", 1.0);
    batch.begin_point(bad.measurement, 2);
    batch.add_tag("host", bad.tag_value);
    batch.add_field(bad.field_key, bad.value);
    const auto written = tenant->write(batch);
    ASSERT_TRUE(written.has_value()) << bad.what << ": " << written.status().to_string();
    EXPECT_EQ(written->points_written, 1u) << bad.what;
    EXPECT_EQ(written->points_rejected, 1u) << bad.what;
    EXPECT_NE(written->first_rejection.message().find(bad.message), std::string::npos)
        << bad.what << ": " << written->first_rejection.to_string();
  }
  EXPECT_EQ(tenant->snapshot()->tag_values("m", "host"), std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace strata
