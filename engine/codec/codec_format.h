// Codec bytes that start every encoded stream; layouts in docs/format/codecs.md.
#pragma once

#include <cstdint>

namespace strata::codec {

// Shared by every value kind: a stream of zero values.
constexpr uint8_t kCodecEmpty = 0x00;

enum class TimestampCodec : uint8_t { kConstantStep = 0x01, kDeltaOfDelta = 0x02 };
enum class FloatCodec : uint8_t { kDecimal = 0x01, kGorillaXor = 0x02, kRaw = 0x03 };
enum class IntegerCodec : uint8_t { kConstant = 0x01, kDeltaPacked = 0x02 };
enum class BoolCodec : uint8_t { kConstant = 0x01, kBits = 0x02 };
enum class StringCodec : uint8_t { kPlain = 0x01, kDictionary = 0x02 };
enum class BlockCompression : uint8_t { kStored = 0x00, kZstd = 0x01 };

// The largest decimal exponent the float codec tries: 10^18 still fits int64 exactly.
constexpr int kMaxDecimalExponent = 18;

}  // namespace strata::codec
