// TagIndex: the inverted index of a tenant's series — per measurement, every series and,
// per tag key and value, the sorted list of series carrying it — for WHERE filters and
// SHOW statements. Kept in memory, rebuilt from the series catalog at open (the catalog
// file is its persistence, docs/format/series.md). Thread-safe.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "engine/base/mutex.h"
#include "engine/base/result.h"
#include "engine/catalog/series_key.h"
#include "engine/series_id.h"
#include "engine/tenant.h"

namespace strata {

class TagIndex {
 public:
  void add(SeriesId id, const ParsedSeriesKey& key);

  std::vector<std::string> measurements() const;                                   // sorted
  std::vector<std::string> tag_keys(std::string_view measurement) const;           // sorted
  std::vector<std::string> tag_values(std::string_view measurement, std::string_view key) const;  // sorted
  std::vector<SeriesId> series_of(std::string_view measurement) const;             // sorted
  // Series of the measurement matching every matcher, sorted. InfluxQL semantics: a series
  // without the tag has the empty value. Regexes are RE2, matching anywhere unless anchored;
  // an invalid one is kInvalidArgument.
  Result<std::vector<SeriesId>> select_series(std::string_view measurement, std::span<const TagMatcher> matchers) const;

 private:
  // Ids arrive in hash order; a list is sorted when first read after an append.
  struct Posting {
    std::vector<SeriesId> ids;
    bool sorted = true;
    void add(SeriesId id);
    const std::vector<SeriesId>& get();
  };
  struct MeasurementIndex {
    Posting all;
    std::map<std::string, std::map<std::string, Posting, std::less<>>, std::less<>> tags;
  };
  Result<std::vector<SeriesId>> match_one(MeasurementIndex& measurement, const TagMatcher& matcher) const
      STRATA_REQUIRES(mutex_);

  // One plain mutex: reads sort postings lazily, and adds are rare next to reads.
  mutable Mutex mutex_;
  mutable std::map<std::string, MeasurementIndex, std::less<>> measurements_ STRATA_GUARDED_BY(mutex_);
};

}  // namespace strata
