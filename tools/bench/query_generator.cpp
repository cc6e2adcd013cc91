// TSBS devops query instances; the shapes (hosts, fields, window lengths) follow TSBS's
// cmd/tsbs_generate_queries/uses/devops and databases/influx/devops.go, drawn with our own
// seeded generator so that every dialect gets the same instances.
#include "tools/bench/query_generator.h"

#include <algorithm>
#include <numeric>

#include "tools/bench/tsbs_cpu_generator.h"

namespace strata::tools {
namespace {

constexpr int64_t kMinuteNs = 60'000'000'000;
constexpr int64_t kHourNs = 60 * kMinuteNs;
// TSBS's DoubleGroupByDuration, MaxAllDuration and HighCPUDuration are all 12 hours.
constexpr int64_t kLongWindowNs = 12 * kHourNs;
constexpr int kOrderbyLimitBuckets = 5;  // TSBS's "limit 5"

struct TypeShape {
  QueryType type;
  std::string_view name;
  int host_count;    // 0: all hosts
  int field_count;
  int64_t window_ns;
  int64_t bucket_ns;  // 0: raw rows
};

constexpr std::array<TypeShape, 8> kShapes = {{
    {QueryType::kSingleGroupby111, "single-groupby-1-1-1", 1, 1, kHourNs, kMinuteNs},
    {QueryType::kSingleGroupby581, "single-groupby-5-8-1", 8, 5, kHourNs, kMinuteNs},
    {QueryType::kSingleGroupby5112, "single-groupby-5-1-12", 1, 5, kLongWindowNs, kMinuteNs},
    {QueryType::kDoubleGroupby1, "double-groupby-1", 0, 1, kLongWindowNs, kHourNs},
    {QueryType::kDoubleGroupbyAll, "double-groupby-all", 0, 10, kLongWindowNs, kHourNs},
    {QueryType::kHighCpu1, "high-cpu-1", 1, 10, kLongWindowNs, 0},
    {QueryType::kLastpoint, "lastpoint", 0, 10, 0, 0},
    {QueryType::kGroupbyOrderbyLimit, "groupby-orderby-limit", 0, 1, kHourNs, kMinuteNs},
}};

const TypeShape& shape_of(QueryType type) { return kShapes[static_cast<size_t>(type)]; }

// SplitMix64 (Steele, Lea, Flood): small, seedable, and the same on every platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound) up to a bias of bound / 2^64, negligible for host counts.
  uint64_t below(uint64_t bound) { return next() % bound; }

 private:
  uint64_t state_;
};

// `count` distinct hostnames, as TSBS's GetRandomHosts: a partial Fisher-Yates shuffle.
std::vector<std::string> random_hosts(int host_count, int count, Random& random) {
  std::vector<int> indexes(host_count);
  std::iota(indexes.begin(), indexes.end(), 0);
  std::vector<std::string> hosts;
  for (int i = 0; i < count; ++i) {
    const auto pick = i + static_cast<int>(random.below(static_cast<uint64_t>(host_count - i)));
    std::swap(indexes[i], indexes[pick]);
    hosts.push_back("host_" + std::to_string(indexes[i]));
  }
  return hosts;
}

QuerySpec make_query(const LoadedData& data, const TypeShape& shape, int index, Random& random) {
  QuerySpec spec;
  spec.type = shape.type;
  spec.index = index;
  spec.bucket_ns = shape.bucket_ns;
  for (int i = 0; i < shape.field_count; ++i) spec.fields.push_back(TsbsCpuGenerator::kFieldNames[i]);
  // More hosts asked than loaded: ask for all of them (TSBS would refuse).
  if (shape.host_count > 0) spec.hosts = random_hosts(data.host_count, std::min(shape.host_count, data.host_count), random);
  switch (shape.type) {
    case QueryType::kLastpoint:
      spec.start_ns = data.start_ns;
      spec.end_ns = data.end_ns;
      break;
    case QueryType::kGroupbyOrderbyLimit:
      // Only the end is random (TSBS: RandWindow(1h).End); with no lower time bound the
      // buckets start at the first point's minute.
      spec.start_ns = floor_to_multiple(data.start_ns, shape.bucket_ns);
      spec.end_ns = choose_window_start(data, shape.window_ns, data.interval_ns, random.next()) + shape.window_ns;
      spec.limit = kOrderbyLimitBuckets;
      break;
    default: {
      const int64_t align_ns = shape.bucket_ns > 0 ? shape.bucket_ns : data.interval_ns;
      spec.start_ns = choose_window_start(data, shape.window_ns, align_ns, random.next());
      spec.end_ns = spec.start_ns + shape.window_ns;
    }
  }
  return spec;
}

}  // namespace

std::string_view query_type_name(QueryType type) { return shape_of(type).name; }

Result<QueryType> parse_query_type(std::string_view name) {
  std::string valid;
  for (const TypeShape& shape : kShapes) {
    if (shape.name == name) return shape.type;
    valid += (valid.empty() ? "" : ", ") + std::string(shape.name);
  }
  return Status::invalid_argument("unknown query type '" + std::string(name) + "' (valid: " + valid + ")");
}

Result<std::vector<QueryType>> parse_query_types(std::string_view text) {
  if (text == "all") return std::vector<QueryType>(kAllQueryTypes.begin(), kAllQueryTypes.end());
  std::vector<QueryType> types;
  while (true) {
    const size_t comma = text.find(',');
    STRATA_ASSIGN_OR_RETURN(QueryType type, parse_query_type(text.substr(0, comma)));
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
    if (comma == std::string_view::npos) return types;
    text.remove_prefix(comma + 1);
  }
}

int64_t floor_to_multiple(int64_t value, int64_t step) {
  const int64_t remainder = value % step;
  return remainder < 0 ? value - remainder - step : value - remainder;
}

int64_t choose_window_start(const LoadedData& data, int64_t window_ns, int64_t align_ns, uint64_t random) {
  const int64_t first = -floor_to_multiple(-data.start_ns, align_ns);  // ceiling
  const int64_t last = floor_to_multiple(data.end_ns - window_ns, align_ns);
  if (last < first) return floor_to_multiple(data.start_ns, align_ns);
  const auto choices = static_cast<uint64_t>((last - first) / align_ns) + 1;
  return first + static_cast<int64_t>(random % choices) * align_ns;
}

Result<std::vector<QuerySpec>> generate_queries(const LoadedData& data, QueryType type, int count,
                                                uint64_t seed) {
  if (data.host_count < 1) return Status::invalid_argument("hosts must be at least 1");
  if (data.end_ns <= data.start_ns) return Status::invalid_argument("end must be after start");
  if (data.interval_ns < 1) return Status::invalid_argument("interval must be positive");
  if (count < 0) return Status::invalid_argument("queries must not be negative");
  std::vector<QuerySpec> specs;
  for (int index = 0; index < count; ++index) {
    // One stream per (seed, type, instance): instances never shift when types are added.
    Random random(seed * 0x100000001B3ULL ^ (static_cast<uint64_t>(type) << 32) ^ static_cast<uint64_t>(index));
    random.next();
    specs.push_back(make_query(data, shape_of(type), index, random));
  }
  return specs;
}

}  // namespace strata::tools
