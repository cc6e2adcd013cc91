// Column codecs: one encoder/decoder pair per value stream of a segment block. Every
// encoded stream starts with a codec byte naming how it was encoded, chosen per block by
// measuring the candidates (VictoriaMetrics' lib/encoding; duckdb's analyze phase).
// Byte layouts: docs/format/codecs.md. Encoders append to `out`; decoders fill `out`,
// whose size is the value count recorded by the caller (the block header), and return
// kCorruption, never crash, on any malformed input. Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/base/status.h"

namespace strata::codec {

// Timestamps in any order (a block's are ascending, but the codec does not rely on it):
// delta-of-delta, zigzag, bit-packed (Gorilla-style), with a constant-step fast path.
void encode_timestamps(std::span<const int64_t> values, std::string& out);
Status decode_timestamps(std::string_view in, std::span<int64_t> out);

// float64, bit-exact: ALP-style decimal (value = integer * 10^-e) when every value of the
// block round-trips exactly, else Gorilla XOR, else raw; the smallest wins.
void encode_floats(std::span<const double> values, std::string& out);
Status decode_floats(std::string_view in, std::span<double> out);

// int64 / uint64: delta, zigzag, frame-of-reference bit-packing (or constant/raw).
void encode_int64s(std::span<const int64_t> values, std::string& out);
Status decode_int64s(std::string_view in, std::span<int64_t> out);
void encode_uint64s(std::span<const uint64_t> values, std::string& out);
Status decode_uint64s(std::string_view in, std::span<uint64_t> out);

// Booleans as bytes 0/1, stored as bits (or constant).
void encode_bools(std::span<const uint8_t> values, std::string& out);
Status decode_bools(std::string_view in, std::span<uint8_t> out);

// Strings: dictionary when few distinct values, else length-prefixed plain.
void encode_strings(std::span<const std::string> values, std::string& out);
Status decode_strings(std::string_view in, std::span<std::string> out);

// General-purpose compression applied over a whole encoded block by the segment writer:
// a leading byte says whether the rest is zstd or stored as is (when zstd does not pay).
void compress_block(std::string_view block, int zstd_level, std::string& out);
// Appends the decompressed bytes to `out`; fails on a bad frame or a size over `max_bytes`.
Status decompress_block(std::string_view in, size_t max_bytes, std::string& out);
// The decompressed bytes without a copy where none is needed: a view into `in` for a
// stored block, else into `scratch` (overwritten). Same checks as decompress_block.
Result<std::string_view> decompressed_view(std::string_view in, size_t max_bytes, std::string& scratch);

}  // namespace strata::codec
