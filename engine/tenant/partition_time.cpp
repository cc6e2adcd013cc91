#include "engine/tenant/partition_time.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <limits>

namespace strata {
namespace {

int64_t clamp_to_int64(__int128 value) {
  if (value < std::numeric_limits<int64_t>::min()) return std::numeric_limits<int64_t>::min();
  if (value > std::numeric_limits<int64_t>::max()) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(value);
}

}  // namespace

int64_t partition_index(int64_t timestamp_ns, int64_t duration_ns) {
  int64_t quotient = timestamp_ns / duration_ns;
  if (timestamp_ns % duration_ns < 0) --quotient;
  return quotient;
}

int64_t partition_first_ns(int64_t index, int64_t duration_ns) {
  return clamp_to_int64(static_cast<__int128>(index) * duration_ns);
}

int64_t partition_last_ns(int64_t index, int64_t duration_ns) {
  return clamp_to_int64(static_cast<__int128>(index + 1) * duration_ns - 1);
}

std::string partition_directory_name(int64_t index, int64_t duration_ns) {
  using namespace std::chrono;
  const int64_t seconds = index * (duration_ns / kNanosPerSecond);  // fits: |index| <= 2^63 / duration
  const sys_seconds start{std::chrono::seconds(seconds)};
  const sys_days day = floor<days>(start);
  const year_month_day date(day);
  const hh_mm_ss time_of_day(start - day);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02lld%02lld%02lldZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long long>(time_of_day.hours().count()),
                static_cast<long long>(time_of_day.minutes().count()),
                static_cast<long long>(time_of_day.seconds().count()));
  return buffer;
}

std::optional<int64_t> parse_partition_directory_name(std::string_view name, int64_t duration_ns) {
  if (name.size() != 16 || name[8] != 'T' || name[15] != 'Z') return std::nullopt;
  auto number = [&name](size_t offset, size_t length) -> std::optional<int> {
    int value = 0;
    auto [end, error] = std::from_chars(name.data() + offset, name.data() + offset + length, value);
    if (error != std::errc() || end != name.data() + offset + length) return std::nullopt;
    return value;
  };
  const auto year = number(0, 4), month = number(4, 2), day = number(6, 2);
  const auto hour = number(9, 2), minute = number(11, 2), second = number(13, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                            std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  const int64_t seconds =
      sys_days(date).time_since_epoch().count() * 86'400LL + *hour * 3600LL + *minute * 60LL + *second;
  const int64_t duration_seconds = duration_ns / kNanosPerSecond;
  if (seconds % duration_seconds != 0) return std::nullopt;
  return seconds / duration_seconds;
}

}  // namespace strata
