// Row-by-row comparison of normalised answers for `strata bench compare`.
#include "tools/bench/query_compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

namespace strata::tools {
namespace {

using InstanceKey = std::pair<QueryType, int>;

std::string describe_row(const AnswerRow& row) {
  char value[32];
  std::snprintf(value, sizeof value, "%.17g", row.value);
  return row.host + " " + row.field + " " + std::to_string(row.time_ns) + " = " + value;
}

// "" when the answers agree, else what differs first.
std::string first_difference(const QueryAnswer& reference, const QueryAnswer& other, double relative_tolerance) {
  const size_t common = std::min(reference.rows.size(), other.rows.size());
  for (size_t i = 0; i < common; ++i) {
    const AnswerRow& expected = reference.rows[i];
    const AnswerRow& actual = other.rows[i];
    const bool same_key = expected.host == actual.host && expected.field == actual.field &&
                          expected.time_ns == actual.time_ns;
    if (!same_key || !values_agree(expected.value, actual.value, relative_tolerance)) {
      return "row " + std::to_string(i) + ": " + describe_row(expected) + " vs " + describe_row(actual);
    }
  }
  if (reference.rows.size() == other.rows.size()) return "";
  const std::string counts = std::to_string(reference.rows.size()) + " rows vs " + std::to_string(other.rows.size());
  const bool reference_longer = reference.rows.size() > other.rows.size();
  const AnswerRow& extra = reference_longer ? reference.rows[common] : other.rows[common];
  return counts + ", first unmatched " + (reference_longer ? "(reference) " : "(other) ") + describe_row(extra);
}

void note_mismatch(TypeComparison& comparison, int index, const std::string& what) {
  if (comparison.mismatch_count++ == 0) comparison.first_mismatch = "instance " + std::to_string(index) + ": " + what;
}

}  // namespace

bool values_agree(double a, double b, double relative_tolerance) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (a == b) return true;
  return std::fabs(a - b) <= relative_tolerance * std::max(std::fabs(a), std::fabs(b));
}

std::vector<TypeComparison> compare_answers(const std::vector<QueryAnswer>& reference,
                                            const std::vector<QueryAnswer>& other, double relative_tolerance) {
  std::map<InstanceKey, const QueryAnswer*> others;
  for (const QueryAnswer& answer : other) others[{answer.type, answer.index}] = &answer;
  std::map<QueryType, TypeComparison> by_type;
  for (const QueryAnswer& answer : reference) {
    TypeComparison& comparison = by_type[answer.type];
    comparison.type = answer.type;
    ++comparison.instance_count;
    comparison.row_count += static_cast<int64_t>(answer.rows.size());
    const auto found = others.find({answer.type, answer.index});
    if (found == others.end()) {
      note_mismatch(comparison, answer.index, "missing from the other answers");
      continue;
    }
    const std::string difference = first_difference(answer, *found->second, relative_tolerance);
    others.erase(found);
    if (!difference.empty()) note_mismatch(comparison, answer.index, difference);
  }
  for (const auto& [key, answer] : others) {
    TypeComparison& comparison = by_type[key.first];
    comparison.type = key.first;
    note_mismatch(comparison, key.second, "missing from the reference answers");
  }
  std::vector<TypeComparison> comparisons;
  for (QueryType type : kAllQueryTypes) {
    if (const auto found = by_type.find(type); found != by_type.end()) comparisons.push_back(found->second);
  }
  return comparisons;
}

}  // namespace strata::tools
