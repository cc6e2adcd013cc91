// Test oracles for text in answers, written apart from engine/base/utf8 so tests do not
// check the validator with itself: UTF-8 decoded by code point arithmetic, and a CSV
// reader (RFC 4180, as Go's encoding/csv writes it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::testing {

// Whether `text` is well-formed UTF-8, decoded the long way: the lead bits give the
// length, the payload bits the code point, which is then checked for an overlong length,
// a surrogate and the range.
inline bool is_valid_utf8_reference(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    size_t length = 0;
    uint32_t code_point = 0;
    if (lead < 0x80) {
      length = 1, code_point = lead;
    } else if ((lead >> 5) == 0x6) {
      length = 2, code_point = lead & 0x1F;
    } else if ((lead >> 4) == 0xE) {
      length = 3, code_point = lead & 0x0F;
    } else if ((lead >> 3) == 0x1E) {
      length = 4, code_point = lead & 0x07;
    } else {
      return false;
    }
    if (pos + length > text.size()) return false;
    for (size_t index = 1; index < length; ++index) {
      const auto byte = static_cast<unsigned char>(text[pos + index]);
      if ((byte >> 6) != 0x2) return false;
      code_point = (code_point << 6) | (byte & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF) return false;
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return false;
    pos += length;
  }
  return true;
}

// The rows of a CSV text whose every row ends in "\n": fields split at commas, a quoted
// field ends at a lone quote and holds "" for a quote; an empty line is a row of one empty
// field. std::nullopt when the text is not well-formed (a quote inside an unquoted field,
// text after a closing quote, an unterminated quote or a missing final newline).
inline std::optional<std::vector<std::vector<std::string>>> read_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == '"') {
      for (++pos;; ++pos) {
        if (pos >= text.size()) return std::nullopt;
        if (text[pos] == '"') {
          if (pos + 1 < text.size() && text[pos + 1] == '"') {
            field += '"';
            ++pos;
            continue;
          }
          ++pos;
          break;
        }
        field += text[pos];
      }
      if (pos >= text.size() || (text[pos] != ',' && text[pos] != '\n')) return std::nullopt;
    }
    while (pos < text.size() && text[pos] != ',' && text[pos] != '\n') {
      if (text[pos] == '"') return std::nullopt;
      field += text[pos++];
    }
    if (pos >= text.size()) return std::nullopt;
    row.push_back(std::move(field));
    field.clear();
    if (text[pos++] == '\n') rows.push_back(std::move(row)), row.clear();
  }
  return rows;
}

}  // namespace strata::testing
