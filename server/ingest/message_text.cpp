// Quoting of client text inside ingest error messages.
#include "server/ingest/message_text.h"

#include "engine/base/utf8.h"

namespace strata::server {

namespace {
constexpr size_t kMaxQuotedBytes = 64;
bool is_utf8_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }
}  // namespace

std::string quote_for_message(std::string_view text) {
  bool cut = false;
  if (text.size() > kMaxQuotedBytes) {
    size_t size = kMaxQuotedBytes;
    // Back off to the start of a character so the message stays valid UTF-8.
    while (size > 0 && is_utf8_continuation(text[size])) --size;
    text = text.substr(0, size);
    cut = true;
  }
  std::string quoted;
  quoted.reserve(text.size() + 5);
  quoted.push_back('\'');
  for (size_t pos = 0; pos < text.size();) {
    const auto value = static_cast<unsigned char>(text[pos]);
    if (value < 0x80) {
      quoted.push_back(value < 0x20 || value == 0x7F ? '?' : text[pos]);
      ++pos;
      continue;
    }
    // Invalid UTF-8 (one '?' per maximal invalid subpart) would make the JSON error body
    // that carries this message invalid too.
    const Utf8Sequence sequence = next_utf8_sequence(text.substr(pos));
    if (sequence.is_valid) {
      quoted.append(text.data() + pos, sequence.length);
    } else {
      quoted.push_back('?');
    }
    pos += sequence.length;
  }
  if (cut) quoted.append("...");
  quoted.push_back('\'');
  return quoted;
}

}  // namespace strata::server
