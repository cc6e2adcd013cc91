// Decoding of `Content-Encoding: gzip` request bodies with a bound on the decoded size, so
// that a small compressed body cannot expand past the body limit (a zip bomb).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace strata::server {

// The decoded bytes of a gzip stream (several concatenated members are accepted, as gzip
// itself does). kResourceExhausted when the output would exceed max_output_bytes;
// kInvalidArgument for bytes that are not a complete gzip stream.
Result<std::string> gunzip(std::string_view compressed, size_t max_output_bytes);

}  // namespace strata::server
