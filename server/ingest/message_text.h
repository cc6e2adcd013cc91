// How ingest error messages quote client text: short, printable, never the whole of a
// 1 MiB token (docs/line-protocol.md "Errors").
#pragma once

#include <string>
#include <string_view>

namespace strata::server {

// `text` in single quotes, cut to its first 64 bytes (at a UTF-8 boundary, then "...")
// and with control bytes and each invalid UTF-8 sequence shown as '?', so that a message
// stays one readable line of valid UTF-8.
std::string quote_for_message(std::string_view text);

}  // namespace strata::server
