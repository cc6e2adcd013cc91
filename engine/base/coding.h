// Byte coding shared by every on-disk format: fixed-width little-endian integers, LEB128
// varints and zigzag. Encoders append to a caller-owned std::string; decoders read from a
// std::string_view cursor and report failure instead of reading past the end.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace strata {

static_assert(std::endian::native == std::endian::little, "Strata's formats assume a little-endian host");

constexpr size_t kMaxVarint64Bytes = 10;

inline void put_fixed16(std::string& out, uint16_t value) { out.append(reinterpret_cast<const char*>(&value), 2); }
inline void put_fixed32(std::string& out, uint32_t value) { out.append(reinterpret_cast<const char*>(&value), 4); }
inline void put_fixed64(std::string& out, uint64_t value) { out.append(reinterpret_cast<const char*>(&value), 8); }

inline uint16_t load_fixed16(const char* data) { uint16_t v; std::memcpy(&v, data, 2); return v; }
inline uint32_t load_fixed32(const char* data) { uint32_t v; std::memcpy(&v, data, 4); return v; }
inline uint64_t load_fixed64(const char* data) { uint64_t v; std::memcpy(&v, data, 8); return v; }
inline void store_fixed32(char* data, uint32_t value) { std::memcpy(data, &value, 4); }
inline void store_fixed64(char* data, uint64_t value) { std::memcpy(data, &value, 8); }

// Unsigned LEB128: 7 bits per byte, low groups first, high bit set on all but the last.
inline void put_varint64(std::string& out, uint64_t value) {
  char buffer[kMaxVarint64Bytes];
  size_t length = 0;
  while (value >= 0x80) {
    buffer[length++] = static_cast<char>(value | 0x80);
    value >>= 7;
  }
  buffer[length++] = static_cast<char>(value);
  out.append(buffer, length);
}

inline uint64_t zigzag_encode(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}
inline int64_t zigzag_decode(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

inline void put_length_prefixed(std::string& out, std::string_view bytes) {
  put_varint64(out, bytes.size());
  out.append(bytes);
}

// A forward-only reader over a byte range. Every get_* returns false (and leaves the
// cursor unspecified) when the input is too short or malformed; callers turn that into a
// corruption status naming the file and offset.
class ByteReader {
 public:
  explicit ByteReader(std::string_view input) : input_(input) {}

  size_t remaining() const { return input_.size() - position_; }
  size_t position() const { return position_; }
  bool at_end() const { return position_ == input_.size(); }
  std::string_view rest() const { return input_.substr(position_); }

  bool get_u8(uint8_t& value) {
    if (remaining() < 1) return false;
    value = static_cast<uint8_t>(input_[position_++]);
    return true;
  }
  bool get_fixed16(uint16_t& value) { return get_raw(value); }
  bool get_fixed32(uint32_t& value) { return get_raw(value); }
  bool get_fixed64(uint64_t& value) { return get_raw(value); }
  bool get_varint64(uint64_t& value) {
    uint64_t result = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (position_ >= input_.size()) return false;
      const auto byte = static_cast<uint8_t>(input_[position_++]);
      // The tenth byte may only carry the top bit of a 64-bit value.
      if (shift == 63 && byte > 1) return false;
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        value = result;
        return true;
      }
    }
    return false;
  }
  bool get_bytes(size_t count, std::string_view& bytes) {
    if (remaining() < count) return false;
    bytes = input_.substr(position_, count);
    position_ += count;
    return true;
  }
  bool get_length_prefixed(std::string_view& bytes) {
    uint64_t length = 0;
    return get_varint64(length) && length <= remaining() && get_bytes(static_cast<size_t>(length), bytes);
  }
  bool skip(size_t count) {
    if (remaining() < count) return false;
    position_ += count;
    return true;
  }

 private:
  template <typename T>
  bool get_raw(T& value) {
    if (remaining() < sizeof(T)) return false;
    std::memcpy(&value, input_.data() + position_, sizeof(T));
    position_ += sizeof(T);
    return true;
  }

  std::string_view input_;
  size_t position_ = 0;
};

}  // namespace strata
