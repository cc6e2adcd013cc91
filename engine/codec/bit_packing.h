// Fixed-width bit packing: n unsigned values of `width` bits (0..64) written least
// significant bit first into a little-endian bit stream of ceil(n * width / 8) bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace strata::codec {

// Bits needed for the largest value (0 for all zeros).
unsigned bit_width_of(std::span<const uint64_t> values);
size_t packed_bytes(size_t count, unsigned width);
void pack_bits(std::span<const uint64_t> values, unsigned width, std::string& out);
// Reads out.size() values. REQUIRES: in.size() == packed_bytes(out.size(), width), width <= 64.
void unpack_bits(std::string_view in, unsigned width, std::span<uint64_t> out);

// A bit stream for variable-width codes (Gorilla XOR), most significant bit first.
class BitWriter {
 public:
  explicit BitWriter(std::string& out) : out_(out) {}
  ~BitWriter() { flush(); }
  void write(uint64_t value, unsigned bits);  // the low `bits` bits of value, bits <= 64
  void flush();

 private:
  std::string& out_;
  uint64_t buffer_ = 0;
  unsigned used_ = 0;
};

class BitReader {
 public:
  explicit BitReader(std::string_view in) : in_(in) {}
  // False when fewer than `bits` bits remain.
  bool read(unsigned bits, uint64_t& value);
  // Bits left that were never read (padding at the end is at most 7).
  size_t remaining_bits() const { return in_.size() * 8 - position_; }

 private:
  std::string_view in_;
  size_t position_ = 0;
};

}  // namespace strata::codec
