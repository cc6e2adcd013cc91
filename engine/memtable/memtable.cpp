#include "engine/memtable/memtable.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

#include "engine/base/assert.h"

namespace strata {
namespace {

// Rough cost of a new column in the stripe map, for memory accounting.
constexpr size_t kColumnOverheadBytes = 64;

uint64_t stored_bits(const FieldValue& value, std::vector<std::string>& strings) {
  switch (value.index()) {
    case 0: return std::bit_cast<uint64_t>(std::get<double>(value));
    case 1: return static_cast<uint64_t>(std::get<int64_t>(value));
    case 2: return std::get<uint64_t>(value);
    case 3: return std::get<bool>(value) ? 1 : 0;
    default:
      strings.emplace_back(std::get<std::string_view>(value));
      return strings.size() - 1;
  }
}

void append_value(ColumnValues& values, ValueType type, uint64_t bits, const std::vector<std::string>& strings) {
  switch (type) {
    case ValueType::kFloat64: std::get<std::vector<double>>(values).push_back(std::bit_cast<double>(bits)); break;
    case ValueType::kInt64: std::get<std::vector<int64_t>>(values).push_back(static_cast<int64_t>(bits)); break;
    case ValueType::kUint64: std::get<std::vector<uint64_t>>(values).push_back(bits); break;
    case ValueType::kBool: std::get<std::vector<uint8_t>>(values).push_back(static_cast<uint8_t>(bits)); break;
    case ValueType::kString: std::get<std::vector<std::string>>(values).push_back(strings[bits]); break;
  }
}

}  // namespace

void Memtable::ColumnBuffer::append(const StoredPoint& point) {
  const int64_t ts = point.timestamp_ns;  // a copy: std::min binds a reference (packed member)
  in_time_order = in_time_order && ts >= max_ns;
  min_ns = std::min(min_ns, ts);
  max_ns = std::max(max_ns, ts);
  points.push_back(point);
}

std::span<const Memtable::StoredPoint> Memtable::ColumnBuffer::candidates(int64_t first_ns, int64_t last_ns) const {
  if (points.empty() || last_ns < min_ns || first_ns > max_ns) return {};
  if (!in_time_order || (first_ns <= min_ns && last_ns >= max_ns)) return points;
  const auto begin = std::partition_point(points.begin(), points.end(),
                                          [&](const StoredPoint& point) { return point.timestamp_ns < first_ns; });
  const auto end = std::partition_point(begin, points.end(),
                                        [&](const StoredPoint& point) { return point.timestamp_ns <= last_ns; });
  return {begin, end};
}

Memtable::Memtable(uint64_t first_sequence)
    : first_sequence_(first_sequence), stripes_(std::make_unique<Stripe[]>(kStripeCount)) {}

void Memtable::apply(std::span<const ResolvedValue> values, uint64_t sequence) {
  STRATA_CHECK(sequence >= first_sequence_ && sequence - first_sequence_ < std::numeric_limits<uint32_t>::max(),
               "write sequence outside the memtable's range");
  const auto relative_sequence = static_cast<uint32_t>(sequence - first_sequence_);

  // Visit stripes in order, taking each lock once per write rather than once per value.
  // The grouping buffers are the thread's own and keep their capacity across writes; they
  // hold indexes into `values`, dead after the call (docs/architecture.md "Per-thread scratch buffers").
  thread_local std::array<std::vector<uint32_t>, kStripeCount> by_stripe;
  for (std::vector<uint32_t>& indexes : by_stripe) indexes.clear();
  for (uint32_t index = 0; index < values.size(); ++index) by_stripe[stripe_of(values[index].column)].push_back(index);

  size_t added_bytes = 0;
  for (size_t stripe_index = 0; stripe_index < kStripeCount; ++stripe_index) {
    if (by_stripe[stripe_index].empty()) continue;
    Stripe& stripe = stripes_[stripe_index];
    MutexLock lock(stripe.mutex);
    for (uint32_t index : by_stripe[stripe_index]) {
      const ResolvedValue& value = values[index];
      auto [it, inserted] = stripe.columns.try_emplace(value.column);
      if (inserted) {
        it->second.type = value_type_of(value.value);
        added_bytes += kColumnOverheadBytes;
      }
      STRATA_ASSERT(it->second.type == value_type_of(value.value), "column type changed within a memtable");
      const size_t strings_before = stripe.strings.size();
      it->second.append(StoredPoint{value.timestamp_ns, stored_bits(value.value, stripe.strings), relative_sequence});
      added_bytes += sizeof(StoredPoint);
      if (stripe.strings.size() != strings_before) added_bytes += stripe.strings.back().size() + sizeof(std::string);
    }
  }
  memory_bytes_.fetch_add(added_bytes, std::memory_order_relaxed);
  point_count_.fetch_add(values.size(), std::memory_order_relaxed);
}

DecodedBlock Memtable::materialize(const ColumnBuffer& buffer, const std::vector<std::string>& strings,
                                   int64_t first_ns, int64_t last_ns, uint32_t max_relative_sequence) {
  const std::span<const StoredPoint> candidates = buffer.candidates(first_ns, last_ns);
  std::vector<StoredPoint> selected;
  selected.reserve(candidates.size());
  for (const StoredPoint& point : candidates) {
    if (visible(point, first_ns, last_ns, max_relative_sequence)) {
      selected.push_back(point);
    }
  }
  // Stable: values of one write that share a timestamp keep their order, so the last wins.
  // Points mostly arrive in time order: then the sort has nothing to do.
  const auto before = [](const StoredPoint& a, const StoredPoint& b) {
    const int64_t a_ts = a.timestamp_ns, b_ts = b.timestamp_ns;
    if (a_ts != b_ts) return a_ts < b_ts;
    return a.relative_sequence < b.relative_sequence;
  };
  if (!std::is_sorted(selected.begin(), selected.end(), before)) {
    std::stable_sort(selected.begin(), selected.end(), before);
  }

  DecodedBlock block;
  block.values = make_column_values(buffer.type);
  for (size_t index = 0; index < selected.size(); ++index) {
    const bool superseded = index + 1 < selected.size() && selected[index + 1].timestamp_ns == selected[index].timestamp_ns;
    if (superseded) continue;
    // A copy: StoredPoint is packed, and binding push_back's reference to the misaligned
    // member is undefined (clang's UBSan reports it; GCC copies silently).
    const int64_t timestamp_ns = selected[index].timestamp_ns;
    block.timestamps_ns.push_back(timestamp_ns);
    append_value(block.values, buffer.type, selected[index].value, strings);
  }
  return block;
}

std::optional<uint32_t> Memtable::relative_bound(uint64_t max_sequence) const {
  if (max_sequence < first_sequence_) return std::nullopt;
  return static_cast<uint32_t>(
      std::min<uint64_t>(max_sequence - first_sequence_, std::numeric_limits<uint32_t>::max()));
}

DecodedBlock Memtable::scan(ColumnKey column, int64_t start_ns, int64_t end_ns, uint64_t max_sequence) const {
  const std::optional<uint32_t> relative = relative_bound(max_sequence);
  if (!relative || end_ns <= start_ns) return DecodedBlock{};
  const Stripe& stripe = stripes_[stripe_of(column)];
  MutexLock lock(stripe.mutex);
  auto it = stripe.columns.find(column);
  if (it == stripe.columns.end()) return DecodedBlock{};
  return materialize(it->second, stripe.strings, start_ns, end_ns - 1, *relative);
}

std::optional<std::pair<int64_t, int64_t>> Memtable::time_bounds(ColumnKey column, int64_t start_ns, int64_t end_ns,
                                                                  uint64_t max_sequence) const {
  const std::optional<uint32_t> relative = relative_bound(max_sequence);
  if (!relative || end_ns <= start_ns) return std::nullopt;
  const Stripe& stripe = stripes_[stripe_of(column)];
  MutexLock lock(stripe.mutex);
  auto it = stripe.columns.find(column);
  if (it == stripe.columns.end()) return std::nullopt;
  const ColumnBuffer& buffer = it->second;
  const std::span<const StoredPoint> candidates = buffer.candidates(start_ns, end_ns - 1);
  const auto is_visible = [&](const StoredPoint& point) { return visible(point, start_ns, end_ns - 1, *relative); };
  if (buffer.in_time_order) {
    // The first and the last visible candidates; only points of later writes lie between.
    const auto first = std::ranges::find_if(candidates, is_visible);
    if (first == candidates.end()) return std::nullopt;
    const auto last = std::ranges::find_if(candidates.rbegin(), candidates.rend(), is_visible);
    return std::pair{first->timestamp_ns, last->timestamp_ns};
  }
  int64_t first = std::numeric_limits<int64_t>::max(), last = std::numeric_limits<int64_t>::min();
  for (const StoredPoint& point : candidates) {
    if (!is_visible(point)) continue;
    const int64_t ts = point.timestamp_ns;  // a copy: std::min binds a reference (packed member)
    first = std::min(first, ts);
    last = std::max(last, ts);
  }
  if (first > last) return std::nullopt;
  return std::pair{first, last};
}

void Memtable::for_each_column(const std::function<void(ColumnKey, const DecodedBlock&)>& visit) const {
  struct Located {
    ColumnKey key;
    size_t stripe;
  };
  std::vector<Located> keys;
  for (size_t stripe_index = 0; stripe_index < kStripeCount; ++stripe_index) {
    MutexLock lock(stripes_[stripe_index].mutex);
    for (const auto& [key, buffer] : stripes_[stripe_index].columns) keys.push_back({key, stripe_index});
  }
  std::sort(keys.begin(), keys.end(), [](const Located& a, const Located& b) { return a.key < b.key; });
  for (const Located& located : keys) {
    DecodedBlock block;
    {
      const Stripe& stripe = stripes_[located.stripe];
      MutexLock lock(stripe.mutex);
      block = materialize(stripe.columns.find(located.key)->second, stripe.strings, std::numeric_limits<int64_t>::min(),
                          std::numeric_limits<int64_t>::max(), std::numeric_limits<uint32_t>::max());
    }
    if (!block.timestamps_ns.empty()) visit(located.key, block);
  }
}

}  // namespace strata
