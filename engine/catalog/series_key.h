// The canonical series key: `measurement[,key=value...]`, tags sorted by key, escaped as in
// line protocol (measurement: ',' ' '; tag keys and values: ',' '=' ' ') plus '\' itself, so
// that every key parses back to exactly one (measurement, tags). Tags with an empty value
// are dropped, as InfluxDB does.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"
#include "engine/write_batch.h"

namespace strata {

// kInvalidArgument for a duplicate tag key.
Result<std::string> make_series_key(std::string_view measurement, std::span<const TagView> tags);

struct ParsedSeriesKey {
  std::string measurement;
  std::vector<std::pair<std::string, std::string>> tags;  // sorted by key
};

// kCorruption for a key make_series_key cannot have produced.
Result<ParsedSeriesKey> parse_series_key(std::string_view key);

}  // namespace strata
