// The differential test of SELECT (issue 4, "Correctness"): thousands of random statements
// run by query::execute over a real engine (data in two flushed segments and the memtable,
// written out of order with rewrites) and by a naive reference evaluator over the written
// points; the answers must agree. STRATA_DIFFERENTIAL_SEED and STRATA_DIFFERENTIAL_QUERIES
// in the environment replay a seed or run longer.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "query/exec/executor.h"
#include "query/parser/parser.h"
#include "query/exec/query_pool.h"
#include "tests/query/executor_fixture.h"
#include "tests/query/differential/random_dataset.h"
#include "tests/query/differential/random_query.h"
#include "tests/query/differential/reference_evaluator.h"
#include "tests/query/differential/result_comparison.h"

namespace strata::query::differential {
namespace {

constexpr uint64_t kDefaultSeed = 20240501;
constexpr int kDefaultQueries = 6000;
constexpr uint64_t kDefaultMaxFailures = 8;

uint64_t environment_number(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : fallback;
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

// Prints both answers to one query in full (STRATA_DIFFERENTIAL_QUERY), for debugging.
void print_both(const std::string& text, const ReferenceEvaluator& reference, const Snapshot& snapshot,
                const ExecutionOptions& options) {
  auto parsed = parse_query(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  const ReferenceAnswer expected = reference.run(std::get<SelectStatement>(parsed->front()));
  const auto actual = execute(parsed->front(), snapshot, options);
  auto print = [](const std::vector<ResultSeries>& all) {
    for (const ResultSeries& series : all) {
      std::cout << "  " << describe_header(series) << "\n";
      for (const auto& row : series.values) std::cout << "    " << describe(row) << "\n";
    }
  };
  std::cout << "reference" << (expected.refusal ? " refuses: " + *expected.refusal : ":") << "\n";
  print(expected.series);
  std::cout << "executor" << (actual.has_value() ? ":" : " refuses: " + actual.error().to_string()) << "\n";
  if (actual.has_value()) print(actual->series);
}

// One run of the executor, described for a failure message.
struct Variant {
  std::string name;
  ExecutionOptions options;
};

TEST_F(DifferentialTest, ExecutorAgreesWithReferenceOnRandomSelects) {
  const uint64_t seed = environment_number("STRATA_DIFFERENTIAL_SEED", kDefaultSeed);
  const auto queries = static_cast<int>(environment_number("STRATA_DIFFERENTIAL_QUERIES", kDefaultQueries));
  SCOPED_TRACE("seed " + std::to_string(seed) + " (replay with STRATA_DIFFERENTIAL_SEED=" + std::to_string(seed) + ")");
  const Dataset dataset = DatasetGenerator(seed).generate();
  ASSERT_NO_FATAL_FAILURE(load(dataset));
  const ReferenceDatabase database = build_database(dataset);
  const ReferenceEvaluator reference(database, kNowNs);
  QueryPool pool(2);
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

  const std::unique_ptr<Snapshot> snapshot = tenant_->snapshot();
  if (const char* replay = std::getenv("STRATA_DIFFERENTIAL_QUERY")) {
    print_both(replay, reference, *snapshot, variants[0].options);
    return;
  }
  QueryGenerator generator(seed);
  const auto max_failures = static_cast<int>(environment_number("STRATA_DIFFERENTIAL_MAX_FAILURES", kDefaultMaxFailures));
  int refused = 0, failures = 0, rows = 0;
  for (int index = 0; index < queries && failures < max_failures; ++index) {
    const std::string text = generator.next();
    auto parsed = parse_query(text);
    ASSERT_TRUE(parsed.has_value()) << text << ": " << parsed.error().to_string();
    ASSERT_EQ(parsed->size(), 1u) << text;
    const ReferenceAnswer expected = reference.run(std::get<SelectStatement>(parsed->front()));
    refused += expected.refusal.has_value();
    for (const auto& series : expected.series) rows += static_cast<int>(series.values.size());
    for (const Variant& variant : variants) {
      const auto actual = execute(parsed->front(), *snapshot, variant.options);
      std::string problem;
      if (expected.refusal) {
        if (actual.has_value() || actual.error().code() != StatusCode::kInvalidArgument) {
          problem = "executor accepted a statement the reference refuses (" + *expected.refusal + ")";
        }
      } else if (!actual.has_value()) {
        problem = "executor refused: " + actual.error().to_string();
      } else if (auto difference = first_difference(actual->series, expected.series)) {
        problem = *difference;
      }
      if (problem.empty()) continue;
      ++failures;
      ADD_FAILURE() << "seed " << seed << ", query " << index << " [" << variant.name << "]\n  " << text << "\n  "
                    << problem;
      break;
    }
  }
  // Most statements must be valid, and the valid ones must return data, or the test
  // compares nothing.
  EXPECT_LT(refused, queries / 8) << "too many refused statements";
  EXPECT_GT(rows, queries * 5) << "too few result rows";
  std::cout << "[differential] seed " << seed << ": " << queries << " queries, " << refused << " refused, " << rows
            << " reference rows\n";
}

}  // namespace
}  // namespace strata::query::differential
