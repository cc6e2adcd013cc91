// Unquoted field values: the type comes from the first byte and the suffix, as in
// InfluxDB 1.x's scanNumber and scanBoolean; floats go through fast_float, integers
// through std::from_chars.
#include "server/ingest/field_value.h"

#include <charconv>
#include <cmath>
#include <string>

#include <fast_float/fast_float.h>

#include "server/ingest/message_text.h"

namespace strata::server {

namespace {

bool is_digit(char byte) { return byte >= '0' && byte <= '9'; }

Status invalid(std::string_view what, std::string_view token) {
  return Status::invalid_argument(std::string(what) + " " + quote_for_message(token));
}

Result<FieldValue> parse_boolean(std::string_view token) {
  if (token == "t" || token == "T" || token == "true" || token == "True" || token == "TRUE") return FieldValue(true);
  if (token == "f" || token == "F" || token == "false" || token == "False" || token == "FALSE") {
    return FieldValue(false);
  }
  return invalid("invalid boolean", token);
}

// `digits` is the token without its suffix; from_chars takes no '+' and, for unsigned
// types, no '-', which is what InfluxDB accepts.
template <typename Integer>
Result<FieldValue> parse_integer(std::string_view digits, std::string_view token, std::string_view type_name) {
  Integer value{};
  const char* end = digits.data() + digits.size();
  const auto [stop, error] = std::from_chars(digits.data(), end, value);
  if (error == std::errc::result_out_of_range && stop == end) {
    return Status::invalid_argument(std::string(type_name) + " " + quote_for_message(token) + " out of range");
  }
  if (error != std::errc() || stop != end || digits.empty()) return invalid("invalid " + std::string(type_name), token);
  return FieldValue(value);
}

// InfluxDB's float grammar: an optional '-', digits with at most one '.', at least one
// digit, then an optional exponent. No '+', no hex, no "nan" or "inf".
bool is_float_syntax(std::string_view token) {
  size_t pos = token[0] == '-' ? 1 : 0;
  size_t digits = 0;
  while (pos < token.size() && is_digit(token[pos])) ++pos, ++digits;
  if (pos < token.size() && token[pos] == '.') {
    ++pos;
    while (pos < token.size() && is_digit(token[pos])) ++pos, ++digits;
  }
  if (digits == 0) return false;
  if (pos < token.size() && (token[pos] == 'e' || token[pos] == 'E')) {
    ++pos;
    if (pos < token.size() && (token[pos] == '+' || token[pos] == '-')) ++pos;
    size_t exponent_digits = 0;
    while (pos < token.size() && is_digit(token[pos])) ++pos, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return pos == token.size();
}

Result<FieldValue> parse_float(std::string_view token) {
  if (!is_float_syntax(token)) return invalid("invalid float", token);
  double value = 0;
  const auto [stop, error] = fast_float::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || stop != token.data() + token.size()) return invalid("invalid float", token);
  // fast_float rounds an overflowing literal to infinity; InfluxDB (Go's ParseFloat)
  // rejects it. Underflow to zero or a subnormal is accepted, as Go does.
  if (!std::isfinite(value)) return Status::invalid_argument("float " + quote_for_message(token) + " out of range");
  return FieldValue(value);
}

}  // namespace

Result<FieldValue> parse_unquoted_field_value(std::string_view token) {
  const char first = token.front();
  if (first == 't' || first == 'T' || first == 'f' || first == 'F') return parse_boolean(token);
  if (!is_digit(first) && first != '-' && first != '.') {
    return Status::invalid_argument("invalid field value " + quote_for_message(token) +
                                    " (strings must be double-quoted)");
  }
  const std::string_view body = token.substr(0, token.size() - 1);
  if (token.back() == 'i') return parse_integer<int64_t>(body, token, "integer");
  if (token.back() == 'u') return parse_integer<uint64_t>(body, token, "unsigned integer");
  return parse_float(token);
}

}  // namespace strata::server
