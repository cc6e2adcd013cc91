// Bit packing with 64-bit word loads: eight values of width W span exactly W bytes, so a
// group of eight is unpacked with constant offsets and shifts (one template per width).
#include "engine/codec/bit_packing.h"

#include <array>
#include <bit>
#include <cstring>
#include <utility>

namespace strata::codec {
namespace {

constexpr uint64_t width_mask(unsigned width) { return width >= 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1; }

uint64_t load64(const char* data) {
  uint64_t word;
  std::memcpy(&word, data, 8);
  return word;
}

// One value at `bit` that may sit at the very end of the input: gathers only bytes that exist.
uint64_t extract_at_end(std::string_view in, size_t bit, unsigned width) {
  const size_t byte = bit / 8;
  unsigned __int128 word = 0;
  for (size_t index = 0; index < 9 && byte + index < in.size(); ++index) {
    word |= static_cast<unsigned __int128>(static_cast<uint8_t>(in[byte + index])) << (8 * index);
  }
  return static_cast<uint64_t>(word >> (bit % 8)) & width_mask(width);
}

// A value starting at bit `bit` of `group`. REQUIRES: group has bit / 8 + 9 readable bytes.
template <unsigned W>
inline uint64_t load_bits(const char* group, unsigned bit) {
  const unsigned byte = bit / 8;
  const unsigned shift = bit % 8;
  uint64_t word = load64(group + byte) >> shift;
  if constexpr (W > 56) {
    // Up to 71 bits may be spanned: the top bits come from the ninth byte.
    if (shift != 0) word |= static_cast<uint64_t>(static_cast<uint8_t>(group[byte + 8])) << (64 - shift);
  }
  return word & width_mask(W);
}

template <unsigned W>
void unpack_width(std::string_view in, std::span<uint64_t> out) {
  if constexpr (W == 0) {
    std::fill(out.begin(), out.end(), 0);
  } else {
    // Group g reads bytes [g * W, g * W + W + 9) at most.
    const size_t safe_groups = in.size() >= 9 ? (in.size() - 9) / W : 0;
    const size_t groups = std::min(out.size() / 8, safe_groups);
    uint64_t* target = out.data();
    for (size_t group = 0; group < groups; ++group) {
      const char* base = in.data() + group * W;
#pragma GCC unroll 8
      for (unsigned index = 0; index < 8; ++index) target[group * 8 + index] = load_bits<W>(base, index * W);
    }
    for (size_t index = groups * 8; index < out.size(); ++index) out[index] = extract_at_end(in, index * W, W);
  }
}

using UnpackFunction = void (*)(std::string_view, std::span<uint64_t>);

template <size_t... Widths>
constexpr std::array<UnpackFunction, sizeof...(Widths)> make_unpack_table(std::index_sequence<Widths...>) {
  return {&unpack_width<Widths>...};
}

constexpr auto kUnpackByWidth = make_unpack_table(std::make_index_sequence<65>());

}  // namespace

unsigned bit_width_of(std::span<const uint64_t> values) {
  uint64_t all = 0;
  for (uint64_t value : values) all |= value;
  return static_cast<unsigned>(std::bit_width(all));
}

size_t packed_bytes(size_t count, unsigned width) { return (count * width + 7) / 8; }

void pack_bits(std::span<const uint64_t> values, unsigned width, std::string& out) {
  if (width == 0 || values.empty()) return;
  const uint64_t mask = width_mask(width);
  const size_t start = out.size();
  out.resize(start + packed_bytes(values.size(), width) + 8);  // room for the last whole word
  char* cursor = out.data() + start;
  uint64_t buffer = 0;
  unsigned used = 0;  // bits of buffer in use, 0..63
  for (uint64_t value : values) {
    value &= mask;
    buffer |= value << used;
    if (used + width >= 64) {
      std::memcpy(cursor, &buffer, 8);
      cursor += 8;
      buffer = used == 0 ? 0 : value >> (64 - used);
      used = used + width - 64;
    } else {
      used += width;
    }
  }
  std::memcpy(cursor, &buffer, 8);
  out.resize(start + packed_bytes(values.size(), width));
}

void unpack_bits(std::string_view in, unsigned width, std::span<uint64_t> out) {
  kUnpackByWidth[width](in, out);
}

}  // namespace strata::codec
