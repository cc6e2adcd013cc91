// The engine's lock order as ranks: a thread may take a ranked mutex only while every
// ranked mutex it holds has a lower rank. Debug and sanitizer builds (STRATA_DEBUG_ASSERTS)
// check it at every acquisition and stop with both names on a violation, so an order that
// could deadlock fails the first test that takes it, not the one run in a thousand that
// interleaves badly. Release builds check nothing and pay nothing.
//
// The order, and why each lock sits where it does: engine/tenant/tenant_shard.h
// "Lock order". Mutexes outside that hierarchy (the WAL's, the catalog's, the engine's
// tenant map) stay unranked and are never checked; each is a leaf (nothing is taken under it)
// or taken with no ranked lock held.
#pragma once

#include <cstdint>

namespace strata {

enum class LockRank : uint8_t {
  kUnranked = 0,
  kShardCompaction,
  kShardFlush,
  kShardRotation,
  kShardSequence,
  kPartitionEdit,
  kReadState,
  kShardCapacity,
  kSeriesCache,
};

const char* lock_rank_name(LockRank rank);

namespace detail {
#if defined(STRATA_DEBUG_ASSERTS)
// Checks the order, then records `rank` as held by this thread.
void lock_rank_acquired(LockRank rank);
void lock_rank_released(LockRank rank);
#else
inline void lock_rank_acquired(LockRank) {}
inline void lock_rank_released(LockRank) {}
#endif
}  // namespace detail

}  // namespace strata
