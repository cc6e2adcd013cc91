// UTF-8 validation by the table of well-formed byte sequences (Unicode §3.9, Table 3-7),
// which rules out overlongs and surrogates by the range of the second byte.
#include "engine/base/utf8.h"

#include <cstring>

namespace strata {
namespace {

constexpr uint64_t kEveryByte = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr size_t kWordBytes = sizeof(uint64_t);

uint64_t load_word(const char* bytes) {
  uint64_t word;
  std::memcpy(&word, bytes, sizeof(word));
  return word;
}

// Whether any byte of `word` is below `limit` (<= 0x80); exact as a whole, though not
// per byte (Anderson's "determine if a word has a byte less than n").
bool has_byte_below(uint64_t word, uint8_t limit) { return ((word - kEveryByte * limit) & ~word & kHighBits) != 0; }

// Whether every byte of `word` is printable ASCII (0x20..0x7E), which no name check objects to.
bool is_printable_ascii(uint64_t word) {
  const uint64_t not_del = word ^ (kEveryByte * 0x7F);  // a DEL byte becomes zero
  return (word & kHighBits) == 0 && !has_byte_below(word, 0x20) && !has_byte_below(not_del, 1);
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

Utf8Sequence next_utf8_sequence(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char lead = bytes[0];
  if (lead < 0x80) return {1, true};
  // The continuation bytes a lead byte takes, and the range its first one must lie in:
  // narrower after E0 (no overlong), ED (no surrogate), F0 (no overlong) and F4 (nothing
  // past U+10FFFF). C0, C1 and F5..FF start nothing: every form they begin is overlong or
  // out of range.
  size_t continuations = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuations = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuations = 2;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuations = 3;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {1, false};
  }
  if (text.size() < 2 || bytes[1] < low || bytes[1] > high) return {1, false};
  for (size_t index = 2; index <= continuations; ++index) {
    if (index >= text.size() || !is_continuation(bytes[index])) return {index, false};
  }
  return {continuations + 1, true};
}

size_t find_invalid_utf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (pos + kWordBytes <= text.size() && (load_word(text.data() + pos) & kHighBits) == 0) {
      pos += kWordBytes;
      continue;
    }
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Utf8Sequence sequence = next_utf8_sequence(text.substr(pos));
    if (!sequence.is_valid) return pos;
    pos += sequence.length;
  }
  return std::string_view::npos;
}

void append_valid_utf8(std::string& out, std::string_view text) {
  size_t begin = 0;  // start of the valid run not yet appended
  size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Utf8Sequence sequence = next_utf8_sequence(text.substr(pos));
    if (!sequence.is_valid) {
      out.append(text.data() + begin, pos - begin);
      out.append(kReplacementCharacter);
      begin = pos + sequence.length;
    }
    pos += sequence.length;
  }
  out.append(text.data() + begin, text.size() - begin);
}

std::string_view valid_utf8(std::string_view text, std::string& storage) {
  if (find_invalid_utf8(text) == std::string_view::npos) return text;
  storage.clear();
  append_valid_utf8(storage, text);
  return storage;
}

std::string NameCheck::description() const {
  switch (problem) {
    case NameProblem::kNone: return "valid";
    case NameProblem::kInvalidUtf8: return "invalid UTF-8";
    case NameProblem::kControlCharacter: {
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string text = "control character U+00";
      text += kHex[control_byte >> 4];
      text += kHex[control_byte & 0xF];
      return text;
    }
  }
  return "invalid";
}

NameCheck check_name(std::string_view name) {
  size_t pos = 0;
  while (pos < name.size()) {
    // Names are nearly always printable ASCII: eight bytes per test.
    if (pos + kWordBytes <= name.size() && is_printable_ascii(load_word(name.data() + pos))) {
      pos += kWordBytes;
      continue;
    }
    const auto byte = static_cast<unsigned char>(name[pos]);
    if (byte < 0x80) {
      if ((byte < 0x20 && byte != '\t') || byte == 0x7F) return {NameProblem::kControlCharacter, pos, byte};
      ++pos;
      continue;
    }
    const Utf8Sequence sequence = next_utf8_sequence(name.substr(pos));
    if (!sequence.is_valid) return {NameProblem::kInvalidUtf8, pos, 0};
    pos += sequence.length;
  }
  return {};
}

}  // namespace strata
