// TenantShard::resolve reuses the previous point's field ids when the field shape repeats;
// these cases make sure a shape that only looks alike (a type, an order, a measurement
// changed) still goes through the catalog, with its conflicts.
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"
#include "tests/support/tenant_reader.h"

namespace strata {
namespace {

TEST(FieldResolutionTest, RepeatedShapesReuseIdsAndChangedShapesAreCheckedAgain) {
  testing::TempDirectory directory;
  EngineOptions options;
  options.data_directory = directory.path();
  auto engine = Engine::open(options).value();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();

  WriteBatch batch;
  batch.begin_point("m", 1);
  batch.add_field("v", 1.0);
  batch.begin_point("m", 2);
  batch.add_field("v", int64_t{2});  // same key, other type: a conflict, not a reuse
  batch.begin_point("m", 3);
  batch.add_field("v", 3.0);
  batch.begin_point("m", 4);  // other order and one more field
  batch.add_field("w", 10.0);
  batch.add_field("v", 4.0);
  batch.begin_point("n", 5);  // other measurement, same key: its own field
  batch.add_field("v", int64_t{5});
  batch.begin_point("m", 6);
  batch.add_field("w", 60.0);
  batch.add_field("v", 6.0);
  auto summary = tenant->write(batch);
  ASSERT_TRUE(summary.has_value()) << summary.status().to_string();
  EXPECT_EQ(summary->points_written, 5u);
  EXPECT_EQ(summary->points_rejected, 1u);
  EXPECT_EQ(summary->first_rejection.code(), StatusCode::kConflict);
  EXPECT_NE(summary->first_rejection.message().find("point 1"), std::string_view::npos);

  using Points = std::vector<std::pair<int64_t, double>>;
  EXPECT_EQ(testing::read_floats(*tenant, "m", {}, "v"), (Points{{1, 1.0}, {3, 3.0}, {4, 4.0}, {6, 6.0}}));
  EXPECT_EQ(testing::read_floats(*tenant, "m", {}, "w"), (Points{{4, 10.0}, {6, 60.0}}));
  const auto fields = tenant->snapshot()->fields("n");
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0].type, ValueType::kInt64);
}

}  // namespace
}  // namespace strata
