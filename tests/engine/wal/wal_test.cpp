// WAL writer and reader together: modes, group commit, torn tails, damage, poisoning.
#include <gtest/gtest.h>

#include <thread>

#include "engine/io/faulty_file_system.h"
#include "engine/wal/wal_format.h"
#include "engine/wal/wal_reader.h"
#include "engine/wal/wal_writer.h"

namespace strata {
namespace {

class WalTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs_.create_dir("/wal").is_ok()); }

  std::unique_ptr<WalWriter> open_writer(DurabilityMode mode = DurabilityMode::kBatch, uint64_t segment = 1) {
    return WalWriter::open(fs_, "/wal", segment, WalWriterOptions{mode, std::chrono::milliseconds(10)}).value();
  }

  std::vector<std::string> replay(uint64_t segment, bool is_last = true) {
    std::vector<std::string> records;
    auto result = replay_wal_segment(fs_, "/wal", segment, is_last, [&](std::string_view record) {
      records.emplace_back(record);
      return Status::ok();
    });
    EXPECT_TRUE(result.has_value()) << result.status().to_string();
    return records;
  }

  std::string path(uint64_t segment) { return "/wal/" + wal_segment_file_name(segment); }

  FaultyFileSystem fs_;
};

TEST_F(WalTest, RecordsReplayInOrderInEveryMode) {
  for (DurabilityMode mode : {DurabilityMode::kBatch, DurabilityMode::kInterval, DurabilityMode::kNone}) {
    const uint64_t segment = static_cast<uint64_t>(mode) + 1;
    auto writer = open_writer(mode, segment);
    for (int index = 0; index < 20; ++index) ASSERT_TRUE(writer->append_and_wait("record " + std::to_string(index)).is_ok());
    ASSERT_TRUE(writer->close().is_ok());
    const auto records = replay(segment);
    ASSERT_EQ(records.size(), 20u);
    EXPECT_EQ(records[19], "record 19");
  }
}

TEST_F(WalTest, BatchModeAcknowledgesOnlyDurableRecords) {
  auto writer = open_writer();
  ASSERT_TRUE(writer->append_and_wait("acknowledged").is_ok());
  fs_.simulate_crash();  // nothing else was synced, but the acknowledged record was
  EXPECT_EQ(replay(1), std::vector<std::string>{"acknowledged"});
}

TEST_F(WalTest, ConcurrentAppendsShareGroupCommits) {
  auto writer = open_writer();
  constexpr int kThreads = 8, kRecords = 200;
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([&writer, thread] {
      for (int index = 0; index < kRecords; ++index) {
        ASSERT_TRUE(writer->append_and_wait(std::to_string(thread) + ":" + std::to_string(index)).is_ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const WalStats stats = writer->stats();
  EXPECT_EQ(stats.records, static_cast<uint64_t>(kThreads * kRecords));
  EXPECT_LT(stats.groups, stats.records);  // at least some fdatasyncs served several appends
  EXPECT_EQ(stats.syncs, stats.groups);
  ASSERT_TRUE(writer->close().is_ok());
  EXPECT_EQ(replay(1).size(), static_cast<size_t>(kThreads * kRecords));
}

TEST_F(WalTest, TornTailAtEveryByteIsCutAndEarlierRecordsSurvive) {
  auto writer = open_writer();
  ASSERT_TRUE(writer->append_and_wait("first").is_ok());
  ASSERT_TRUE(writer->append_and_wait("second record").is_ok());
  ASSERT_TRUE(writer->close().is_ok());
  const std::string full = fs_.read_file(path(1)).value();
  const size_t second_start = kWalHeaderBytes + kWalRecordHeaderBytes + 5;
  for (size_t length = second_start; length < full.size(); ++length) {
    auto file = fs_.create_file(path(1)).value();
    ASSERT_TRUE(file->append(std::string_view(full).substr(0, length)).is_ok());
    EXPECT_EQ(replay(1), std::vector<std::string>{"first"}) << length;
    EXPECT_EQ(fs_.file_size(path(1)).value(), second_start) << "cut at the last valid record, length " << length;
  }
}

TEST_F(WalTest, EveryFlippedBitIsDetectedNeverAWrongRecord) {
  auto writer = open_writer();
  ASSERT_TRUE(writer->append_and_wait("alpha").is_ok());
  ASSERT_TRUE(writer->append_and_wait("beta").is_ok());
  ASSERT_TRUE(writer->close().is_ok());
  const std::string good = fs_.read_file(path(1)).value();
  for (size_t bit = 0; bit < good.size() * 8; ++bit) {
    std::string damaged = good;
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    std::vector<std::string> records;
    auto result = read_wal_segment(damaged, 1, [&](std::string_view record) {
      records.emplace_back(record);
      return Status::ok();
    });
    ASSERT_TRUE(result.has_value());
    EXPECT_GT(result->dropped_bytes, 0u) << bit;
    // Only a prefix of the true records, never a changed one.
    ASSERT_LT(records.size(), 2u) << bit;
    if (!records.empty()) {
      EXPECT_EQ(records[0], "alpha") << bit;
    }
  }
}

TEST_F(WalTest, FailedSyncPoisonsTheWriter) {
  auto writer = open_writer();
  fs_.set_sync_fault(true);
  EXPECT_FALSE(writer->append_and_wait("lost").is_ok());
  fs_.set_sync_fault(false);
  const Status refused = writer->append_and_wait("refused");
  EXPECT_EQ(refused.code(), StatusCode::kUnavailable);
  EXPECT_NE(refused.message().find("read-only"), std::string::npos);
  EXPECT_FALSE(writer->health().is_ok());
}

TEST_F(WalTest, RollStartsTheNextSegmentAndOldOnesCanBeRemoved) {
  auto writer = open_writer();
  ASSERT_TRUE(writer->append_and_wait("in one").is_ok());
  EXPECT_EQ(writer->roll().value(), 2u);
  ASSERT_TRUE(writer->append_and_wait("in two").is_ok());
  ASSERT_TRUE(writer->close().is_ok());
  EXPECT_EQ(list_wal_segments(fs_, "/wal").value(), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(replay(1, false), std::vector<std::string>{"in one"});
  ASSERT_TRUE(remove_wal_segments_before(fs_, "/wal", 2).is_ok());
  EXPECT_EQ(list_wal_segments(fs_, "/wal").value(), std::vector<uint64_t>{2});
}

TEST(DurabilityTest, ParsesEveryForm) {
  EXPECT_EQ(parse_durability("batch")->mode, DurabilityMode::kBatch);
  EXPECT_EQ(parse_durability("none")->mode, DurabilityMode::kNone);
  EXPECT_EQ(parse_durability("interval:100ms")->interval, std::chrono::milliseconds(100));
  EXPECT_EQ(parse_durability("interval:2s")->interval, std::chrono::milliseconds(2000));
  for (const char* bad : {"", "sync", "interval:", "interval:0ms", "interval:5m", "interval:-1s"}) {
    EXPECT_EQ(parse_durability(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace strata
