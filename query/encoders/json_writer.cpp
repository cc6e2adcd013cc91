// JSON text output; see json_writer.h.
#include "query/encoders/json_writer.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include "engine/base/utf8.h"

namespace strata::query {

void JsonWriter::newline_and_indent() {
  out_ += '\n';
  out_.append(has_items_.size() * 4, ' ');
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  has_items_.push_back(0);
}

void JsonWriter::close(char bracket) {
  const bool had_items = has_items_.back() != 0;
  has_items_.pop_back();
  if (pretty_ && had_items) newline_and_indent();
  out_ += bracket;
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_quoted(name);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_quoted(text);
}

namespace {

// Which bytes end a plain run in a string: one table lookup per byte keeps the scan of
// ASCII text as fast as it was before non-ASCII bytes needed a look too.
enum class ByteKind : uint8_t { kPlain, kEscape, kNonAscii };

struct ByteKinds {
  constexpr ByteKinds() {
    for (int byte = 0; byte < 0x20; ++byte) kinds[byte] = ByteKind::kEscape;
    // JSON's own, then Go's HTML-safe escapes.
    for (char byte : {'"', '\\', '<', '>', '&'}) kinds[static_cast<unsigned char>(byte)] = ByteKind::kEscape;
    for (int byte = 0x80; byte < 0x100; ++byte) kinds[byte] = ByteKind::kNonAscii;
  }
  ByteKind kinds[256] = {};
};
constexpr ByteKinds kByteKinds;

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// The 8 digits of `value` < 10^8, leading zeros included, at `out`: the four pairs are
// independent, where to_chars divides the whole number by 100 pair after pair.
void write_eight_digits(char* out, uint32_t value) {
  const uint32_t high = value / 10'000, low = value % 10'000;
  std::memcpy(out, kDigitPairs + 2 * (high / 100), 2);
  std::memcpy(out + 2, kDigitPairs + 2 * (high % 100), 2);
  std::memcpy(out + 4, kDigitPairs + 2 * (low / 100), 2);
  std::memcpy(out + 6, kDigitPairs + 2 * (low % 100), 2);
}

// Decimal text of `value`, in 8-digit pieces: a nanosecond time has 19 digits.
void append_unsigned(std::string& out, uint64_t value) {
  constexpr uint64_t kEightDigits = 100'000'000;
  char buffer[24];
  char* end = buffer;
  if (value < kEightDigits) {
    end = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<uint32_t>(value)).ptr;
  } else if (value < kEightDigits * kEightDigits) {
    end = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<uint32_t>(value / kEightDigits)).ptr;
    write_eight_digits(end, static_cast<uint32_t>(value % kEightDigits));
    end += 8;
  } else {
    const uint64_t high = value / kEightDigits;
    end = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<uint32_t>(high / kEightDigits)).ptr;
    write_eight_digits(end, static_cast<uint32_t>(high % kEightDigits));
    write_eight_digits(end + 8, static_cast<uint32_t>(value % kEightDigits));
    end += 16;
  }
  out.append(buffer, static_cast<size_t>(end - buffer));
}

void append_signed(std::string& out, int64_t value) {
  if (value < 0) {
    out += '-';
    append_unsigned(out, 0 - static_cast<uint64_t>(value));  // INT64_MIN's magnitude too
    return;
  }
  append_unsigned(out, static_cast<uint64_t>(value));
}

}  // namespace

void JsonWriter::append_quoted(std::string_view text) {
  out_ += '"';
  // Runs without escapes (nearly all text, valid non-ASCII characters included) are
  // appended whole. Bytes that are not UTF-8 (names stored before ingest checked them)
  // become U+FFFD, one per maximal invalid subpart, so the answer is always valid JSON.
  size_t begin = 0;  // start of the run not yet appended
  size_t end = 0;
  while (true) {
    while (end < text.size() && kByteKinds.kinds[static_cast<unsigned char>(text[end])] == ByteKind::kPlain) ++end;
    if (end == text.size()) break;
    const char c = text[end];
    if (kByteKinds.kinds[static_cast<unsigned char>(c)] == ByteKind::kNonAscii) {
      const Utf8Sequence sequence = next_utf8_sequence(text.substr(end));
      if (!sequence.is_valid) {
        out_.append(text.data() + begin, end - begin);
        out_ += kReplacementCharacter;
        begin = end + sequence.length;
      }
      end += sequence.length;
      continue;
    }
    out_.append(text.data() + begin, end - begin);
    begin = ++end;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      // Go escapes these so that JSON can sit inside HTML.
      case '<': out_ += "\\u003c"; break;
      case '>': out_ += "\\u003e"; break;
      case '&': out_ += "\\u0026"; break;
      default:
        static constexpr char kHex[] = "0123456789abcdef";  // the control characters left
        out_ += "\\u00";
        out_ += kHex[(c >> 4) & 0xf];
        out_ += kHex[c & 0xf];
    }
  }
  out_.append(text.data() + begin, end - begin);
  out_ += '"';
}

void JsonWriter::number(double value) {
  before_value();
  append_json_number(out_, value);
}

namespace {

constexpr int kMaxFastDecimals = 6;
constexpr double kMaxFastMagnitude = 1e9;
constexpr double kFastPowers[kMaxFastDecimals + 1] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
constexpr uint64_t kFastIntegerPowers[kMaxFastDecimals + 1] = {1, 10, 100, 1'000, 10'000, 100'000, 1'000'000};
// Adding and subtracting 2^52 + 2^51 rounds any x in [0, 2^51) to an integer (ties to
// even) without a libm call; the scaled values here stay below 1e15.
constexpr double kRoundingMagic = 6755399441055744.0;

// The text Go prints for a value with at most 6 decimals below 1e9 (nearly every measured
// value: a reading in hundredths), without to_chars' search for the shortest digits, which
// costs ~70 ns a number. |value| has k decimals when round(|value| * 10^k) / 10^k gives it
// back bit for bit: both operands are exact, so the division rounds the decimal correctly
// and its text parses back to value. The smallest such k is the shortest text, as Go's
// 'f', -1 gives it: below 1e9 a double's rounding interval is under 2.5e-7 wide, so it holds
// at most one decimal of k <= 6 places, and the nearest k-place decimal is the one
// round() finds (the product's rounding error, under 1/16 of a unit, matters only for a
// value nearly halfway between two, which none of them then round-trips to). False
// (nothing appended) when no k fits.
bool append_short_decimal(std::string& out, double value) {
  const double magnitude = std::fabs(value);
  if (!(magnitude < kMaxFastMagnitude)) return false;
  for (int decimals = 0; decimals <= kMaxFastDecimals; ++decimals) {
    const double scaled = (magnitude * kFastPowers[decimals] + kRoundingMagic) - kRoundingMagic;
    if (std::bit_cast<uint64_t>(scaled / kFastPowers[decimals]) != std::bit_cast<uint64_t>(magnitude)) continue;
    const auto digits = static_cast<uint64_t>(scaled);
    char buffer[32];
    char* end = buffer;
    if (std::signbit(value)) *end++ = '-';
    end = std::to_chars(end, buffer + sizeof(buffer), digits / kFastIntegerPowers[decimals]).ptr;
    if (decimals > 0) {
      *end++ = '.';
      uint64_t fraction = digits % kFastIntegerPowers[decimals];
      for (int place = decimals - 1; place >= 0; --place) {
        end[place] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
      }
      end += decimals;
    }
    out.append(buffer, static_cast<size_t>(end - buffer));
    return true;
  }
  return false;
}

}  // namespace

void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  if (append_short_decimal(out, value)) return;
  char buffer[64];
  const double magnitude = std::fabs(value);
  const bool exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
  const auto format = exponent ? std::chars_format::scientific : std::chars_format::fixed;
  const char* end = std::to_chars(buffer, buffer + sizeof(buffer), value, format).ptr;
  size_t size = static_cast<size_t>(end - buffer);
  // Go prints e-07 as e-7.
  if (exponent && size >= 4 && buffer[size - 4] == 'e' && buffer[size - 3] == '-' && buffer[size - 2] == '0') {
    buffer[size - 2] = buffer[size - 1];
    --size;
  }
  out.append(buffer, size);
}

void JsonWriter::integer(int64_t value) {
  before_value();
  append_signed(out_, value);
}

void JsonWriter::unsigned_integer(uint64_t value) {
  before_value();
  append_unsigned(out_, value);
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

}  // namespace strata::query
