// The lock-order check (engine/base/lock_rank.h): in debug and sanitizer builds, taking a
// ranked mutex while holding one of the same or a higher rank stops the process, naming
// both; taking them in order, or releasing in any order, does not.
#include "engine/base/lock_rank.h"

#include <gtest/gtest.h>

#include "engine/base/mutex.h"

namespace strata {
namespace {

#if defined(STRATA_DEBUG_ASSERTS)
constexpr bool kChecked = true;
#else
constexpr bool kChecked = false;
#endif

TEST(LockRankTest, TakingRanksInOrderAndReleasingInAnyOrderPasses) {
  Mutex flush(LockRank::kShardFlush);
  SharedMutex rotation(LockRank::kShardRotation);
  Mutex state(LockRank::kReadState);
  flush.lock();
  rotation.lock_shared();
  state.lock();
  flush.unlock();  // out of order: allowed
  state.unlock();
  rotation.unlock_shared();
  // Nothing is recorded as held any more: the lowest rank can be taken again.
  MutexLock again(flush);
  MutexLock then(state);
  SUCCEED();
}

TEST(LockRankTest, TakingALowerRankWhileHoldingAHigherOneStopsNamingBoth) {
  if (!kChecked) GTEST_SKIP() << "lock ranks are checked only in debug and sanitizer builds (make asan, make tsan)";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Mutex flush(LockRank::kShardFlush);
  Mutex state(LockRank::kReadState);
  EXPECT_DEATH(
      {
        MutexLock held(state);
        MutexLock wrong(flush);
      },
      "taking 'shard flush' while holding 'read state'");
}

TEST(LockRankTest, TakingTheSameRankTwiceStops) {
  if (!kChecked) GTEST_SKIP() << "lock ranks are checked only in debug and sanitizer builds (make asan, make tsan)";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Mutex first(LockRank::kShardSequence);
  Mutex second(LockRank::kShardSequence);
  EXPECT_DEATH(
      {
        MutexLock a(first);
        MutexLock b(second);
      },
      "lock order violated");
}

TEST(LockRankTest, UnrankedMutexesAreNeverChecked) {
  Mutex state(LockRank::kReadState);
  Mutex unranked;
  MutexLock held(state);
  MutexLock leaf(unranked);
  SUCCEED();
}

}  // namespace
}  // namespace strata
