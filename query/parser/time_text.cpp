// Civil-date arithmetic after Howard Hinnant's days_from_civil / civil_from_days.
#include "query/parser/time_text.h"

#include <cctype>
#include <limits>

namespace strata::query {
namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;

int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

void civil_from_days(int64_t days, int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;
  day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  year = static_cast<int64_t>(year_of_era) + era * 400 + (month <= 2);
}

// Reads exactly `width` digits at `pos`.
bool read_digits(std::string_view text, size_t& pos, size_t width, int64_t& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (size_t index = 0; index < width; ++index) {
    const char c = text[pos + index];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    out = out * 10 + (c - '0');
  }
  pos += width;
  return true;
}

bool expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// The part after the date: "Thh:mm:ss[.f](Z|±hh:mm)" or " hh:mm:ss[.f]"; adds to `ns`.
bool parse_clock(std::string_view text, size_t& pos, int64_t& ns) {
  const bool has_t = text[pos] == 'T';
  ++pos;
  int64_t hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute) ||
      !expect(text, pos, ':') || !read_digits(text, pos, 2, second) || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  int64_t fraction_ns = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int64_t scale = kNsPerSecond / 10;
    const size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      fraction_ns += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start || pos - start > 9) return false;
  }
  int64_t offset_seconds = 0;
  if (has_t) {
    if (pos < text.size() && text[pos] == 'Z') {
      ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const int64_t sign = text[pos] == '-' ? -1 : 1;
      ++pos;
      int64_t offset_hour = 0, offset_minute = 0;
      if (!read_digits(text, pos, 2, offset_hour) || !expect(text, pos, ':') ||
          !read_digits(text, pos, 2, offset_minute)) {
        return false;
      }
      offset_seconds = sign * (offset_hour * 3600 + offset_minute * 60);
    } else {
      return false;
    }
  }
  ns += ((hour * 60 + minute) * 60 + second - offset_seconds) * kNsPerSecond + fraction_ns;
  return true;
}

}  // namespace

Result<int64_t> parse_time_literal(std::string_view text) {
  auto invalid = [&] { return Status::invalid_argument("invalid time literal " + std::string(text)); };
  size_t pos = 0;
  int64_t year = 0, month = 0, day = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') || !read_digits(text, pos, 2, month) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, day) || month < 1 || month > 12 || day < 1 || day > 31) {
    return invalid();
  }
  // Years 1678..2261 keep every instant inside int64 nanoseconds.
  if (year < 1678 || year > 2261) return invalid();
  int64_t ns = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86'400 * kNsPerSecond;
  if (pos < text.size()) {
    if ((text[pos] != 'T' && text[pos] != ' ') || !parse_clock(text, pos, ns) || pos != text.size()) return invalid();
  }
  return ns;
}

namespace {

// `value` in exactly `width` decimal digits, zero-padded (the caller knows it fits).
void append_digits(std::string& out, uint64_t value, int width) {
  char digits[20];
  for (int index = width - 1; index >= 0; --index) {
    digits[index] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

}  // namespace

// Digits written by hand rather than with snprintf: every time cell of an RFC3339 answer
// comes through here (a fifth of encoding a GROUP BY time answer with snprintf).
std::string format_rfc3339(int64_t ns) {
  int64_t seconds = ns / kNsPerSecond;
  int64_t fraction = ns % kNsPerSecond;
  if (fraction < 0) {
    fraction += kNsPerSecond;
    --seconds;
  }
  int64_t days = seconds / 86'400;
  int64_t second_of_day = seconds % 86'400;
  if (second_of_day < 0) {
    second_of_day += 86'400;
    --days;
  }
  int64_t year = 0;
  unsigned month = 0, day = 0;
  civil_from_days(days, year, month, day);
  std::string text;
  text.reserve(32);
  // Nanoseconds in an int64 span the years 1677 to 2262: always four digits.
  append_digits(text, static_cast<uint64_t>(year), 4);
  text += '-';
  append_digits(text, month, 2);
  text += '-';
  append_digits(text, day, 2);
  text += 'T';
  append_digits(text, static_cast<uint64_t>(second_of_day / 3600), 2);
  text += ':';
  append_digits(text, static_cast<uint64_t>(second_of_day / 60 % 60), 2);
  text += ':';
  append_digits(text, static_cast<uint64_t>(second_of_day % 60), 2);
  if (fraction != 0) {  // as Go's RFC3339Nano: trailing zeros dropped
    int width = 9;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --width;
    }
    text += '.';
    append_digits(text, static_cast<uint64_t>(fraction), width);
  }
  text += 'Z';
  return text;
}

}  // namespace strata::query
