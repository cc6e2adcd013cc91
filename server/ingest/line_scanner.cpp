// Line splitting for line protocol: a fast path for lines without quotes, and a small
// state machine for the rest.
#include "server/ingest/line_scanner.h"

#include <cstring>

namespace strata::server {

namespace {

size_t find_byte(std::string_view body, size_t from, size_t to, char byte) {
  const void* found = std::memchr(body.data() + from, byte, to - from);
  return found ? static_cast<size_t>(static_cast<const char*>(found) - body.data()) : to;
}

LineSpan make_span(std::string_view body, size_t begin, size_t end, uint64_t inner_newlines) {
  return LineSpan{begin, end, end < body.size() ? end + 1 : end, inner_newlines};
}

enum class FieldState : uint8_t { kKey, kValueStart, kValue, kString, kTail };

// Finds the end of a line whose field section starts at `pos` and may hold strings.
LineSpan scan_fields(std::string_view body, size_t begin, size_t pos) {
  FieldState state = FieldState::kKey;
  uint64_t inner_newlines = 0;
  for (; pos < body.size(); ++pos) {
    const char byte = body[pos];
    if (byte == '\n' && state != FieldState::kString) break;
    const bool escaped = pos > begin && body[pos - 1] == '\\';
    switch (state) {
      case FieldState::kKey:
        if (byte == '=' && !escaped) state = FieldState::kValueStart;
        if (byte == ' ' && !escaped) state = FieldState::kTail;
        break;
      case FieldState::kValueStart:
        state = byte == '"' ? FieldState::kString : FieldState::kValue;
        if (byte == ',') state = FieldState::kKey;
        if (byte == ' ') state = FieldState::kTail;
        break;
      case FieldState::kValue:
        if (byte == ',') state = FieldState::kKey;
        if (byte == ' ') state = FieldState::kTail;
        break;
      case FieldState::kString:
        if (byte == '\\' && pos + 1 < body.size()) {
          // Whatever follows is string content: `\"` and `\\` are escapes, and before
          // any other byte the backslash is literal and the byte plain text.
          if (body[pos + 1] == '\n') ++inner_newlines;
          ++pos;
        } else if (byte == '"') {
          state = FieldState::kValue;
        } else if (byte == '\n') {
          ++inner_newlines;
        }
        break;
      case FieldState::kTail:
        break;
    }
  }
  return make_span(body, begin, pos, inner_newlines);
}

}  // namespace

LineSpan find_line(std::string_view body, size_t offset) {
  const size_t newline = find_byte(body, offset, body.size(), '\n');
  // Most lines hold no quote at all; they end at the first newline.
  if (find_byte(body, offset, newline, '"') == newline) return make_span(body, offset, newline, 0);
  size_t pos = offset;
  while (pos < newline && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
  if (pos < newline && body[pos] == '#') return make_span(body, offset, newline, 0);
  // Measurement and tags: quotes are plain bytes; the first unescaped space ends them.
  const size_t series_begin = pos;
  for (; pos < newline; ++pos) {
    if (body[pos] == ' ' && !(pos > series_begin && body[pos - 1] == '\\')) break;
  }
  if (pos == newline) return make_span(body, offset, newline, 0);
  while (pos < newline && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
  return scan_fields(body, offset, pos);
}

}  // namespace strata::server
