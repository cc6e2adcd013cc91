// Quoting of client text inside ingest error messages.
#include "server/ingest/message_text.h"

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
  for (char byte : text) {
    const auto value = static_cast<unsigned char>(byte);
    quoted.push_back(value < 0x20 || value == 0x7F ? '?' : byte);
  }
  if (cut) quoted.append("...");
  quoted.push_back('\'');
  return quoted;
}

}  // namespace strata::server
