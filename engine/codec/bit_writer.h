// An append-only bit stream, most significant bit first (the order of Gorilla XOR streams,
// docs/format/codecs.md "Bit streams"). Appends to a caller-owned string.
#pragma once

#include <cstdint>
#include <string>

namespace strata::codec {

// Not thread-safe; borrows `out`, which must outlive the writer.
class BitWriter {
 public:
  explicit BitWriter(std::string& out) : out_(out) {}

  // Appends the low `bits` bits of `value`, most significant first. REQUIRES: bits <= 64.
  void write(uint64_t value, unsigned bits) {
    if (bits == 0) return;
    if (bits < 64) value &= (uint64_t{1} << bits) - 1;
    const unsigned room = 64 - used_;
    if (bits < room) {
      buffer_ = (buffer_ << bits) | value;
      used_ += bits;
      return;
    }
    // The value completes the current word; what is left starts the next one.
    const unsigned rest = bits - room;
    buffer_ = room == 64 ? value : (buffer_ << room) | (value >> rest);
    emit_word(buffer_);
    buffer_ = rest == 0 ? 0 : value & ((uint64_t{1} << rest) - 1);
    used_ = rest;
  }

  // Writes the last partial word, zero-padded to a whole byte. Call once, after the last write.
  void finish() {
    if (used_ == 0) return;
    const uint64_t big_endian = __builtin_bswap64(buffer_ << (64 - used_));
    out_.append(reinterpret_cast<const char*>(&big_endian), (used_ + 7) / 8);
    buffer_ = 0;
    used_ = 0;
  }

 private:
  void emit_word(uint64_t word) {
    const uint64_t big_endian = __builtin_bswap64(word);
    out_.append(reinterpret_cast<const char*>(&big_endian), 8);
  }

  std::string& out_;
  uint64_t buffer_ = 0;
  unsigned used_ = 0;  // bits of buffer_ in use, 0..63
};

}  // namespace strata::codec
