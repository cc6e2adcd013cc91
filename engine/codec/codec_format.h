// Codec bytes and layout constants of the column codecs. The byte layouts are specified in
// docs/format/codecs.md; every value here is written out there.
#pragma once

#include <cstdint>

namespace strata::codec {

// The first byte of every encoded stream of any kind: a stream of zero values.
constexpr uint8_t kCodecEmpty = 0x00;

// Codecs marked "v1" are the first layouts (plain bit-packing, no exceptions): still read,
// no longer written, because segment files of format version 1 hold them.
enum class TimestampCodec : uint8_t { kConstantStep = 0x01, kDeltaOfDeltaV1 = 0x02, kDeltaOfDelta = 0x03 };
enum class FloatCodec : uint8_t { kDecimalV1 = 0x01, kGorillaXor = 0x02, kRaw = 0x03, kDecimal = 0x04 };
enum class IntegerCodec : uint8_t { kConstant = 0x01, kDeltaV1 = 0x02, kDelta = 0x03, kFrameOfReference = 0x04 };
enum class BoolCodec : uint8_t { kConstant = 0x01, kBits = 0x02 };
enum class StringCodec : uint8_t { kPlain = 0x01, kDictionaryV1 = 0x02, kDictionary = 0x03 };
enum class BlockCompression : uint8_t { kStored = 0x00, kZstd = 0x01 };

// The largest decimal exponent the float codec uses: 10^18 is still exact as a double.
constexpr int kMaxDecimalExponent = 18;
// Widest field of a packed stream: a whole uint64.
constexpr unsigned kMaxPackedWidth = 64;

}  // namespace strata::codec
