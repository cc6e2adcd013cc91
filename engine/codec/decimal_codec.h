// The float codec's decimal path, after ALP (Afroozeh, Kuffo, Boncz, "ALP: Adaptive Lossless
// floating-Point Compression", SIGMOD 2023): a value v is stored as the integer n with
// n / 10^e == v bit-exactly, for one exponent e per block; values with no such n (NaN, Inf,
// -0.0, too many digits) are exceptions kept as raw bits. Layout: docs/format/codecs.md.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace strata::codec {

// Appends a whole decimal stream (codec byte included) and returns true, or appends nothing
// and returns false when a sample of the block shows no exponent worth using.
// REQUIRES: !values.empty().
bool encode_decimal(std::span<const double> values, std::string& out);

// Decodes the stream after its codec byte into out.size() values; `has_exceptions` is false
// for the v1 layout (FloatCodec::kDecimalV1), which has no exception list.
Status decode_decimal(std::string_view body, std::span<double> out, bool has_exceptions);

}  // namespace strata::codec
