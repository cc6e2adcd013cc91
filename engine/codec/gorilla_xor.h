// Gorilla XOR float compression (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time
// Series Database", VLDB 2015, section 4.1.2): each value XORed with the previous one, the
// meaningful bits kept. The float codec's fallback for values with no short decimal form.
// Bit layout: docs/format/codecs.md "Gorilla XOR".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace strata::codec {

// Appends the bit stream for `values`. REQUIRES: !values.empty().
void encode_gorilla_xor(std::span<const double> values, std::string& out);
// The bytes encode_gorilla_xor would append, computed without writing them.
size_t gorilla_xor_size(std::span<const double> values);
// Decodes out.size() values from exactly `in` (only zero padding may follow the last value).
Status decode_gorilla_xor(std::string_view in, std::span<double> out);

}  // namespace strata::codec
