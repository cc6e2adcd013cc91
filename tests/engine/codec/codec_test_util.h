// Small helpers shared by the codec tests: hex literals for golden bytes.
#pragma once

#include <string>
#include <string_view>

namespace strata::codec::testing {

// "01 d0 0f" -> the three bytes; spaces are ignored.
inline std::string from_hex(std::string_view hex) {
  std::string bytes;
  int high = -1;
  for (char c : hex) {
    if (c == ' ') continue;
    const int nibble = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    if (high < 0) {
      high = nibble;
    } else {
      bytes.push_back(static_cast<char>(high * 16 + nibble));
      high = -1;
    }
  }
  return bytes;
}

}  // namespace strata::codec::testing
