// The differential test of SELECT (issue 4, "Correctness"). Thousands of random statements
// are generated as structures (query_model.h); the engine gets each as InfluxQL text
// (query_printer.h) and runs it through parse_query and query::execute over a real engine
// (data in two flushed segments and the memtable, written out of order with rewrites); the
// reference (reference_evaluator.h) interprets the structure itself over the written
// points, sharing neither the parser nor the planner. The answers must agree, and enough
// statements, of every construct, must return rows for the comparison to mean something.
// STRATA_DIFFERENTIAL_SEED replays another seed; STRATA_DIFFERENTIAL_QUERIES sets the number
// of statements for a longer campaign (under CI=true, fewer than the default fail).
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "query/exec/executor.h"
#include "query/exec/query_pool.h"
#include "query/parser/parser.h"
#include "tests/query/differential/query_coverage.h"
#include "tests/query/differential/query_printer.h"
#include "tests/query/differential/random_dataset.h"
#include "tests/query/differential/random_query.h"
#include "tests/query/differential/reference_evaluator.h"
#include "tests/query/differential/result_comparison.h"
#include "tests/query/executor_fixture.h"

namespace strata::query::differential {
namespace {

constexpr uint64_t kDefaultSeed = 20240501;
constexpr uint64_t kDefaultQueries = 6000;  // about two seconds in a release build
constexpr int kMaxFailures = 8;             // reported in full; the rest would repeat them
constexpr size_t kRowsShown = 40;           // per series, in a failure message
// Coverage: at least this share of the valid statements return rows, and every construct
// of query_coverage.h returns rows in at least this many statements per 6000.
constexpr double kMinNonEmptyShare = 0.5;
constexpr uint64_t kMinConstructAnswersPer6000 = 8;

// A number from the environment, `fallback` when unset; nullopt when it is not a positive
// whole number (the caller fails: a typo must not shrink the test unnoticed).
std::optional<uint64_t> environment_number(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  const uint64_t value = std::strtoull(text, &end, 10);
  if (*end != '\0' || value == 0) return std::nullopt;
  return value;
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0' && std::string(ci) != "false" && std::string(ci) != "0";
}

class DifferentialTest : public ExecutorFixture {
 protected:
  // Writes the dataset's phases, flushing after all but the last.
  void load(const Dataset& dataset) {
    size_t begin = 0;
    for (size_t phase = 0; phase < dataset.phase_ends.size(); ++phase) {
      WriteBatch batch;
      for (size_t index = begin; index < dataset.phase_ends[phase]; ++index) {
        const WrittenPoint& point = dataset.writes[index];
        batch.begin_point(point.measurement, point.ts);
        for (const auto& [key, value] : point.tags) batch.add_tag(key, value);
        for (const auto& [key, value] : point.fields) {
          std::visit(
              [&](const auto& field) {
                if constexpr (std::is_same_v<std::decay_t<decltype(field)>, std::string>) {
                  batch.add_field(key, FieldValue{std::string_view{field}});
                } else {
                  batch.add_field(key, FieldValue{field});
                }
              },
              value);
        }
      }
      begin = dataset.phase_ends[phase];
      ASSERT_NO_FATAL_FAILURE(write_batch(batch));
      if (phase + 1 < dataset.phase_ends.size()) {
        ASSERT_NO_FATAL_FAILURE(flush());
      }
    }
  }
};

// One run of the executor, described for a failure message.
struct Variant {
  std::string name;
  ExecutionOptions options;
};

std::vector<Variant> make_variants(QueryPool& pool) {
  std::vector<Variant> variants(4);
  variants[0].name = "block stats on";
  variants[1].name = "block stats off";
  variants[1].options.use_block_stats = false;
  variants[2].name = "pool of 2";
  variants[2].options.pool = &pool;
  variants[3].name = "pool of 2, one series per part";
  variants[3].options.pool = &pool;
  variants[3].options.min_series_per_part = 1;
  for (Variant& variant : variants) variant.options.now_ns = kNowNs;
  return variants;
}

// How the executor's answer differs from the reference's, or "" when it does not.
std::string difference(const ReferenceAnswer& expected, const Result<StatementResult>& actual) {
  if (expected.refusal) {
    if (actual.has_value()) return "executor accepted a statement the reference refuses (" + *expected.refusal + ")";
    if (actual.error().code() != StatusCode::kInvalidArgument) {
      return "executor failed with " + actual.error().to_string() + " where the reference refuses (" +
             *expected.refusal + ")";
    }
    return "";
  }
  if (!actual.has_value()) return "executor refused: " + actual.error().to_string();
  return first_difference(actual->series, expected.series).value_or("");
}

TEST_F(DifferentialTest, ExecutorAgreesWithReferenceOnRandomSelects) {
  const auto seed = environment_number("STRATA_DIFFERENTIAL_SEED", kDefaultSeed);
  const auto queries = environment_number("STRATA_DIFFERENTIAL_QUERIES", kDefaultQueries);
  ASSERT_TRUE(seed.has_value()) << "STRATA_DIFFERENTIAL_SEED must be a positive whole number";
  ASSERT_TRUE(queries.has_value()) << "STRATA_DIFFERENTIAL_QUERIES must be a positive whole number";
  if (running_in_ci()) {
    ASSERT_GE(*queries, kDefaultQueries) << "CI runs at least the default " << kDefaultQueries
                                         << " statements; unset STRATA_DIFFERENTIAL_QUERIES";
  }
  SCOPED_TRACE("seed " + std::to_string(*seed) + " (replay with STRATA_DIFFERENTIAL_SEED=" + std::to_string(*seed) +
               ")");
  const Dataset dataset = DatasetGenerator(*seed).generate();
  ASSERT_NO_FATAL_FAILURE(load(dataset));
  const ReferenceDatabase database = build_database(dataset);
  const ReferenceEvaluator reference(database, kNowNs);
  QueryPool pool(2);
  const std::vector<Variant> variants = make_variants(pool);
  const std::unique_ptr<Snapshot> snapshot = tenant_->snapshot();

  QueryGenerator generator(*seed);
  uint64_t ran = 0, refused = 0, non_empty = 0, rows = 0;
  std::map<std::string, uint64_t> answered;  // construct -> statements that returned rows
  int failures = 0;
  for (uint64_t index = 0; index < *queries && failures < kMaxFailures; ++index) {
    const SelectQuery query = generator.next();
    ++ran;
    const std::string text = to_text(query, kNowNs);
    auto parsed = parse_query(text);
    ASSERT_TRUE(parsed.has_value()) << "query " << index << ": " << text << "\n  " << parsed.error().to_string();
    ASSERT_EQ(parsed->size(), 1u) << text;
    const ReferenceAnswer expected = reference.run(query);
    refused += expected.refusal.has_value();
    if (!expected.series.empty()) {
      ++non_empty;
      for (const std::string& construct : constructs_of(query)) ++answered[construct];
    }
    for (const auto& series : expected.series) rows += series.values.size();
    for (const Variant& variant : variants) {
      const auto actual = execute(parsed->front(), *snapshot, variant.options);
      const std::string problem = difference(expected, actual);
      if (problem.empty()) continue;
      ++failures;
      ADD_FAILURE() << "seed " << *seed << ", query " << index << " [" << variant.name << "]\n  " << text << "\n  "
                    << problem << "\n  reference"
                    << (expected.refusal ? " refuses: " + *expected.refusal + "\n"
                                         : ":\n" + describe_all(expected.series, kRowsShown))
                    << "  executor"
                    << (actual.has_value() ? ":\n" + describe_all(actual->series, kRowsShown)
                                           : " refuses: " + actual.error().to_string() + "\n");
      break;
    }
  }
  // The comparison means something only if most statements are valid, return rows, and
  // every construct the generator writes returned rows several times.
  if (failures > 0) return;  // the loop stopped early: the counts below mean nothing
  const uint64_t valid = ran - refused;
  EXPECT_GT(refused, 0u) << "no statement was refused: the invalid ones are not generated";
  EXPECT_LT(refused, ran / 8) << "too many refused statements";
  EXPECT_GE(static_cast<double>(non_empty), kMinNonEmptyShare * static_cast<double>(valid))
      << non_empty << " of " << valid << " valid statements returned rows";
  EXPECT_GT(rows, ran * 5) << "too few result rows";
  // Shorter local runs (CI refuses them) are too small for the per-construct counts.
  for (const std::string& construct : all_constructs()) {
    if (ran < kDefaultQueries) break;
    EXPECT_GE(answered[construct], kMinConstructAnswersPer6000 * ran / 6000)
        << "too few statements with " << construct << " returned rows";
  }
  std::cout << "[differential] seed " << *seed << ": " << ran << " queries, " << refused << " refused, " << non_empty
            << " with rows, " << rows << " reference rows\n";
}

}  // namespace
}  // namespace strata::query::differential
