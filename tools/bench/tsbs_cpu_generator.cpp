// TSBS cpu-only data generation; the tag choices and walk shape follow TSBS's
// pkg/data/usecases/devops (host.go, cpu.go), re-implemented with our own seeded generator.
#include "tools/bench/tsbs_cpu_generator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

namespace strata::tools {
namespace {

struct Region {
  std::string_view name;
  std::vector<std::string_view> datacenters;
};

const std::vector<Region>& regions() {
  static const std::vector<Region> kRegions = {
      {"us-east-1", {"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e"}},
      {"us-west-1", {"us-west-1a", "us-west-1b"}},
      {"us-west-2", {"us-west-2a", "us-west-2b", "us-west-2c"}},
      {"eu-west-1", {"eu-west-1a", "eu-west-1b", "eu-west-1c"}},
      {"eu-central-1", {"eu-central-1a", "eu-central-1b"}},
      {"ap-southeast-1", {"ap-southeast-1a", "ap-southeast-1b"}},
      {"ap-southeast-2", {"ap-southeast-2a", "ap-southeast-2b"}},
      {"ap-northeast-1", {"ap-northeast-1a", "ap-northeast-1c"}},
      {"sa-east-1", {"sa-east-1a", "sa-east-1b", "sa-east-1c"}},
  };
  return kRegions;
}

constexpr std::array<std::string_view, 4> kTeams = {"SF", "NYC", "LON", "CHI"};
constexpr std::array<std::string_view, 3> kOperatingSystems = {"Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10"};
constexpr std::array<std::string_view, 2> kArchitectures = {"x64", "x86"};
constexpr std::array<std::string_view, 3> kEnvironments = {"production", "staging", "test"};
constexpr uint64_t kRackChoices = 100;  // TSBS's machineRackChoicesPerDatacenter
constexpr uint64_t kServiceChoices = 20;
constexpr uint64_t kServiceVersionChoices = 2;
constexpr int32_t kMaxHundredths = 100 * 100;

// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform.
uint64_t next_random(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t random_below(uint64_t& state, uint64_t limit) { return next_random(state) % limit; }

// Uniform in (0, 1]: 53 random bits, never 0 so that log() below stays finite.
double random_unit(uint64_t& state) {
  return static_cast<double>((next_random(state) >> 11) + 1) * 0x1.0p-53;
}

// One N(0,1) draw by Box-Muller; the second value is dropped to keep the state simple.
double random_normal(uint64_t& state) {
  const double radius = std::sqrt(-2.0 * std::log(random_unit(state)));
  return radius * std::cos(2.0 * std::numbers::pi * random_unit(state));
}

template <typename Choices>
std::string pick(uint64_t& state, const Choices& choices) {
  return std::string(choices[random_below(state, choices.size())]);
}

// Tag values drawn in the order TSBS's newHostWithMeasurementGenerator draws them.
TsbsHost make_host(int index, uint64_t& state) {
  TsbsHost host;
  host.hostname = "host_" + std::to_string(index);
  const Region& region = regions()[random_below(state, regions().size())];
  host.region = std::string(region.name);
  host.datacenter = pick(state, region.datacenters);
  host.rack = std::to_string(random_below(state, kRackChoices));
  host.arch = pick(state, kArchitectures);
  host.os = pick(state, kOperatingSystems);
  host.service = std::to_string(random_below(state, kServiceChoices));
  host.service_version = std::to_string(random_below(state, kServiceVersionChoices));
  host.service_environment = pick(state, kEnvironments);
  host.team = pick(state, kTeams);
  return host;
}

// Tags in TSBS's MachineTagKeys order, unsorted as TSBS writes them: the server sorts.
std::string line_prefix(const TsbsHost& host) {
  std::string prefix = "cpu";
  const std::pair<std::string_view, const std::string&> tags[] = {
      {"hostname", host.hostname}, {"region", host.region},   {"datacenter", host.datacenter},
      {"rack", host.rack},         {"os", host.os},           {"arch", host.arch},
      {"team", host.team},         {"service", host.service}, {"service_version", host.service_version},
      {"service_environment", host.service_environment}};
  for (const auto& [key, value] : tags) {
    prefix.append(",").append(key).append("=").append(value);
  }
  prefix.push_back(' ');
  return prefix;
}

// "58.13" from 5813: integer formatting only, so the text is exact and cheap.
void append_hundredths(std::string& out, int32_t hundredths) {
  char buffer[16];
  auto end = std::to_chars(buffer, buffer + sizeof(buffer), hundredths / 100).ptr;
  *end++ = '.';
  *end++ = static_cast<char>('0' + (hundredths / 10) % 10);
  *end++ = static_cast<char>('0' + hundredths % 10);
  out.append(buffer, end);
}

}  // namespace

Result<TsbsCpuGenerator> TsbsCpuGenerator::create(const TsbsCpuOptions& options) {
  if (options.host_count < 1) {
    return Status::invalid_argument("tsbs cpu generator: host count must be at least 1, got " +
                                    std::to_string(options.host_count));
  }
  if (options.interval_ns < 1) {
    return Status::invalid_argument("tsbs cpu generator: interval must be positive");
  }
  return TsbsCpuGenerator(options);
}

TsbsCpuGenerator::TsbsCpuGenerator(const TsbsCpuOptions& options)
    : options_(options), random_state_(options.seed) {
  hosts_.reserve(options.host_count);
  for (int i = 0; i < options.host_count; ++i) hosts_.push_back(make_host(i, random_state_));
  for (const TsbsHost& host : hosts_) line_prefixes_.push_back(line_prefix(host));
  // Each walk starts uniform in [0, 100], as TSBS's CWD(..., rand.Float64()*100).
  hundredths_.resize(options.host_count);
  for (auto& values : hundredths_) {
    for (int32_t& value : values) value = static_cast<int32_t>(random_below(random_state_, kMaxHundredths + 1));
  }
}

void TsbsCpuGenerator::advance_walks(int host_index) {
  for (int32_t& value : hundredths_[host_index]) {
    const auto step = static_cast<int32_t>(std::lround(random_normal(random_state_) * 100.0));
    value = std::clamp(value + step, 0, kMaxHundredths);
  }
}

void TsbsCpuGenerator::append_next_line(std::string& out) {
  const auto host_index = static_cast<int>(points_generated_ % options_.host_count);
  const int64_t tick = points_generated_ / options_.host_count;
  out.append(line_prefixes_[host_index]);
  const auto& values = hundredths_[host_index];
  for (int field = 0; field < kFieldCount; ++field) {
    if (field > 0) out.push_back(',');
    out.append(kFieldNames[field]).push_back('=');
    append_hundredths(out, values[field]);
  }
  out.push_back(' ');
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof(buffer), options_.start_ns + tick * options_.interval_ns).ptr;
  out.append(buffer, end).push_back('\n');
  advance_walks(host_index);
  ++points_generated_;
}

}  // namespace strata::tools
