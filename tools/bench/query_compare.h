// `strata bench compare`: checks that two systems' answers to the same `strata bench query`
// instances agree (bench_query_answers.h), per query type. bench/README.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tools/bench/query_answers.h"

namespace strata::tools {

// Exact for 0, otherwise |a - b| <= tolerance * max(|a|, |b|); two NaNs agree.
bool values_agree(double a, double b, double relative_tolerance);

// How one query type's answers compare.
struct TypeComparison {
  QueryType type = QueryType::kLastpoint;
  int64_t instance_count = 0;  // instances in the reference
  int64_t row_count = 0;       // rows in the reference
  int64_t mismatch_count = 0;  // instances that differ or are missing from the other
  std::string first_mismatch;  // "instance 3: row 12: host_1 usage_user 1767225600000000000: 33.3 vs 33.4"

  bool agrees() const { return mismatch_count == 0; }
};

// Compares `other` against `reference`, instance by instance (matched by type and index),
// row by row: same count, same (host, field, time) keys in order, values within the
// tolerance. One entry per type present in either, in kAllQueryTypes order. An instance
// only in `other` counts as a mismatch too.
std::vector<TypeComparison> compare_answers(const std::vector<QueryAnswer>& reference,
                                            const std::vector<QueryAnswer>& other, double relative_tolerance);

}  // namespace strata::tools
