// Tests of the TSBS cpu-only generator: determinism, the tag set, the fields and their text,
// and the timestamps, read back by splitting the line-protocol text by hand.
#include "tools/bench/tsbs_cpu_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>

namespace strata::tools {
namespace {

// One generated line split by hand: TSBS data has no escapes or quoted strings, so
// spaces, commas and '=' are the only separators.
struct ParsedLine {
  std::string measurement;
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<std::pair<std::string, std::string>> fields;
  int64_t timestamp_ns = 0;
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t begin = 0;
  for (size_t end; (end = text.find(separator, begin)) != std::string::npos; begin = end + 1) {
    parts.push_back(text.substr(begin, end - begin));
  }
  parts.push_back(text.substr(begin));
  return parts;
}

std::pair<std::string, std::string> key_value(const std::string& text) {
  const size_t equals = text.find('=');
  return {text.substr(0, equals), text.substr(equals + 1)};
}

ParsedLine parse(const std::string& line) {
  EXPECT_EQ(line.back(), '\n');
  const auto sections = split(line.substr(0, line.size() - 1), ' ');
  EXPECT_EQ(sections.size(), 3u) << line;
  ParsedLine parsed;
  auto series = split(sections[0], ',');
  parsed.measurement = series[0];
  for (size_t i = 1; i < series.size(); ++i) parsed.tags.push_back(key_value(series[i]));
  for (const auto& field : split(sections[1], ',')) parsed.fields.push_back(key_value(field));
  parsed.timestamp_ns = std::stoll(sections[2]);
  return parsed;
}

std::vector<std::string> generate_lines(const TsbsCpuOptions& options, int count) {
  auto generator = TsbsCpuGenerator::create(options);
  EXPECT_TRUE(generator.has_value());
  std::vector<std::string> lines;
  for (int i = 0; i < count; ++i) {
    std::string line;
    generator->append_next_line(line);
    lines.push_back(line);
  }
  return lines;
}

TEST(TsbsCpuGeneratorTest, SameSeedGivesSameLines) {
  TsbsCpuOptions options{.host_count = 7, .seed = 42};
  EXPECT_EQ(generate_lines(options, 50), generate_lines(options, 50));
}

TEST(TsbsCpuGeneratorTest, DifferentSeedGivesDifferentValues) {
  EXPECT_NE(generate_lines({.host_count = 7, .seed = 1}, 20), generate_lines({.host_count = 7, .seed = 2}, 20));
}

TEST(TsbsCpuGeneratorTest, PointCarriesTsbsTagSetInTsbsOrder) {
  const ParsedLine line = parse(generate_lines({.host_count = 3}, 1)[0]);
  EXPECT_EQ(line.measurement, "cpu");
  const std::vector<std::string> expected_keys = {"hostname", "region", "datacenter", "rack", "os", "arch",
                                                  "team", "service", "service_version", "service_environment"};
  std::vector<std::string> keys;
  for (const auto& [key, value] : line.tags) keys.push_back(key);
  EXPECT_EQ(keys, expected_keys);
}

TEST(TsbsCpuGeneratorTest, TagValuesComeFromTsbsChoices) {
  const std::set<std::string> regions = {"us-east-1",      "us-west-1",      "us-west-2",
                                         "eu-west-1",      "eu-central-1",   "ap-southeast-1",
                                         "ap-southeast-2", "ap-northeast-1", "sa-east-1"};
  const std::set<std::string> systems = {"Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10"};
  const std::set<std::string> teams = {"SF", "NYC", "LON", "CHI"};
  const std::set<std::string> environments = {"production", "staging", "test"};
  const auto lines = generate_lines({.host_count = 50}, 50);
  for (int i = 0; i < 50; ++i) {
    const ParsedLine line = parse(lines[i]);
    std::map<std::string, std::string> tags(line.tags.begin(), line.tags.end());
    EXPECT_EQ(tags["hostname"], "host_" + std::to_string(i));
    EXPECT_TRUE(regions.contains(tags["region"])) << tags["region"];
    // Datacenters are the region plus a zone letter (us-east-1 -> us-east-1a).
    EXPECT_EQ(tags["datacenter"].substr(0, tags["region"].size()), tags["region"]);
    EXPECT_EQ(tags["datacenter"].size(), tags["region"].size() + 1);
    EXPECT_LT(std::stoi(tags["rack"]), 100);
    EXPECT_TRUE(systems.contains(tags["os"]));
    EXPECT_TRUE(tags["arch"] == "x64" || tags["arch"] == "x86");
    EXPECT_TRUE(teams.contains(tags["team"]));
    EXPECT_LT(std::stoi(tags["service"]), 20);
    EXPECT_LT(std::stoi(tags["service_version"]), 2);
    EXPECT_TRUE(environments.contains(tags["service_environment"]));
  }
}

TEST(TsbsCpuGeneratorTest, HostTagsDoNotDependOnHostCount) {
  // Runs with 10 and 1000 hosts must describe host_3 alike, so their series match.
  const auto few = generate_lines({.host_count = 10}, 4);
  const auto many = generate_lines({.host_count = 1000}, 4);
  EXPECT_EQ(parse(few[3]).tags, parse(many[3]).tags);
}

TEST(TsbsCpuGeneratorTest, PointHasTenUsageFieldsWithTwoDecimalsInRange) {
  const std::vector<std::string> expected_names = {"usage_user",    "usage_system", "usage_idle",
                                                   "usage_nice",    "usage_iowait", "usage_irq",
                                                   "usage_softirq", "usage_steal",  "usage_guest",
                                                   "usage_guest_nice"};
  for (const auto& text : generate_lines({.host_count = 4}, 400)) {
    const ParsedLine line = parse(text);
    ASSERT_EQ(line.fields.size(), 10u);
    for (size_t i = 0; i < line.fields.size(); ++i) {
      const auto& [name, value] = line.fields[i];
      EXPECT_EQ(name, expected_names[i]);
      const size_t dot = value.find('.');
      ASSERT_NE(dot, std::string::npos) << value;
      EXPECT_EQ(value.size() - dot - 1, 2u) << value;
      EXPECT_TRUE(std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(c) || c == '.'; }));
      const double number = std::stod(value);
      EXPECT_GE(number, 0.0);
      EXPECT_LE(number, 100.0);
    }
  }
}

TEST(TsbsCpuGeneratorTest, ValuesWalkInSmallSteps) {
  // Steps are N(0,1); a step over 8 has a probability near 1e-15, a walk that never moves ~0.
  const auto lines = generate_lines({.host_count = 1}, 200);
  int moves = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto before = parse(lines[i - 1]).fields;
    const auto after = parse(lines[i]).fields;
    for (size_t field = 0; field < 10; ++field) {
      const double step = std::stod(after[field].second) - std::stod(before[field].second);
      EXPECT_LE(std::abs(step), 8.0);
      if (step != 0.0) ++moves;
    }
  }
  EXPECT_GT(moves, 1000);
}

TEST(TsbsCpuGeneratorTest, TimestampsAdvanceTenSecondsAfterEveryHost) {
  constexpr int64_t kStart = 1'000'000'000'000'000'000;
  const auto lines = generate_lines({.host_count = 3, .start_ns = kStart}, 9);
  for (int i = 0; i < 9; ++i) {
    const ParsedLine line = parse(lines[i]);
    EXPECT_EQ(line.timestamp_ns, kStart + (i / 3) * int64_t{10'000'000'000}) << "line " << i;
    EXPECT_EQ(line.tags[0].second, "host_" + std::to_string(i % 3));
  }
}

TEST(TsbsCpuGeneratorTest, RejectsZeroHosts) {
  auto generator = TsbsCpuGenerator::create({.host_count = 0});
  ASSERT_FALSE(generator.has_value());
  EXPECT_EQ(generator.error().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace strata::tools
