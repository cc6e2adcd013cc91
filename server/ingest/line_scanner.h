// Splits a line protocol body into lines. A newline ends a line except inside a quoted
// string field value, as in InfluxDB 1.x (docs/line-protocol.md "Lines").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace strata::server {

struct LineSpan {
  size_t begin = 0;                // offset of the line's first byte in the body
  size_t end = 0;                  // offset one past its last byte; the newline is excluded
  size_t next = 0;                 // offset where the following line starts
  uint64_t inner_newlines = 0;     // newlines inside quoted strings of this line
};

// The line of `body` that starts at `offset`. REQUIRES: offset < body.size().
// A line whose first non-blank byte is '#' is a comment and ends at the next newline.
// The scan follows the parser's escape rule: a separator preceded by a backslash is
// escaped; inside a string `\"` and `\\` are escapes. An unterminated string runs to the
// end of the body (the parser then rejects it).
LineSpan find_line(std::string_view body, size_t offset);

}  // namespace strata::server
