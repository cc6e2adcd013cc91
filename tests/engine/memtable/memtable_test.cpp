#include "engine/memtable/memtable.h"

#include <gtest/gtest.h>

#include <limits>
#include <thread>

namespace strata {
namespace {

constexpr ColumnKey kColumn{SeriesId{42}, FieldId{1}};

class MemtableTest : public ::testing::Test {
 protected:
  void put(int64_t ts, double value, uint64_t sequence, ColumnKey column = kColumn) {
    const ResolvedValue resolved{column, ts, value};
    memtable_.apply(std::span(&resolved, 1), sequence);
  }
  std::vector<double> values(const DecodedBlock& block) { return std::get<std::vector<double>>(block.values); }

  Memtable memtable_{1};
};

TEST_F(MemtableTest, ScanReturnsPointsSortedByTime) {
  put(30, 3.0, 1);
  put(10, 1.0, 2);
  put(20, 2.0, 3);
  const DecodedBlock block = memtable_.scan(kColumn, 0, 100, 10);
  EXPECT_EQ(block.timestamps_ns, (std::vector<int64_t>{10, 20, 30}));
  EXPECT_EQ(values(block), (std::vector<double>{1.0, 2.0, 3.0}));
}

TEST_F(MemtableTest, NewestSequenceWinsOnEqualTimestampWhateverTheArrivalOrder) {
  put(10, 2.0, 5);  // the later write arrives first
  put(10, 1.0, 4);
  EXPECT_EQ(values(memtable_.scan(kColumn, 0, 100, 10)), std::vector<double>{2.0});
}

TEST_F(MemtableTest, LastValueOfOneWriteWinsOnEqualTimestamp) {
  const std::vector<ResolvedValue> write{{kColumn, 10, 1.0}, {kColumn, 10, 7.0}};
  memtable_.apply(write, 1);
  EXPECT_EQ(values(memtable_.scan(kColumn, 0, 100, 10)), std::vector<double>{7.0});
}

TEST_F(MemtableTest, ScanHidesWritesAfterTheSnapshotSequence) {
  put(10, 1.0, 1);
  put(20, 2.0, 2);
  put(10, 9.0, 3);
  const DecodedBlock block = memtable_.scan(kColumn, 0, 100, 2);
  EXPECT_EQ(values(block), (std::vector<double>{1.0, 2.0}));
}

TEST_F(MemtableTest, ScanRangeIsHalfOpen) {
  put(10, 1.0, 1);
  put(20, 2.0, 1);
  EXPECT_EQ(memtable_.scan(kColumn, 10, 20, 10).timestamps_ns, std::vector<int64_t>{10});
  EXPECT_TRUE(memtable_.scan(kColumn, 20, 20, 10).timestamps_ns.empty());
}

TEST_F(MemtableTest, TimeBoundsSpanTheVisiblePointsOfTheHalfOpenRange) {
  put(30, 3.0, 1);
  put(10, 1.0, 2);
  put(20, 2.0, 3);
  put(5, 0.5, 4);  // not visible at sequence 3
  using Bounds = std::optional<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(memtable_.time_bounds(kColumn, 0, 100, 3), (Bounds{{10, 30}}));
  EXPECT_EQ(memtable_.time_bounds(kColumn, 0, 100, 4), (Bounds{{5, 30}}));
  EXPECT_EQ(memtable_.time_bounds(kColumn, 11, 30, 10), (Bounds{{20, 20}}));  // half-open
  EXPECT_EQ(memtable_.time_bounds(kColumn, 31, 100, 10), std::nullopt);
  EXPECT_EQ(memtable_.time_bounds(ColumnKey{SeriesId{7}, FieldId{1}}, 0, 100, 10), std::nullopt);
  EXPECT_EQ(memtable_.time_bounds(kColumn, 0, 100, 0), std::nullopt);  // before the memtable's first write
}

// Points appended in time order are windowed by binary search; the window must still see
// equal timestamps of every write, hide later writes and stop at the half-open end.
TEST_F(MemtableTest, WindowsOverPointsInTimeOrder) {
  for (int64_t ts = 0; ts < 100; ts += 10) put(ts, static_cast<double>(ts), 1);
  put(50, 500.0, 3);  // in order: equal to the last time written
  put(90, 900.0, 2);
  using Bounds = std::optional<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(memtable_.scan(kColumn, 25, 60, 10).timestamps_ns, (std::vector<int64_t>{30, 40, 50}));
  EXPECT_EQ(values(memtable_.scan(kColumn, 50, 51, 10)), std::vector<double>{500.0});
  EXPECT_EQ(values(memtable_.scan(kColumn, 50, 51, 1)), std::vector<double>{50.0});
  EXPECT_EQ(values(memtable_.scan(kColumn, 90, 91, 2)), std::vector<double>{900.0});
  EXPECT_TRUE(memtable_.scan(kColumn, 100, 200, 10).timestamps_ns.empty());
  EXPECT_TRUE(memtable_.scan(kColumn, -50, 0, 10).timestamps_ns.empty());
  EXPECT_EQ(memtable_.time_bounds(kColumn, 25, 60, 10), (Bounds{{30, 50}}));
  EXPECT_EQ(memtable_.time_bounds(kColumn, 85, 1000, 1), (Bounds{{90, 90}}));
  EXPECT_EQ(memtable_.time_bounds(kColumn, 100, 1000, 10), std::nullopt);
}

// Once a point arrives before a later one, the column is read whole: nothing is missed.
TEST_F(MemtableTest, WindowsOverPointsOutOfTimeOrder) {
  put(40, 4.0, 1);
  put(10, 1.0, 2);
  put(30, 3.0, 3);
  put(20, 2.0, 4);
  using Bounds = std::optional<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(memtable_.scan(kColumn, 15, 35, 10).timestamps_ns, (std::vector<int64_t>{20, 30}));
  EXPECT_EQ(memtable_.time_bounds(kColumn, 15, 45, 10), (Bounds{{20, 40}}));
  EXPECT_EQ(memtable_.time_bounds(kColumn, 15, 45, 3), (Bounds{{30, 40}}));
}

TEST_F(MemtableTest, KeepsEveryValueTypeExactly) {
  const ColumnKey ints{SeriesId{1}, FieldId{2}}, uints{SeriesId{1}, FieldId{3}};
  const ColumnKey bools{SeriesId{1}, FieldId{4}}, strings{SeriesId{1}, FieldId{5}};
  const std::vector<ResolvedValue> write{{ints, 1, std::numeric_limits<int64_t>::min()},
                                         {uints, 1, std::numeric_limits<uint64_t>::max()},
                                         {bools, 1, true},
                                         {strings, 1, std::string_view("hello")}};
  memtable_.apply(write, 1);
  EXPECT_EQ(std::get<std::vector<int64_t>>(memtable_.scan(ints, 0, 2, 1).values)[0], std::numeric_limits<int64_t>::min());
  EXPECT_EQ(std::get<std::vector<uint64_t>>(memtable_.scan(uints, 0, 2, 1).values)[0], std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(std::get<std::vector<uint8_t>>(memtable_.scan(bools, 0, 2, 1).values)[0], 1);
  EXPECT_EQ(std::get<std::vector<std::string>>(memtable_.scan(strings, 0, 2, 1).values)[0], "hello");
}

TEST_F(MemtableTest, ForEachColumnVisitsColumnsInKeyOrderIncludingInt64Extremes) {
  const ColumnKey later{SeriesId{43}, FieldId{1}};
  put(std::numeric_limits<int64_t>::max(), 1.0, 1, later);
  put(std::numeric_limits<int64_t>::min(), 2.0, 1);
  std::vector<ColumnKey> seen;
  std::vector<int64_t> times;
  memtable_.for_each_column([&](ColumnKey key, const DecodedBlock& block) {
    seen.push_back(key);
    times.push_back(block.timestamps_ns.at(0));
  });
  EXPECT_EQ(seen, (std::vector<ColumnKey>{kColumn, later}));
  EXPECT_EQ(times, (std::vector<int64_t>{std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}));
}

TEST_F(MemtableTest, CountsPointsAndMemory) {
  EXPECT_TRUE(memtable_.empty());
  put(1, 1.0, 1);
  EXPECT_EQ(memtable_.point_count(), 1u);
  EXPECT_GT(memtable_.memory_bytes(), 0u);
}

TEST_F(MemtableTest, ConcurrentWritersLoseNothing) {
  constexpr int kThreads = 4, kWrites = 2000;
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([this, thread] {
      for (int write = 0; write < kWrites; ++write) {
        put(write, thread, 1 + thread * kWrites + write, ColumnKey{SeriesId{static_cast<uint64_t>(thread)}, FieldId{1}});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int thread = 0; thread < kThreads; ++thread) {
    const auto block = memtable_.scan(ColumnKey{SeriesId{static_cast<uint64_t>(thread)}, FieldId{1}}, 0, kWrites,
                                      std::numeric_limits<uint64_t>::max());
    EXPECT_EQ(block.timestamps_ns.size(), static_cast<size_t>(kWrites));
  }
}

}  // namespace
}  // namespace strata
