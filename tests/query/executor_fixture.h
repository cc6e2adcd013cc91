// A small engine in a temp directory with helpers to write points and run query text,
// shared by the executor tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "query/exec/executor.h"
#include "query/parser/parser.h"
#include "tests/support/temp_directory.h"

namespace strata::query {

constexpr int64_t kSecond = 1'000'000'000;

struct TestPoint {
  std::string measurement;
  std::vector<std::pair<std::string, std::string>> tags;
  int64_t ts;
  std::vector<std::pair<std::string, FieldValue>> fields;
};

class ExecutorFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.data_directory = directory_.path();
    engine_ = Engine::open(options).value();
    ASSERT_TRUE(engine_->create_tenant("db").is_ok());
    tenant_ = engine_->tenant("db").value();
  }

  void write(const std::vector<TestPoint>& points) {
    WriteBatch batch;
    for (const TestPoint& point : points) {
      batch.begin_point(point.measurement, point.ts);
      for (const auto& [key, value] : point.tags) batch.add_tag(key, value);
      for (const auto& [key, value] : point.fields) batch.add_field(key, value);
    }
    write_batch(batch);
  }
  // Writes `batch`, which must be accepted whole.
  void write_batch(const WriteBatch& batch) {
    auto summary = tenant_->write(batch);
    ASSERT_TRUE(summary.has_value()) << summary.status().to_string();
    ASSERT_EQ(summary->points_rejected, 0u) << summary->first_rejection.to_string();
  }
  void flush() { ASSERT_TRUE(tenant_->flush().is_ok()); }

  // Parses one statement and runs it on a fresh snapshot.
  Result<StatementResult> run(const std::string& text) {
    auto statements = parse_query(text);
    EXPECT_TRUE(statements.has_value()) << text << ": " << statements.status().to_string();
    if (!statements || statements->size() != 1) return Status::invalid_argument("test query must be one statement");
    return execute(statements->front(), *tenant_->snapshot(), options_);
  }
  // run() that must succeed.
  StatementResult ok(const std::string& text) {
    auto result = run(text);
    EXPECT_TRUE(result.has_value()) << text << ": " << result.status().to_string();
    return result.has_value() ? *result : StatementResult{};
  }
  // The rows of the first series of ok(text); a failed query or one with no series is
  // reported (with the query) and gives no rows, never an index into an empty result.
  std::vector<std::vector<Value>> rows(const std::string& text) {
    StatementResult result = ok(text);
    if (result.series.empty()) {
      ADD_FAILURE() << text << ": no series in the result";
      return {};
    }
    return std::move(result.series.front().values);
  }

  testing::TempDirectory directory_;
  std::unique_ptr<Engine> engine_;
  std::shared_ptr<Tenant> tenant_;
  ExecutionOptions options_;
};

// Row builders: a time then values.
inline Value t(int64_t seconds) { return Value{Timestamp{seconds * kSecond}}; }
inline Value f(double value) { return Value{value}; }
inline Value i(int64_t value) { return Value{value}; }
inline Value s(std::string value) { return Value{std::move(value)}; }
inline const Value kNull{};

}  // namespace strata::query
