// UTF-8 checks for the names and strings that end up in JSON and CSV answers: the one
// validator the ingest parsers, the engine's write path and the encoders share
// (docs/line-protocol.md "Names and UTF-8", docs/http-api.md "Text in answers").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace strata {

// U+FFFD REPLACEMENT CHARACTER, which stands in for each invalid sequence in answers.
inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// The sequence at the start of a text: a well-formed UTF-8 character, or the maximal
// subpart of an ill-formed one (the longest prefix of some well-formed sequence, at least
// one byte): the unit that Unicode §3.9 ("U+FFFD Substitution of Maximal Subparts") and
// the WHATWG Encoding Standard replace by one U+FFFD.
struct Utf8Sequence {
  size_t length = 0;  // bytes, >= 1
  bool is_valid = false;
};

// Decodes one sequence. Overlong forms, surrogates (U+D800..U+DFFF), code points past
// U+10FFFF and cut sequences are invalid. REQUIRES: !text.empty(). Pure; thread-safe.
Utf8Sequence next_utf8_sequence(std::string_view text);

// The offset of the first byte of `text` that does not begin a well-formed sequence;
// std::string_view::npos when all of `text` is valid UTF-8. Skips ASCII 8 bytes at a time
// and allocates nothing.
size_t find_invalid_utf8(std::string_view text);

// Appends `text` to `out` with each maximal invalid subpart replaced by U+FFFD, so `out`
// gains only valid UTF-8; valid text is appended unchanged.
void append_valid_utf8(std::string& out, std::string_view text);

// `text` itself when it is valid UTF-8 (the common case: nothing is copied); otherwise a
// view of `storage`, filled with `text` as append_valid_utf8 writes it.
std::string_view valid_utf8(std::string_view text, std::string& storage);

enum class NameProblem : uint8_t { kNone, kInvalidUtf8, kControlCharacter };

// The outcome of check_name: where the first bad byte is and what is wrong with it.
struct NameCheck {
  NameProblem problem = NameProblem::kNone;
  size_t offset = 0;         // 0-based byte offset in the name
  uint8_t control_byte = 0;  // the character, for kControlCharacter

  bool is_ok() const { return problem == NameProblem::kNone; }
  // "invalid UTF-8" or "control character U+0000": the start of an error message, which
  // callers finish with the part of the point and the place ("... in tag key at byte 3").
  std::string description() const;
};

// Whether `name` (a measurement, tag key, tag value or field key) may be stored: valid
// UTF-8 holding no C0 control character other than TAB and no DEL (U+0000..U+0008,
// U+000A..U+001F, U+007F). NUL would split the catalog's keys; the other controls
// have no business in a name. TAB is allowed because InfluxDB takes it in tag values.
// String field values are not names: any valid UTF-8 goes (find_invalid_utf8).
NameCheck check_name(std::string_view name);

}  // namespace strata
