#include "engine/segment/block_stats_builder.h"

#include <bit>
#include <cmath>

#include "engine/segment/segment_format.h"

namespace strata {
namespace {

// The stats every numeric type shares, once sum, min and max are known.
template <typename T>
BlockStats numeric_stats(const std::vector<T>& values, size_t begin, size_t end, T sum, T min, T max) {
  BlockStats stats;
  stats.has_numeric_stats = true;
  stats.sum = sum;
  stats.min = min;
  stats.max = max;
  stats.first = values[begin];
  stats.last = values[end - 1];
  return stats;
}

template <typename T>
BlockStats integer_stats(const std::vector<T>& values, size_t begin, size_t end) {
  T sum = 0, min = values[begin], max = values[begin];
  bool overflowed = false;
  for (size_t index = begin; index < end; ++index) {
    overflowed |= __builtin_add_overflow(sum, values[index], &sum);
    min = std::min(min, values[index]);
    max = std::max(max, values[index]);
  }
  BlockStats stats = numeric_stats(values, begin, end, sum, min, max);
  stats.sum_overflowed = overflowed;
  return stats;
}

// min and max skip NaN; the sum does not (engine/block_stats.h).
BlockStats float_stats(const std::vector<double>& values, size_t begin, size_t end) {
  double sum = 0, min = NAN, max = NAN;
  for (size_t index = begin; index < end; ++index) {
    const double value = values[index];
    sum += value;
    if (std::isnan(value)) continue;
    if (std::isnan(min) || value < min) min = value;
    if (std::isnan(max) || value > max) max = value;
  }
  return numeric_stats(values, begin, end, sum, min, max);
}

uint64_t number_bits(const StatNumber& number) {
  return std::visit([](auto value) { return std::bit_cast<uint64_t>(value); }, number);
}

StatNumber number_from_bits(uint64_t bits, ValueType type) {
  switch (type) {
    case ValueType::kFloat64: return std::bit_cast<double>(bits);
    case ValueType::kInt64: return std::bit_cast<int64_t>(bits);
    default: return bits;
  }
}

}  // namespace

BlockStats compute_block_stats(std::span<const int64_t> timestamps_ns, const ColumnValues& values, size_t begin,
                               size_t end) {
  BlockStats stats;
  switch (value_type_of(values)) {
    case ValueType::kFloat64: stats = float_stats(std::get<std::vector<double>>(values), begin, end); break;
    case ValueType::kInt64: stats = integer_stats(std::get<std::vector<int64_t>>(values), begin, end); break;
    case ValueType::kUint64: stats = integer_stats(std::get<std::vector<uint64_t>>(values), begin, end); break;
    case ValueType::kBool: {
      const auto& bools = std::get<std::vector<uint8_t>>(values);
      std::vector<uint64_t> widened(bools.begin() + static_cast<std::ptrdiff_t>(begin),
                                    bools.begin() + static_cast<std::ptrdiff_t>(end));
      stats = integer_stats(widened, 0, widened.size());
      break;
    }
    case ValueType::kString: break;
  }
  stats.min_time_ns = timestamps_ns[begin];
  stats.max_time_ns = timestamps_ns[end - 1];
  stats.count = static_cast<uint32_t>(end - begin);
  return stats;
}

void encode_block_stats(const BlockStats& stats, ValueType type, std::string& out) {
  (void)type;
  put_varint64(out, stats.count);
  put_fixed64(out, static_cast<uint64_t>(stats.min_time_ns));
  put_fixed64(out, static_cast<uint64_t>(stats.max_time_ns));
  const uint8_t flags = (stats.has_numeric_stats ? kStatsHasNumeric : 0) | (stats.sum_overflowed ? kStatsSumOverflowed : 0);
  out.push_back(static_cast<char>(flags));
  if (!stats.has_numeric_stats) return;
  for (const StatNumber* number : {&stats.sum, &stats.min, &stats.max, &stats.first, &stats.last}) {
    put_fixed64(out, number_bits(*number));
  }
}

bool decode_block_stats(ByteReader& reader, ValueType type, BlockStats& stats) {
  uint64_t count = 0, min_time = 0, max_time = 0;
  uint8_t flags = 0;
  if (!reader.get_varint64(count) || count == 0 || count > UINT32_MAX || !reader.get_fixed64(min_time) ||
      !reader.get_fixed64(max_time) || !reader.get_u8(flags) ||
      (flags & ~(kStatsHasNumeric | kStatsSumOverflowed)) != 0) {
    return false;
  }
  stats.count = static_cast<uint32_t>(count);
  stats.min_time_ns = static_cast<int64_t>(min_time);
  stats.max_time_ns = static_cast<int64_t>(max_time);
  stats.has_numeric_stats = (flags & kStatsHasNumeric) != 0;
  stats.sum_overflowed = (flags & kStatsSumOverflowed) != 0;
  if (stats.min_time_ns > stats.max_time_ns || stats.has_numeric_stats != (type != ValueType::kString)) return false;
  if (!stats.has_numeric_stats) return true;
  for (StatNumber* number : {&stats.sum, &stats.min, &stats.max, &stats.first, &stats.last}) {
    uint64_t bits = 0;
    if (!reader.get_fixed64(bits)) return false;
    *number = number_from_bits(bits, type);
  }
  return true;
}

}  // namespace strata
