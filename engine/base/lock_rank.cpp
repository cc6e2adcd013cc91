#include "engine/base/lock_rank.h"

#include <cstdio>

#include "engine/base/assert.h"

namespace strata {

const char* lock_rank_name(LockRank rank) {
  switch (rank) {
    case LockRank::kUnranked: return "unranked";
    case LockRank::kShardCompaction: return "shard compaction";
    case LockRank::kShardFlush: return "shard flush";
    case LockRank::kShardRotation: return "shard rotation";
    case LockRank::kShardSequence: return "shard sequence";
    case LockRank::kPartitionEdit: return "partition set edit";
    case LockRank::kReadState: return "read state";
    case LockRank::kShardCapacity: return "shard flush capacity";
    case LockRank::kSeriesCache: return "series cache";
  }
  return "unknown";
}

#if defined(STRATA_DEBUG_ASSERTS)
namespace detail {
namespace {
// Bit r is set while this thread holds a mutex of rank r. A bitmask, not a stack, because
// the check only needs the highest rank held, and locks may be released in any order.
thread_local uint64_t held_ranks = 0;
}  // namespace

void lock_rank_acquired(LockRank rank) {
  if (rank == LockRank::kUnranked) return;
  const auto bit = static_cast<unsigned>(rank);
  const uint64_t same_or_higher = held_ranks >> bit;
  if (same_or_higher != 0) {
    unsigned highest = bit;
    while ((held_ranks >> (highest + 1)) != 0) ++highest;
    std::fprintf(stderr, "lock order violated: taking '%s' while holding '%s'\n", lock_rank_name(rank),
                 lock_rank_name(static_cast<LockRank>(highest)));
    STRATA_CHECK(false, "lock order violated (engine/tenant/tenant_shard.h \"Lock order\")");
  }
  held_ranks |= uint64_t{1} << bit;
}

void lock_rank_released(LockRank rank) {
  if (rank == LockRank::kUnranked) return;
  held_ranks &= ~(uint64_t{1} << static_cast<unsigned>(rank));
}

}  // namespace detail
#endif

}  // namespace strata
