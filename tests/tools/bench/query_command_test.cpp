// Tests of `strata bench query` that need no server: --dry-run prints the request targets,
// and the server address is --url, with the old --target still accepted.
#include "tools/bench/query_command.h"

#include <gtest/gtest.h>

#include "tools/bench/query_text.h"

namespace strata::tools {
namespace {

struct DryRun {
  int exit_code = -1;
  std::string output;
  std::string errors;
};

// `strata bench query <arguments> --dry-run` for one lastpoint instance, in process.
DryRun dry_run(const std::string& arguments) {
  CLI::App app{"strata"};
  DryRun result;
  add_bench_query_command(app, result.exit_code);
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  app.parse("bench query " + arguments + " --end=2026-01-01T01:00:00Z --query-type=lastpoint --queries=1 --dry-run",
            false);
  result.output = ::testing::internal::GetCapturedStdout();
  result.errors = ::testing::internal::GetCapturedStderr();
  return result;
}

// The request of TSBS's lastpoint (one host-independent instance) on database `db`, as
// query_text.h builds it.
std::string lastpoint_target(const std::string& db) {
  QuerySpec spec;
  spec.type = QueryType::kLastpoint;
  return "/query?db=" + db + "&q=" + url_encode(influxql_text(spec)) + "&epoch=ns\n";
}

TEST(BenchQueryCommandTest, DryRunPrintsTheTargetsOnTheSharedDatabaseOption) {
  const DryRun result = dry_run("--url=http://127.0.0.1:1 --db=benchmark");
  EXPECT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_EQ(result.output, lastpoint_target("benchmark"));
  EXPECT_EQ(result.errors, "");
}

TEST(BenchQueryCommandTest, TheOldTargetNameStillWorks) {
  const DryRun result = dry_run("--target=http://127.0.0.1:1");
  EXPECT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_EQ(result.output, lastpoint_target("default"));
  EXPECT_EQ(result.errors, "strata bench query: --target is deprecated, use --url\n");
}

TEST(BenchQueryCommandTest, ABadUrlFailsBeforeAnythingIsSent) {
  const DryRun result = dry_run("--url=https://127.0.0.1:1");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("strata bench query: "), std::string::npos) << result.errors;
}

}  // namespace
}  // namespace strata::tools
