// Duration literal parsing and canonical formatting (query/parser/duration.h).
#include "query/parser/duration.h"

#include <array>
#include <limits>

namespace strata::query {
namespace {

struct DurationUnit {
  std::string_view suffix;
  int64_t nanoseconds;
};

constexpr int64_t kMicrosecond = 1'000;
constexpr int64_t kSecond = 1'000'000'000;

// Longest suffixes first where one is a prefix of another ("ms" before "m"). The micro
// sign is matched as its UTF-8 bytes.
constexpr std::array<DurationUnit, 9> kParseUnits = {{
    {"ns", 1},
    {"ms", 1'000 * kMicrosecond},
    {"u", kMicrosecond},
    {"\xC2\xB5", kMicrosecond},
    {"s", kSecond},
    {"m", 60 * kSecond},
    {"h", 3600 * kSecond},
    {"d", 86400 * kSecond},
    {"w", 7 * 86400 * kSecond},
}};

// Largest first, for formatting.
constexpr std::array<DurationUnit, 8> kFormatUnits = {{
    {"w", 7 * 86400 * kSecond},
    {"d", 86400 * kSecond},
    {"h", 3600 * kSecond},
    {"m", 60 * kSecond},
    {"s", kSecond},
    {"ms", 1'000 * kMicrosecond},
    {"u", kMicrosecond},
    {"ns", 1},
}};

}  // namespace

Result<int64_t> parse_duration(std::string_view text) {
  auto invalid = [&] { return Status::invalid_argument("invalid duration " + std::string(text)); };
  if (text.empty()) return invalid();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t digits_start = i;
    int64_t count = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      int digit = text[i] - '0';
      if (count > (kMax - digit) / 10) return invalid();
      count = count * 10 + digit;
      ++i;
    }
    if (i == digits_start) return invalid();
    const DurationUnit* unit = nullptr;
    for (const DurationUnit& candidate : kParseUnits) {
      if (text.substr(i).starts_with(candidate.suffix)) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) return invalid();
    i += unit->suffix.size();
    if (count > kMax / unit->nanoseconds) return invalid();
    int64_t part = count * unit->nanoseconds;
    if (total > kMax - part) return invalid();
    total += part;
  }
  return total;
}

std::string format_duration(int64_t nanoseconds) {
  if (nanoseconds == 0) return "0s";
  // The magnitude as unsigned, so that INT64_MIN has one too.
  uint64_t magnitude = nanoseconds < 0 ? uint64_t{0} - static_cast<uint64_t>(nanoseconds)
                                       : static_cast<uint64_t>(nanoseconds);
  std::string sign = nanoseconds < 0 ? "-" : "";
  for (const DurationUnit& unit : kFormatUnits) {
    uint64_t unit_ns = static_cast<uint64_t>(unit.nanoseconds);
    if (magnitude % unit_ns == 0) return sign + std::to_string(magnitude / unit_ns) + std::string(unit.suffix);
  }
  return sign + std::to_string(magnitude) + "ns";  // not reached: every value divides by 1ns
}

}  // namespace strata::query
