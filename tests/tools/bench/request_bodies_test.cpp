// Tests of how `strata bench write` cuts generated data and files into request bodies.
#include "tools/bench/request_bodies.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace strata::tools {
namespace {

int64_t count_lines(const std::string& body) { return std::count(body.begin(), body.end(), '\n'); }

TEST(BenchRequestBodiesTest, SplitsGeneratedPointsIntoBatchesOfWholeLines) {
  // 230 samples = 23 points of 10 fields; batches of 5 give 5, 5, 5, 5, 3.
  auto bodies = build_tsbs_bodies({.host_count = 4}, 230, 5);
  ASSERT_TRUE(bodies.has_value()) << bodies.status().to_string();
  ASSERT_EQ(bodies->bodies.size(), 5u);
  const std::vector<int64_t> expected_lines = {5, 5, 5, 5, 3};
  int64_t bytes = 0;
  for (size_t i = 0; i < bodies->bodies.size(); ++i) {
    EXPECT_EQ(count_lines(bodies->bodies[i]), expected_lines[i]) << "body " << i;
    EXPECT_EQ(bodies->bodies[i].back(), '\n');
    bytes += static_cast<int64_t>(bodies->bodies[i].size());
  }
  EXPECT_EQ(bodies->line_count, 23);
  EXPECT_EQ(bodies->sample_count, 230);
  EXPECT_EQ(bodies->byte_count, bytes);
}

TEST(BenchRequestBodiesTest, RoundsSamplesUpToWholePoints) {
  auto bodies = build_tsbs_bodies({.host_count = 2}, 25, 100);
  ASSERT_TRUE(bodies.has_value());
  EXPECT_EQ(bodies->line_count, 3);
  EXPECT_EQ(bodies->sample_count, 30);
  EXPECT_EQ(bodies->bodies.size(), 1u);
}

TEST(BenchRequestBodiesTest, BatchesConcatenateToTheGeneratorStream) {
  auto bodies = build_tsbs_bodies({.host_count = 3, .seed = 9}, 70, 2);
  ASSERT_TRUE(bodies.has_value());
  auto generator = TsbsCpuGenerator::create({.host_count = 3, .seed = 9});
  std::string expected;
  for (int i = 0; i < 7; ++i) generator->append_next_line(expected);
  std::string joined;
  for (const auto& body : bodies->bodies) joined += body;
  EXPECT_EQ(joined, expected);
}

TEST(BenchRequestBodiesTest, RejectsBatchOfZeroLines) {
  auto bodies = build_tsbs_bodies({}, 100, 0);
  ASSERT_FALSE(bodies.has_value());
  EXPECT_EQ(bodies.error().code(), StatusCode::kInvalidArgument);
}

TEST(BenchRequestBodiesTest, FileLinesSkipBlanksAndCommentsAndGainMissingNewline) {
  const std::string text =
      "# header comment\n"
      "a,t=1 f=1 1\r\n"
      "\n"
      "   \n"
      "b,t=2 f=2,g=3 2\n"
      "c,t=3 f=4 3";  // no final newline
  auto bodies = build_file_bodies(text, 2);
  ASSERT_TRUE(bodies.has_value()) << bodies.status().to_string();
  ASSERT_EQ(bodies->bodies.size(), 2u);
  EXPECT_EQ(bodies->bodies[0], "a,t=1 f=1 1\nb,t=2 f=2,g=3 2\n");
  EXPECT_EQ(bodies->bodies[1], "c,t=3 f=4 3\n");
  EXPECT_EQ(bodies->line_count, 3);
  EXPECT_EQ(bodies->sample_count, 4);
  EXPECT_EQ(bodies->byte_count, static_cast<int64_t>(bodies->bodies[0].size() + bodies->bodies[1].size()));
}

TEST(BenchRequestBodiesTest, FileWithoutLinesIsAnError) {
  auto bodies = build_file_bodies("# only a comment\n\n", 10);
  ASSERT_FALSE(bodies.has_value());
  EXPECT_EQ(bodies.error().code(), StatusCode::kInvalidArgument);
}

TEST(BenchRequestBodiesTest, CountsFieldsPastEscapesAndQuotedStrings) {
  EXPECT_EQ(count_line_fields("cpu,host=a usage_user=1.5,usage_idle=2 10"), 2);
  // An escaped comma and space in a tag value do not end the series key.
  EXPECT_EQ(count_line_fields(R"(weather,location=us\,mid\ west temperature=82 1465839830100400200)"), 1);
  // Commas and spaces inside a quoted string value are part of the value.
  EXPECT_EQ(count_line_fields(R"(m,t=x f1=1i,f2="a, b c",f3=t 5)"), 3);
  EXPECT_EQ(count_line_fields(R"(m f="say \"hi, you\"",g=1)"), 2);
  EXPECT_EQ(count_line_fields("no_fields_here"), 0);
}

}  // namespace
}  // namespace strata::tools
