// Small helpers shared by the codec tests: hex literals for golden bytes, and the damaged-input
// check that the timestamp, integer, float and string decoder tests run (the contract in engine/codec/codec.h).
#pragma once

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "engine/base/status.h"

namespace strata::codec::testing {

// "01 d0 0f" -> the three bytes; spaces are ignored.
inline std::string from_hex(std::string_view hex) {
  std::string bytes;
  int high = -1;
  for (char c : hex) {
    if (c == ' ') continue;
    const int nibble = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    if (high < 0) {
      high = nibble;
    } else {
      bytes.push_back(static_cast<char>(high * 16 + nibble));
      high = -1;
    }
  }
  return bytes;
}

// Holds bytes so that they end exactly where a page with no access begins: a decoder that
// reads even one byte past its input faults, in any build, not only under a sanitizer.
class BytesBeforeAGuardPage {
 public:
  explicit BytesBeforeAGuardPage(size_t capacity_bytes) {
    page_bytes_ = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    readable_bytes_ = (capacity_bytes + page_bytes_ - 1) / page_bytes_ * page_bytes_;
    void* mapped =
        ::mmap(nullptr, readable_bytes_ + page_bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return;
    base_ = static_cast<char*>(mapped);
    if (::mprotect(base_ + readable_bytes_, page_bytes_, PROT_NONE) != 0) {
      ::munmap(base_, readable_bytes_ + page_bytes_);
      base_ = nullptr;
    }
  }
  ~BytesBeforeAGuardPage() {
    if (base_ != nullptr) ::munmap(base_, readable_bytes_ + page_bytes_);
  }
  BytesBeforeAGuardPage(const BytesBeforeAGuardPage&) = delete;
  BytesBeforeAGuardPage& operator=(const BytesBeforeAGuardPage&) = delete;

  bool is_ready() const { return base_ != nullptr; }
  // Copies `bytes` to end at the guard page and returns a view of the copy.
  // REQUIRES: is_ready() and bytes.size() <= the capacity given at construction.
  std::string_view hold(std::string_view bytes) {
    char* start = base_ + readable_bytes_ - bytes.size();
    std::memcpy(start, bytes.data(), bytes.size());
    return {start, bytes.size()};
  }

 private:
  char* base_ = nullptr;
  size_t page_bytes_ = 0;
  size_t readable_bytes_ = 0;
};

// Two values a decoder never writes by chance into both of two runs: slots still holding
// them after a successful decode were left unwritten.
template <typename T>
T fill_value(int which) {
  if constexpr (std::is_same_v<T, std::string>) {
    return which == 0 ? std::string("\x01never written") : std::string("\x02never written");
  } else {
    static_assert(sizeof(T) == 8);
    const uint64_t bits = which == 0 ? 0x5A5A5A5A5A5A5A5AULL : 0xA5A5A5A5A5A5A5A5ULL;
    T value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }
}

// Bit for bit, so that NaN payloads compare as written.
template <typename T>
bool same_value(const T& left, const T& right) {
  if constexpr (std::is_same_v<T, std::string>) {
    return left == right;
  } else {
    return std::memcmp(&left, &right, sizeof(T)) == 0;
  }
}

// Flips every bit of an encoded stream in turn and decodes the damaged stream as `count`
// values. Codecs carry no checksum (in a segment, the XXH3 checksum after each stored block is
// what SegmentReader::read_block checks before any decoder runs), so damage may decode to
// other values; what codec.h promises is that the decoder either returns kCorruption, with a
// message that starts with the stream's name ("timestamps", "floats", ...), or succeeds having
// written each of the `count` slots of its span, and nothing outside them, reading nothing past
// the end of its input (the input ends at a guard page). Each stream is decoded twice, into
// spans filled with different values and fenced by guard slots: both runs must give the same
// status and the same values, and leave the guards as they were.
template <typename T>
class BitFlipSweep {
 public:
  BitFlipSweep(std::string_view stream, size_t count) : stream_(stream), count_(count) {}

  // `decode` is the codec's decoder; `on_decoded(damaged, values)` may check more of each
  // successful decode.
  template <typename Decode, typename OnDecoded>
  void run(std::string_view encoded, Decode decode, OnDecoded on_decoded) {
    BytesBeforeAGuardPage input(encoded.size());
    ASSERT_TRUE(input.is_ready()) << "cannot map a guard page";
    for (size_t byte = 0; byte < encoded.size(); ++byte) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string damaged(encoded);
        damaged[byte] = static_cast<char>(damaged[byte] ^ (1 << bit));
        check_one(input.hold(damaged), decode, on_decoded,
                  "byte " + std::to_string(byte) + " bit " + std::to_string(bit));
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
  template <typename Decode>
  void run(std::string_view encoded, Decode decode) {
    run(encoded, decode, [](std::string_view, std::span<const T>) {});
  }

  size_t refused() const { return refused_; }
  size_t decoded() const { return decoded_; }

 private:
  static constexpr size_t kGuardSlots = 4;

  template <typename Decode, typename OnDecoded>
  void check_one(std::string_view damaged, Decode decode, OnDecoded on_decoded, const std::string& where) {
    std::vector<T> runs[2];
    Status statuses[2];
    for (int run = 0; run < 2; ++run) {
      runs[run].assign(count_ + 2 * kGuardSlots, fill_value<T>(run));
      statuses[run] = decode(damaged, std::span<T>(runs[run].data() + kGuardSlots, count_));
    }
    ASSERT_EQ(statuses[0].to_string(), statuses[1].to_string()) << where;
    for (int run = 0; run < 2; ++run) {
      for (size_t slot = 0; slot < kGuardSlots; ++slot) {
        ASSERT_TRUE(same_value(runs[run][slot], fill_value<T>(run))) << where << ": wrote before the span";
        ASSERT_TRUE(same_value(runs[run][kGuardSlots + count_ + slot], fill_value<T>(run)))
            << where << ": wrote past the span";
      }
    }
    if (!statuses[0].is_ok()) {
      ++refused_;
      ASSERT_EQ(statuses[0].code(), StatusCode::kCorruption) << where << ": " << statuses[0].to_string();
      ASSERT_TRUE(statuses[0].message().starts_with(stream_)) << where << ": " << statuses[0].to_string();
      return;
    }
    ++decoded_;
    for (size_t slot = kGuardSlots; slot < kGuardSlots + count_; ++slot) {
      ASSERT_TRUE(same_value(runs[0][slot], runs[1][slot]))
          << where << ": value " << slot - kGuardSlots << " left unwritten";
    }
    on_decoded(damaged, std::span<const T>(runs[0].data() + kGuardSlots, count_));
  }

  std::string stream_;
  size_t count_;
  size_t refused_ = 0;
  size_t decoded_ = 0;
};

}  // namespace strata::codec::testing
