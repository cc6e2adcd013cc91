// RFC 3339 UTC timestamps to epoch nanoseconds, by Howard Hinnant's days_from_civil.
#include "tools/bench/timestamp.h"

#include <charconv>
#include <string>

namespace strata::tools {
namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
// (http://howardhinnant.github.io/date_algorithms.html#days_from_civil).
int64_t days_from_civil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Reads exactly `width` digits at `position`; false when they are not all digits.
bool read_digits(std::string_view text, size_t position, size_t width, int64_t& value) {
  if (position + width > text.size()) return false;
  for (size_t i = position; i < position + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return std::from_chars(text.data() + position, text.data() + position + width, value).ec == std::errc();
}

bool is_leap_year(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int64_t days_in_month(int64_t year, int64_t month) {
  constexpr int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

}  // namespace

Result<int64_t> parse_utc_timestamp_ns(std::string_view text) {
  const auto invalid = [&] {
    return Status::invalid_argument("timestamp '" + std::string(text) +
                                    "' is not of the form YYYY-MM-DDTHH:MM:SS[.fraction]Z");
  };
  int64_t year, month, day, hour, minute, second;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text.back() != 'Z' || !read_digits(text, 0, 4, year) || !read_digits(text, 5, 2, month) ||
      !read_digits(text, 8, 2, day) || !read_digits(text, 11, 2, hour) || !read_digits(text, 14, 2, minute) ||
      !read_digits(text, 17, 2, second)) {
    return invalid();
  }
  int64_t fraction_ns = 0;
  const std::string_view fraction = text.substr(19, text.size() - 20);
  if (!fraction.empty()) {
    if (fraction.size() < 2 || fraction.size() > 10 || fraction[0] != '.') return invalid();
    int64_t digits;
    if (!read_digits(fraction, 1, fraction.size() - 1, digits)) return invalid();
    fraction_ns = digits;
    for (size_t i = fraction.size() - 1; i < 9; ++i) fraction_ns *= 10;
  }
  if (year < 1970 || year > 2262 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) ||
      hour > 23 || minute > 59 || second > 59) {
    return invalid();
  }
  const int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  // int64 nanoseconds end at 2262-04-11T23:47:16.854775807Z.
  constexpr int64_t kMaxSeconds = 9'223'372'036;
  if (seconds > kMaxSeconds || (seconds == kMaxSeconds && fraction_ns > 854'775'807)) return invalid();
  return seconds * 1'000'000'000 + fraction_ns;
}

}  // namespace strata::tools
