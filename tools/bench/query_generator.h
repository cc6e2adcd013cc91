// Random instances of TSBS's devops queries for `strata bench query` (bench/README.md): which
// hosts, fields and time window each covers, independent of the query language that asks it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace strata::tools {

// The query types of TSBS's cmd/tsbs_generate_queries (devops use case) that we run.
enum class QueryType : uint8_t {
  kSingleGroupby111,     // max of 1 field, 1 host, 1 h, per minute
  kSingleGroupby581,     // max of 5 fields, 8 hosts, 1 h, per minute
  kSingleGroupby5112,    // max of 5 fields, 1 host, 12 h, per minute
  kDoubleGroupby1,       // mean of 1 field per host per hour, 12 h, all hosts
  kDoubleGroupbyAll,     // the same for all 10 fields
  kHighCpu1,             // raw rows of 1 host with usage_user > 90, 12 h
  kLastpoint,            // the newest row of every host
  kGroupbyOrderbyLimit,  // max usage_user per minute over all hosts, first 5 minutes before a time
};

inline constexpr std::array<QueryType, 8> kAllQueryTypes = {
    QueryType::kSingleGroupby111, QueryType::kSingleGroupby581, QueryType::kSingleGroupby5112,
    QueryType::kDoubleGroupby1,   QueryType::kDoubleGroupbyAll, QueryType::kHighCpu1,
    QueryType::kLastpoint,        QueryType::kGroupbyOrderbyLimit};

// TSBS's name, e.g. "single-groupby-5-8-1".
std::string_view query_type_name(QueryType type);

// The type named `name`. Fails with kInvalidArgument listing the valid names.
Result<QueryType> parse_query_type(std::string_view name);

// "all", or names separated by commas (duplicates dropped, order kept).
// Fails with kInvalidArgument on an unknown or empty name.
Result<std::vector<QueryType>> parse_query_types(std::string_view text);

// What was loaded (`strata bench write` data): hosts host_0..host_{n-1}, one point per host
// every `interval_ns` from `start_ns` (the first sample) to before `end_ns`.
struct LoadedData {
  int host_count = 0;
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  int64_t interval_ns = 10'000'000'000;
};

// One query instance. Aggregating types cover [start_ns, end_ns) in buckets of `bucket_ns`,
// each bucket starting at a multiple of bucket_ns (windows are aligned to their bucket so
// that every bucket is whole: see choose_window_start). Raw types have bucket_ns 0.
struct QuerySpec {
  QueryType type = QueryType::kLastpoint;
  int index = 0;                           // instance number within its type, from 0
  std::vector<std::string> hosts;          // hostnames; empty: every host
  std::vector<std::string_view> fields;    // in SELECT order; static storage
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  int64_t bucket_ns = 0;
  int limit = 0;                           // buckets returned, groupby-orderby-limit only
};

// `count` instances of `type`, as TSBS draws them: distinct random hosts and a random
// window of the type's length inside the data. Instance k depends only on (data, type, seed,
// k), not on which other types are generated. Fails with kInvalidArgument when the data is
// empty (no hosts, or end_ns <= start_ns) or count < 0.
Result<std::vector<QuerySpec>> generate_queries(const LoadedData& data, QueryType type, int count,
                                                uint64_t seed);

// A window start: a multiple of `align_ns` drawn uniformly from those that keep
// [start, start + window_ns) inside [data.start_ns, data.end_ns). When the window is longer
// than the data, the aligned time at or before data.start_ns (so the window covers all the
// data from its beginning). `random` is any 64-bit random number.
// REQUIRES: align_ns > 0, window_ns > 0.
int64_t choose_window_start(const LoadedData& data, int64_t window_ns, int64_t align_ns, uint64_t random);

// Largest multiple of `step` at or below `value` (also for negative values). REQUIRES: step > 0.
int64_t floor_to_multiple(int64_t value, int64_t step);

}  // namespace strata::tools
