// Process metrics: /proc parsers on hand-written text, and the live readers.
#include "server/metrics/process_metrics.h"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace strata::server {
namespace {

TEST(ProcessMetricsTest, ResidentMemoryIsTheSecondStatmFieldInPages) {
  EXPECT_EQ(parse_resident_memory_bytes("12345 678 90 1 0 2 0\n", 4096), 678u * 4096u);
  EXPECT_EQ(parse_resident_memory_bytes("12345\n", 4096), std::nullopt);
  EXPECT_EQ(parse_resident_memory_bytes("", 4096), std::nullopt);
}

TEST(ProcessMetricsTest, StartTimeIsBootTimePlusStartTicks) {
  // Field 22 (starttime) is 5000 ticks; the command name holds ") " to mislead a naive split.
  const std::string self_stat =
      "42 (odd) name) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 5000 1000000 200 18446744073709551615\n";
  const std::string proc_stat = "cpu  1 2 3 4\nintr 5\nbtime 1700000000\nprocesses 9\n";
  EXPECT_EQ(parse_start_time_seconds(self_stat, proc_stat, 100), std::optional<double>(1700000000.0 + 50.0));
}

TEST(ProcessMetricsTest, StartTimeIsAbsentWhenAFileIsNotAsExpected) {
  const std::string proc_stat = "cpu 1\nbtime 1700000000\n";
  EXPECT_EQ(parse_start_time_seconds("42 (x) S 1 2", proc_stat, 100), std::nullopt);
  EXPECT_EQ(parse_start_time_seconds("no parenthesis", proc_stat, 100), std::nullopt);
  const std::string self_stat = "1 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 7 0 0\n";
  EXPECT_EQ(parse_start_time_seconds(self_stat, "cpu 1\n", 100), std::nullopt);
}

TEST(ProcessMetricsTest, OpenFdCountSeesANewDescriptor) {
  const auto before = open_fd_count();
  ASSERT_TRUE(before.has_value());
  const int fd = ::open("/proc/self/statm", O_RDONLY);
  ASSERT_GE(fd, 0);
  const auto after = open_fd_count();
  ::close(fd);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(*after, *before + 1);
}

TEST(ProcessMetricsTest, LiveReadersReturnPlausibleValues) {
  EXPECT_GT(resident_memory_bytes().value_or(0), 0u);
  EXPECT_GT(process_start_time_seconds().value_or(0), 1.6e9);
}

}  // namespace
}  // namespace strata::server
