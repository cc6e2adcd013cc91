// Tests of the skeleton the bench commands share: one name per option with --target kept as
// a hidden, deprecated alias of --url, and one way of printing an outcome and exiting.
#include "tools/bench/bench_command.h"

#include <gtest/gtest.h>

#include <optional>

namespace strata::tools {
namespace {

class BenchCommandTest : public ::testing::Test {
 protected:
  // Adds `bench probe`, whose run records the options it saw and answers `answer_`.
  BenchCommandTest() {
    add_bench_subcommand(
        app_, "probe", "a test command", options_,
        [this]() -> Result<BenchOutcome> {
          seen_ = options_;
          return answer_;
        },
        exit_code_);
  }

  // Parses `arguments` as the command line after the program name; keeps stdout and stderr.
  void parse(const std::string& arguments) {
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    app_.parse(arguments, false);
    stdout_ = ::testing::internal::GetCapturedStdout();
    stderr_ = ::testing::internal::GetCapturedStderr();
  }

  CLI::App app_{"strata"};
  BenchCommandOptions options_;
  int exit_code_ = -1;
  Result<BenchOutcome> answer_ = BenchOutcome{"report\n", true};
  std::optional<BenchCommandOptions> seen_;  // set when the run was called
  std::string stdout_;
  std::string stderr_;
};

TEST_F(BenchCommandTest, SharedOptionsReachTheRun) {
  parse(
      "bench probe --url=http://10.0.0.1:9 --db=metrics --hosts=7 --start=2026-02-01T00:00:00Z --seed=3 "
      "--timeout=5 --json");
  ASSERT_TRUE(seen_.has_value());
  EXPECT_EQ(seen_->url, "http://10.0.0.1:9");
  EXPECT_EQ(seen_->database, "metrics");
  EXPECT_EQ(seen_->host_count, 7);
  EXPECT_EQ(seen_->start, "2026-02-01T00:00:00Z");
  EXPECT_EQ(seen_->seed, 3u);
  EXPECT_EQ(seen_->timeout_s, 5);
  EXPECT_TRUE(seen_->json);
  EXPECT_EQ(stderr_, "");
}

TEST_F(BenchCommandTest, TargetStillSetsTheUrlWithAWarning) {
  parse("bench probe --target=http://10.0.0.1:9");
  ASSERT_TRUE(seen_.has_value());
  EXPECT_EQ(seen_->url, "http://10.0.0.1:9");
  EXPECT_EQ(stderr_, "strata bench probe: --target is deprecated, use --url\n");
  EXPECT_EQ(exit_code_, 0);
}

TEST_F(BenchCommandTest, BothNamesOfTheUrlAreRefused) {
  parse("bench probe --url=http://10.0.0.1:9 --target=http://10.0.0.2:9");
  EXPECT_FALSE(seen_.has_value());
  EXPECT_EQ(exit_code_, 1);
  EXPECT_EQ(stderr_, "strata bench probe: give --url only (--target is its deprecated name)\n");
}

TEST_F(BenchCommandTest, HelpShowsUrlAndHidesTarget) {
  const std::string help = bench_command(app_).get_subcommand("probe")->help();
  EXPECT_NE(help.find("--url"), std::string::npos) << help;
  EXPECT_EQ(help.find("--target"), std::string::npos) << help;
}

TEST_F(BenchCommandTest, PrintsTheOutputAndExitsZeroOnSuccess) {
  parse("bench probe");
  EXPECT_EQ(stdout_, "report\n");
  EXPECT_EQ(stderr_, "");
  EXPECT_EQ(exit_code_, 0);
}

TEST_F(BenchCommandTest, PrintsTheOutputAndExitsOneWhenARequestFailed) {
  answer_ = BenchOutcome{"report with errors\n", false};
  parse("bench probe");
  EXPECT_EQ(stdout_, "report with errors\n");
  EXPECT_EQ(exit_code_, 1);
}

TEST_F(BenchCommandTest, AnErrorGoesToStderrUnderTheCommandName) {
  answer_ = Status::invalid_argument("no such host");
  parse("bench probe");
  EXPECT_EQ(stdout_, "");
  EXPECT_EQ(stderr_, "strata bench probe: " + Status::invalid_argument("no such host").to_string() + "\n");
  EXPECT_EQ(exit_code_, 1);
}

TEST_F(BenchCommandTest, CommandsShareOneBenchParent) {
  BenchCommandOptions other;
  add_bench_subcommand(
      app_, "other", "another test command", other, [] { return Result<BenchOutcome>(BenchOutcome{}); }, exit_code_);
  const auto every = [](CLI::App*) { return true; };
  EXPECT_EQ(app_.get_subcommands(every).size(), 1u);
  EXPECT_EQ(bench_command(app_).get_subcommands(every).size(), 2u);
}

}  // namespace
}  // namespace strata::tools
