// Bytes as a WAL segment: the reader must refuse it or stop cleanly, and whatever it accepts
// must be a prefix of well-framed records.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/base/coding.h"
#include "engine/wal/wal_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view contents(reinterpret_cast<const char*>(data), size);
  size_t bytes = 0;
  // The segment number the header claims, so that seeds of any segment reach their records.
  const uint64_t number = size >= 24 ? strata::load_fixed64(contents.data() + 16) : 1;
  auto result = strata::read_wal_segment(contents, "wal", number, true, [&bytes](std::string_view record) {
    bytes += record.size();
    return strata::Status::ok();
  });
  if (!result) return 0;
  if (result->valid_bytes + result->dropped_bytes != size || bytes > size) __builtin_trap();
  return 0;
}
