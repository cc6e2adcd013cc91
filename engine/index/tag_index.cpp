#include "engine/index/tag_index.h"

#include <algorithm>
#include <iterator>

#include <re2/re2.h>

namespace strata {
namespace {

std::vector<SeriesId> set_union(const std::vector<SeriesId>& a, const std::vector<SeriesId>& b) {
  std::vector<SeriesId> out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}
std::vector<SeriesId> set_difference(const std::vector<SeriesId>& a, const std::vector<SeriesId>& b) {
  std::vector<SeriesId> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}
std::vector<SeriesId> set_intersection(const std::vector<SeriesId>& a, const std::vector<SeriesId>& b) {
  std::vector<SeriesId> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

void TagIndex::Posting::add(SeriesId id) {
  if (!ids.empty() && ids.back() >= id) sorted = false;
  ids.push_back(id);
}

const std::vector<SeriesId>& TagIndex::Posting::get() {
  if (!sorted) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    sorted = true;
  }
  return ids;
}

void TagIndex::add(SeriesId id, const ParsedSeriesKey& key) {
  MutexLock lock(mutex_);
  MeasurementIndex& measurement = measurements_[key.measurement];
  measurement.all.add(id);
  for (const auto& [tag_key, tag_value] : key.tags) measurement.tags[tag_key][tag_value].add(id);
}

std::vector<std::string> TagIndex::measurements() const {
  MutexLock lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, index] : measurements_) names.push_back(name);
  return names;
}

std::vector<std::string> TagIndex::tag_keys(std::string_view measurement) const {
  MutexLock lock(mutex_);
  std::vector<std::string> keys;
  if (auto it = measurements_.find(measurement); it != measurements_.end()) {
    for (const auto& [key, values] : it->second.tags) keys.push_back(key);
  }
  return keys;
}

std::vector<std::string> TagIndex::tag_values(std::string_view measurement, std::string_view key) const {
  MutexLock lock(mutex_);
  std::vector<std::string> values;
  auto it = measurements_.find(measurement);
  if (it == measurements_.end()) return values;
  auto tag = it->second.tags.find(key);
  if (tag == it->second.tags.end()) return values;
  for (const auto& [value, posting] : tag->second) values.push_back(value);
  return values;
}

std::vector<SeriesId> TagIndex::series_of(std::string_view measurement) const {
  MutexLock lock(mutex_);
  auto it = measurements_.find(measurement);
  return it == measurements_.end() ? std::vector<SeriesId>{} : it->second.all.get();
}

Result<std::vector<SeriesId>> TagIndex::match_one(MeasurementIndex& measurement, const TagMatcher& matcher) const {
  const std::vector<SeriesId>& all = measurement.all.get();
  auto tag = measurement.tags.find(matcher.key);
  // Series that carry the tag with a value the predicate accepts, and whether a series
  // without the tag (value "") is accepted.
  std::vector<SeriesId> with_value;
  bool accepts_empty = false;
  auto collect = [&](auto&& accepts) {
    if (tag != measurement.tags.end()) {
      for (auto& [value, posting] : tag->second) {
        if (accepts(value)) with_value = set_union(with_value, posting.get());
      }
    }
  };
  switch (matcher.op) {
    case MatchOp::kEqual:
      // One lookup, not a walk over every value of the tag.
      if (tag != measurement.tags.end()) {
        if (auto found = tag->second.find(matcher.value); found != tag->second.end()) with_value = found->second.get();
      }
      accepts_empty = matcher.value.empty();
      break;
    case MatchOp::kEqualAny:
      // One lookup per value, not a regex over every value of the tag.
      for (const std::string& value : matcher.values) {
        if (tag != measurement.tags.end()) {
          if (auto found = tag->second.find(value); found != tag->second.end()) {
            with_value = set_union(with_value, found->second.get());
          }
        }
        accepts_empty = accepts_empty || value.empty();
      }
      break;
    case MatchOp::kNotEqual:
      collect([&](const std::string& value) { return value != matcher.value; });
      accepts_empty = !matcher.value.empty();
      break;
    case MatchOp::kRegexMatch:
    case MatchOp::kRegexNotMatch: {
      RE2::Options options;
      options.set_log_errors(false);
      const RE2 regex(matcher.value, options);
      if (!regex.ok()) {
        return Status::invalid_argument("invalid regex /" + matcher.value + "/: " + regex.error());
      }
      const bool match = matcher.op == MatchOp::kRegexMatch;
      collect([&](const std::string& value) { return RE2::PartialMatch(value, regex) == match; });
      accepts_empty = RE2::PartialMatch("", regex) == match;
      break;
    }
  }
  if (!accepts_empty) return with_value;
  std::vector<SeriesId> with_tag;
  if (tag != measurement.tags.end()) {
    for (auto& [value, posting] : tag->second) with_tag = set_union(with_tag, posting.get());
  }
  return set_union(with_value, set_difference(all, with_tag));
}

Result<std::vector<SeriesId>> TagIndex::select_series(std::string_view measurement_name,
                                                      std::span<const TagMatcher> matchers) const {
  MutexLock lock(mutex_);
  auto it = measurements_.find(measurement_name);
  if (it == measurements_.end()) return std::vector<SeriesId>{};
  std::vector<SeriesId> result = it->second.all.get();
  for (const TagMatcher& matcher : matchers) {
    STRATA_ASSIGN_OR_RETURN(auto matched, match_one(it->second, matcher));
    result = set_intersection(result, matched);
    if (result.empty()) break;
  }
  return result;
}

}  // namespace strata
