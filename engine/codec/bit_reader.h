// Reads a bit stream written by BitWriter (most significant bit first). Every read is
// bounds-checked: asking for more bits than remain fails instead of reading past the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace strata::codec {

// Not thread-safe; borrows the input, which must outlive the reader.
class BitReader {
 public:
  explicit BitReader(std::string_view in) : data_(in.data()), size_(in.size()) {}

  // The next `bits` bits as an unsigned value, or nullopt (position unchanged) when fewer
  // than `bits` remain. REQUIRES: bits <= 64.
  std::optional<uint64_t> read(unsigned bits) {
    if (bits > remaining_bits()) return std::nullopt;
    if (bits == 0) return uint64_t{0};
    const size_t byte = position_ / 8;
    const unsigned shift = position_ % 8;
    uint64_t word = load_big_endian(byte) << shift;
    if (bits > 64 - shift) {
      // Up to 7 bits come from the ninth byte; it exists, or the bounds check above failed.
      word |= static_cast<uint64_t>(static_cast<uint8_t>(data_[byte + 8])) >> (8 - shift);
    }
    position_ += bits;
    return bits == 64 ? word : word >> (64 - bits);
  }

  size_t remaining_bits() const { return size_ * 8 - position_; }

 private:
  // Eight bytes from `byte` as a big-endian word; bytes past the end read as zero.
  uint64_t load_big_endian(size_t byte) const {
    uint64_t word = 0;
    if (byte + 8 <= size_) {
      std::memcpy(&word, data_ + byte, 8);
    } else {
      std::memcpy(&word, data_ + byte, size_ - byte);
    }
    return __builtin_bswap64(word);
  }

  const char* data_;
  size_t size_;
  size_t position_ = 0;  // in bits
};

}  // namespace strata::codec
