// Patched bit-packing: choose the width by a cost model over the histogram of value widths,
// pack the low bits of every value, then list the values that did not fit.
#include "engine/codec/packed_stream.h"

#include <array>
#include <bit>

#include "engine/codec/bit_packing.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {
namespace {

// The width that minimises packed bits plus the cost of each exception: a position gap
// (estimated at one byte) and a varint of the bits above the width.
unsigned choose_width(std::span<const uint64_t> values) {
  std::array<size_t, kMaxPackedWidth + 1> count_by_width{};
  for (uint64_t value : values) ++count_by_width[static_cast<size_t>(std::bit_width(value))];
  unsigned widest = kMaxPackedWidth;
  while (widest > 0 && count_by_width[widest] == 0) --widest;
  unsigned best_width = widest;
  size_t best_cost = values.size() * widest;
  for (unsigned width = 0; width < widest; ++width) {
    size_t cost = values.size() * width;
    for (unsigned above = width + 1; above <= widest; ++above) {
      cost += count_by_width[above] * (8 + 8 * ((above - width + 6) / 7));
    }
    if (cost < best_cost) {
      best_cost = cost;
      best_width = width;
    }
  }
  return best_width;
}

}  // namespace

void encode_packed_stream(std::span<const uint64_t> values, std::string& out) {
  const unsigned width = choose_width(values);
  const uint64_t limit = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  size_t exceptions = 0;
  for (uint64_t value : values) exceptions += value > limit ? 1 : 0;
  out.push_back(static_cast<char>(width));
  put_varint64(out, exceptions);
  pack_bits(values, width, out);
  size_t next_position = 0;
  for (size_t index = 0; index < values.size() && exceptions > 0; ++index) {
    if (values[index] <= limit) continue;
    put_varint64(out, index - next_position);
    put_varint64(out, values[index] >> width);  // width < 64 here: some value exceeded it
    next_position = index + 1;
  }
}

Status decode_packed_stream(ByteReader& reader, std::span<uint64_t> out, PackedLayout layout) {
  uint8_t width = 0;
  uint64_t exceptions = 0;
  if (!reader.get_u8(width) || width > kMaxPackedWidth) return Status::corruption("packed stream: bad width");
  if ((layout == PackedLayout::kPatched && !reader.get_varint64(exceptions)) || exceptions > out.size() || (exceptions > 0 && width == kMaxPackedWidth)) {
    return Status::corruption("packed stream: bad exception count");
  }
  std::string_view packed;
  if (!reader.get_bytes(packed_bytes(out.size(), width), packed)) return Status::corruption("packed stream: truncated");
  unpack_bits(packed, width, out);
  size_t next_position = 0;
  for (uint64_t index = 0; index < exceptions; ++index) {
    uint64_t gap = 0, high = 0;
    if (!reader.get_varint64(gap) || !reader.get_varint64(high)) {
      return Status::corruption("packed stream: truncated exception");
    }
    if (gap >= out.size() - next_position) return Status::corruption("packed stream: exception position out of range");
    if (high == 0 || (width > 0 && (high >> (64 - width)) != 0)) {
      return Status::corruption("packed stream: exception value out of range");
    }
    const size_t position = next_position + static_cast<size_t>(gap);
    out[position] |= high << width;
    next_position = position + 1;
  }
  return Status::ok();
}

}  // namespace strata::codec
