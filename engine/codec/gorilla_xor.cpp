// The encoder and the size estimate share one walk over the XORs (`GorillaWalk`), so they
// cannot disagree about which control code a value takes.
#include "engine/codec/gorilla_xor.h"

#include <algorithm>
#include <bit>

#include "engine/codec/bit_reader.h"
#include "engine/codec/bit_writer.h"

namespace strata::codec {
namespace {

// Gorilla stores the leading-zero count in 5 bits, so counts above 31 are written as 31.
constexpr unsigned kMaxLeadingZeros = 31;

// Calls sink(control bits, control width, payload, payload width) for each value after the first.
template <typename Sink>
void walk_gorilla(std::span<const double> values, Sink&& sink) {
  uint64_t previous = std::bit_cast<uint64_t>(values[0]);
  unsigned window_leading = 0, window_trailing = 0;
  bool has_window = false;
  for (size_t index = 1; index < values.size(); ++index) {
    const uint64_t current = std::bit_cast<uint64_t>(values[index]);
    const uint64_t delta = current ^ previous;
    previous = current;
    if (delta == 0) {
      sink(0b0, 1, 0, 0);
      continue;
    }
    const unsigned leading = std::min(static_cast<unsigned>(std::countl_zero(delta)), kMaxLeadingZeros);
    const unsigned trailing = static_cast<unsigned>(std::countr_zero(delta));
    if (has_window && leading >= window_leading && trailing >= window_trailing) {
      sink(0b10, 2, delta >> window_trailing, 64 - window_leading - window_trailing);
      continue;
    }
    const unsigned meaningful = 64 - leading - trailing;
    // '11', 5 bits of leading zeros, 6 bits of (meaningful bits - 1): 1..64 fits in 6 bits.
    sink((uint64_t{0b11} << 11) | (uint64_t{leading} << 6) | (meaningful - 1), 13, delta >> trailing, meaningful);
    window_leading = leading;
    window_trailing = trailing;
    has_window = true;
  }
}

}  // namespace

void encode_gorilla_xor(std::span<const double> values, std::string& out) {
  BitWriter writer(out);
  writer.write(std::bit_cast<uint64_t>(values[0]), 64);
  walk_gorilla(values, [&](uint64_t control, unsigned control_bits, uint64_t payload, unsigned payload_bits) {
    writer.write(control, control_bits);
    writer.write(payload, payload_bits);
  });
  writer.finish();
}

size_t gorilla_xor_size(std::span<const double> values) {
  size_t bits = 64;
  walk_gorilla(values, [&](uint64_t, unsigned control_bits, uint64_t, unsigned payload_bits) {
    bits += control_bits + payload_bits;
  });
  return (bits + 7) / 8;
}

Status decode_gorilla_xor(std::string_view in, std::span<double> out) {
  BitReader reader(in);
  const auto truncated = [] { return Status::corruption("floats: truncated gorilla xor stream"); };
  std::optional<uint64_t> first = reader.read(64);
  if (!first) return truncated();
  uint64_t previous = *first;
  out[0] = std::bit_cast<double>(previous);
  unsigned leading = 0, trailing = 0;
  bool has_window = false;
  for (size_t index = 1; index < out.size(); ++index) {
    const std::optional<uint64_t> control = reader.read(1);
    if (!control) return truncated();
    if (*control == 1) {
      const std::optional<uint64_t> new_window = reader.read(1);
      if (!new_window) return truncated();
      if (*new_window == 1) {
        const std::optional<uint64_t> sizes = reader.read(11);
        if (!sizes) return truncated();
        leading = static_cast<unsigned>(*sizes >> 6);
        const unsigned meaningful = static_cast<unsigned>(*sizes & 0x3f) + 1;
        if (leading + meaningful > 64) return Status::corruption("floats: gorilla xor window wider than 64 bits");
        trailing = 64 - leading - meaningful;
        has_window = true;
      } else if (!has_window) {
        return Status::corruption("floats: gorilla xor window reused before it was set");
      }
      const std::optional<uint64_t> bits = reader.read(64 - leading - trailing);
      if (!bits) return truncated();
      previous ^= *bits << trailing;
    }
    out[index] = std::bit_cast<double>(previous);
  }
  if (reader.remaining_bits() >= 8) return Status::corruption("floats: trailing bytes after gorilla xor stream");
  return Status::ok();
}

}  // namespace strata::codec
