#include "engine/codec/bit_packing.h"

#include <bit>
#include <cstring>

namespace strata::codec {

unsigned bit_width_of(std::span<const uint64_t> values) {
  uint64_t all = 0;
  for (uint64_t value : values) all |= value;
  return static_cast<unsigned>(std::bit_width(all));
}

size_t packed_bytes(size_t count, unsigned width) { return (count * width + 7) / 8; }

void pack_bits(std::span<const uint64_t> values, unsigned width, std::string& out) {
  const size_t start = out.size();
  out.resize(start + packed_bytes(values.size(), width) + 16, '\0');  // slack for word stores
  char* base = out.data() + start;
  size_t bit = 0;
  for (uint64_t value : values) {
    const size_t byte = bit / 8;
    const unsigned shift = bit % 8;
    unsigned __int128 word;
    std::memcpy(&word, base + byte, 16);
    word |= static_cast<unsigned __int128>(value) << shift;
    std::memcpy(base + byte, &word, 16);
    bit += width;
  }
  out.resize(start + packed_bytes(values.size(), width));
}

void unpack_bits(std::string_view in, unsigned width, std::span<uint64_t> out) {
  if (width == 0) {
    std::fill(out.begin(), out.end(), 0);
    return;
  }
  // Copy into a buffer with slack so every value is one unaligned 16-byte load.
  thread_local std::string padded;
  padded.assign(in);
  padded.append(16, '\0');
  const char* base = padded.data();
  const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  if (width <= 56) {
    for (size_t index = 0, bit = 0; index < out.size(); ++index, bit += width) {
      uint64_t word;
      std::memcpy(&word, base + bit / 8, 8);
      out[index] = (word >> (bit % 8)) & mask;
    }
    return;
  }
  for (size_t index = 0, bit = 0; index < out.size(); ++index, bit += width) {
    unsigned __int128 word;
    std::memcpy(&word, base + bit / 8, 16);
    out[index] = static_cast<uint64_t>(word >> (bit % 8)) & mask;
  }
}

void BitWriter::write(uint64_t value, unsigned bits) {
  if (bits == 0) return;
  if (bits < 64) value &= (uint64_t{1} << bits) - 1;
  while (bits > 0) {
    const unsigned room = 64 - used_;
    const unsigned take = bits < room ? bits : room;
    const uint64_t part = take == 64 ? value : (value >> (bits - take)) & ((uint64_t{1} << take) - 1);
    buffer_ = take == 64 ? part : (buffer_ << take) | part;
    used_ += take;
    bits -= take;
    if (used_ == 64) {
      const uint64_t big_endian = __builtin_bswap64(buffer_);
      out_.append(reinterpret_cast<const char*>(&big_endian), 8);
      buffer_ = 0;
      used_ = 0;
    }
  }
}

void BitWriter::flush() {
  if (used_ == 0) return;
  const uint64_t aligned = buffer_ << (64 - used_);
  const uint64_t big_endian = __builtin_bswap64(aligned);
  out_.append(reinterpret_cast<const char*>(&big_endian), (used_ + 7) / 8);
  buffer_ = 0;
  used_ = 0;
}

bool BitReader::read(unsigned bits, uint64_t& value) {
  if (bits > remaining_bits()) return false;
  value = 0;
  while (bits > 0) {
    const size_t byte = position_ / 8;
    const unsigned offset = position_ % 8;
    const unsigned available = 8 - offset;
    const unsigned take = bits < available ? bits : available;
    const auto current = static_cast<uint8_t>(in_[byte]);
    const uint64_t part = (current >> (available - take)) & ((1u << take) - 1);
    value = (value << take) | part;
    position_ += take;
    bits -= take;
  }
  return true;
}

}  // namespace strata::codec
