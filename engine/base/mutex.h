// Annotated mutexes and scoped locks so that clang's -Wthread-safety checks GUARDED_BY
// members (leveldb's port::Mutex). Thin wrappers: no behaviour beyond std's, except that a
// mutex given a LockRank has its acquisition order checked in debug builds (lock_rank.h).
#pragma once

#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#include "engine/base/lock_rank.h"
#include "engine/base/thread_annotations.h"

namespace strata {

class STRATA_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  explicit Mutex(LockRank rank) : rank_(rank) {}

  void lock() STRATA_ACQUIRE() {
    detail::lock_rank_acquired(rank_);
    mutex_.lock();
  }
  void unlock() STRATA_RELEASE() {
    mutex_.unlock();
    detail::lock_rank_released(rank_);
  }
  std::mutex& native() { return mutex_; }

 private:
  std::mutex mutex_;
  LockRank rank_ = LockRank::kUnranked;
};

class STRATA_CAPABILITY("shared mutex") SharedMutex {
 public:
  SharedMutex() = default;
  explicit SharedMutex(LockRank rank) : rank_(rank) {}

  void lock() STRATA_ACQUIRE() {
    detail::lock_rank_acquired(rank_);
    mutex_.lock();
  }
  void unlock() STRATA_RELEASE() {
    mutex_.unlock();
    detail::lock_rank_released(rank_);
  }
  void lock_shared() STRATA_ACQUIRE_SHARED() {
    detail::lock_rank_acquired(rank_);
    mutex_.lock_shared();
  }
  void unlock_shared() STRATA_RELEASE_SHARED() {
    mutex_.unlock_shared();
    detail::lock_rank_released(rank_);
  }

 private:
  std::shared_mutex mutex_;
  LockRank rank_ = LockRank::kUnranked;
};

class STRATA_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mutex) STRATA_ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
  ~MutexLock() STRATA_RELEASE() { mutex_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mutex_;
};

class STRATA_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mutex) STRATA_ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
  ~WriterLock() STRATA_RELEASE() { mutex_.unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mutex_;
};

class STRATA_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mutex) STRATA_ACQUIRE_SHARED(mutex) : mutex_(mutex) { mutex_.lock_shared(); }
  ~ReaderLock() STRATA_RELEASE() { mutex_.unlock_shared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mutex_;
};

// A condition variable that waits on a held Mutex.
class CondVar {
 public:
  // REQUIRES: mutex held by the caller; it is held again on return.
  template <typename Predicate>
  void wait(Mutex& mutex, Predicate predicate) STRATA_REQUIRES(mutex) {
    std::unique_lock<std::mutex> lock(mutex.native(), std::adopt_lock);
    cv_.wait(lock, predicate);
    lock.release();
  }
  template <typename Duration, typename Predicate>
  bool wait_for(Mutex& mutex, Duration timeout, Predicate predicate) STRATA_REQUIRES(mutex) {
    std::unique_lock<std::mutex> lock(mutex.native(), std::adopt_lock);
    const bool satisfied = cv_.wait_for(lock, timeout, predicate);
    lock.release();
    return satisfied;
  }
  void notify_one() { cv_.notify_one(); }
  void notify_all() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace strata
