// LineProtocolParser against a small reference parser written here (slow, one byte at a
// time, regexes for numbers, strtod for floats) on 5,000 random valid lines: random
// escapes, quoted strings with escapes and newlines, every value type, duplicate field
// keys, optional timestamps, CRLF, comments. Fixed seed, so a failure reproduces.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "server/ingest/line_protocol_parser.h"
#include "tests/server/ingest/batch_points.h"

namespace strata::server {
namespace {

using testing::OwnedPoint;
using testing::OwnedValue;

constexpr int64_t kDefaultTimestampNs = 42;
constexpr int kLineCount = 5000;

// ---- The reference parser: valid lines only, so it checks little and reads plainly.

// Bytes up to the first of `stops` that is not escaped; `\x` for x in `specials` is x.
std::string read_escaped(const std::string& line, size_t& pos, const std::string& specials) {
  std::string text;
  while (pos < line.size()) {
    if (line[pos] == '\\' && pos + 1 < line.size() && specials.find(line[pos + 1]) != std::string::npos) {
      text += line[pos + 1];
      pos += 2;
    } else if (specials.find(line[pos]) != std::string::npos) {
      break;
    } else {
      text += line[pos++];
    }
  }
  return text;
}

OwnedValue reference_value(const std::string& token) {
  static const std::regex boolean("t|T|true|True|TRUE|f|F|false|False|FALSE");
  static const std::regex integer("-?[0-9]+i");
  static const std::regex unsigned_integer("[0-9]+u");
  static const std::regex floating("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  if (std::regex_match(token, boolean)) return token[0] == 't' || token[0] == 'T';
  if (std::regex_match(token, integer)) return int64_t{std::stoll(token)};
  if (std::regex_match(token, unsigned_integer)) return uint64_t{std::stoull(token)};
  EXPECT_TRUE(std::regex_match(token, floating)) << token;
  return std::strtod(token.c_str(), nullptr);
}

std::string reference_string(const std::string& line, size_t& pos) {
  std::string text;
  for (++pos; line[pos] != '"'; ++pos) {
    if (line[pos] == '\\' && (line[pos + 1] == '"' || line[pos + 1] == '\\')) ++pos;
    text += line[pos];
  }
  ++pos;
  return text;
}

void skip_blanks(const std::string& line, size_t& pos) {
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
}

OwnedPoint reference_parse(std::string line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
  OwnedPoint point;
  size_t pos = 0;
  skip_blanks(line, pos);
  point.measurement = read_escaped(line, pos, ", ");
  while (line[pos] == ',') {
    std::string key = read_escaped(line, ++pos, ",= ");
    point.tags.emplace_back(key, read_escaped(line, ++pos, ",= "));
  }
  skip_blanks(line, pos);
  do {
    if (line[pos] == ',') ++pos;
    std::string key = read_escaped(line, pos, ",= ");
    OwnedValue value;
    if (line[++pos] == '"') {
      value = reference_string(line, pos);
    } else {
      const size_t end = std::min(line.find_first_of(", ", pos), line.size());
      value = reference_value(line.substr(pos, end - pos));
      pos = end;
    }
    std::erase_if(point.fields, [&key](const auto& field) { return field.first == key; });
    point.fields.emplace_back(key, value);
  } while (pos < line.size() && line[pos] == ',');
  skip_blanks(line, pos);
  point.timestamp_ns = pos < line.size() ? std::stoll(line.substr(pos)) : kDefaultTimestampNs;
  return point;
}

// ---- The generator: random valid lines and the point each is meant to give.

class LineGenerator {
 public:
  explicit LineGenerator(uint64_t seed) : random_(seed) {}

  // A line (with its line ending) and the point it stands for.
  std::pair<std::string, OwnedPoint> next() {
    OwnedPoint point;
    std::string line = pick({"", "", "", " ", "\t "});
    point.measurement = text(1, 8, false);
    line += escape(point.measurement, ", ");
    const int tag_count = uniform(0, 4);
    while (static_cast<int>(point.tags.size()) < tag_count) {
      const std::string key = text(1, 6, true);
      if (std::any_of(point.tags.begin(), point.tags.end(), [&key](const auto& tag) { return tag.first == key; })) continue;
      point.tags.emplace_back(key, text(1, 6, true));
      line += "," + escape(key, ",= ") + "=" + escape(point.tags.back().second, ",= ");
    }
    line += pick({" ", " ", "  ", " \t"});
    const int field_count = uniform(1, 5);
    for (int i = 0; i < field_count; ++i) {
      std::string key = uniform(0, 4) == 0 ? std::string("dup") : text(1, 6, true);
      auto [token, value] = field_value();
      line += (i > 0 ? "," : "") + escape(key, ",= ") + "=" + token;
      std::erase_if(point.fields, [&key](const auto& field) { return field.first == key; });
      point.fields.emplace_back(key, value);
    }
    point.timestamp_ns = kDefaultTimestampNs;
    if (uniform(0, 1) == 1) {
      point.timestamp_ns = static_cast<int64_t>(random_());
      line += pick({" ", "  "}) + std::to_string(point.timestamp_ns);
    }
    line += pick({"", "", " ", "\t"}) + pick({"\n", "\n", "\r\n"});
    return {line, point};
  }

 private:
  int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::string pick(std::initializer_list<const char*> choices) { return *(choices.begin() + uniform(0, static_cast<int>(choices.size()) - 1)); }

  // Random text of whole characters, never ending in a backslash (it would escape the
  // separator after it). A measurement may not start with '#' (a comment) or a tab (a
  // leading blank); a key may not start with a tab (a blank between sections).
  std::string text(int min_units, int max_units, bool is_key) {
    static const std::vector<std::string> units = {"a", "b", "Z", "0", "7", "_", "-", ".", " ", ",", "=", "\\",
                                                   "\"", "\t", "#", "\xC3\xA9", "\xE6\xB8\xA9", "i", "t"};
    std::string result;
    const int count = uniform(min_units, max_units);
    for (int i = 0; i < count; ++i) {
      std::string unit = units[uniform(0, static_cast<int>(units.size()) - 1)];
      if (i == 0 && (unit == "\t" || (!is_key && unit == "#"))) unit = "m";
      if (i == count - 1 && unit == "\\") unit = "x";
      result += unit;
    }
    return result;
  }

  static std::string escape(const std::string& text, const std::string& specials) {
    std::string escaped;
    for (char byte : text) {
      if (specials.find(byte) != std::string::npos) escaped += '\\';
      escaped += byte;
    }
    return escaped;
  }

  // A quoted string: quotes and backslashes escaped, except that a backslash before a
  // plain byte is sometimes left bare (it is literal either way).
  std::string quoted(const std::string& value) {
    std::string token = "\"";
    for (size_t i = 0; i < value.size(); ++i) {
      const bool plain_next = i + 1 < value.size() && value[i + 1] != '"' && value[i + 1] != '\\';
      if (value[i] == '"' || (value[i] == '\\' && !(plain_next && uniform(0, 1) == 1))) token += '\\';
      token += value[i];
    }
    return token + "\"";
  }

  std::string digits(int min_count, int max_count) {
    std::string result;
    for (int count = uniform(min_count, max_count); count > 0; --count) result += static_cast<char>('0' + uniform(0, 9));
    return result;
  }

  std::string float_token() {
    switch (uniform(0, 2)) {
      case 0: {  // every finite double, printed to round-trip
        double value;
        do {
          uint64_t bits = random_();
          std::memcpy(&value, &bits, sizeof value);
        } while (!std::isfinite(value));
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "%.17g", value);
        return buffer;
      }
      case 1: {  // the grammar's shapes: 5, 5., .5, 5.5, with or without an exponent
        std::string token = pick({"", "-"});
        const std::string whole = digits(0, 4);
        token += whole;
        if (whole.empty() || uniform(0, 1) == 1) token += "." + digits(whole.empty() ? 1 : 0, 4);
        if (uniform(0, 1) == 1) token += pick({"e", "E"}) + pick({"", "+", "-"}) + digits(1, 2);
        return token;
      }
      default:
        return std::to_string(uniform(-1000, 1000));
    }
  }

  std::pair<std::string, OwnedValue> field_value() {
    switch (uniform(0, 4)) {
      case 0: {
        const std::string token = float_token();
        return {token, std::strtod(token.c_str(), nullptr)};
      }
      case 1: {
        const auto value = static_cast<int64_t>(random_());
        return {std::to_string(value) + "i", value};
      }
      case 2: {
        const uint64_t value = random_();
        return {std::to_string(value) + "u", value};
      }
      case 3: {
        const std::string token = pick({"t", "T", "true", "True", "TRUE", "f", "F", "false", "False", "FALSE"});
        return {token, token[0] == 't' || token[0] == 'T'};
      }
      default: {
        std::string value = text(0, 8, true);
        if (uniform(0, 3) == 0) value += "\n" + text(0, 3, true);
        return {quoted(value), value};
      }
    }
  }

  std::mt19937_64 random_;
};

TEST(LineProtocolDifferentialTest, MatchesReferenceParserOnRandomValidLines) {
  LineGenerator generator(20240521);
  std::string body;
  std::vector<OwnedPoint> expected;
  for (int i = 0; i < kLineCount; ++i) {
    auto [line, intended] = generator.next();
    // The reference must read the line as the generator meant it, or the test proves nothing.
    ASSERT_EQ(reference_parse(line.substr(0, line.size() - 1)), intended) << "line " << i << ": " << line;
    body += line;
    expected.push_back(std::move(intended));
    if (i % 500 == 0) body += "# a comment with a \"quote\n\n";
  }
  LineProtocolParser parser(IngestLimits{}, Precision::kNanoseconds, kDefaultTimestampNs);
  WriteBatch batch;
  const ParseReport report = parser.parse(body, batch);
  for (const LineError& error : report.errors) ADD_FAILURE() << "line " << error.line_number << ": " << error.message;
  ASSERT_EQ(report.points, static_cast<uint64_t>(kLineCount));
  const std::vector<OwnedPoint> actual = testing::points_of(batch);
  for (int i = 0; i < kLineCount; ++i) ASSERT_EQ(actual[i], expected[i]) << "point " << i;
}

}  // namespace
}  // namespace strata::server
