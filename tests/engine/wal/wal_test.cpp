// WAL writer and reader together: modes, group commit, torn tails, damage, poisoning.
#include <gtest/gtest.h>

#include <thread>

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/io/faulty_file_system.h"
#include "engine/io/synced_length.h"
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
  static std::string framed(std::string_view payload) {
    std::string bytes;
    append_wal_record(bytes, payload);
    return bytes;
  }
  // Replaces a file's contents (durably) with `contents`.
  void rewrite(const std::string& file_path, std::string_view contents) {
    auto file = fs_.create_file(file_path).value();
    ASSERT_TRUE(file->append_and_sync(contents).is_ok());
  }

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
  // One fdatasync per group, plus one that makes the synced length durable whenever no
  // group followed to carry it.
  EXPECT_GE(stats.syncs, stats.groups);
  EXPECT_LE(stats.syncs, 2 * stats.groups);
  ASSERT_TRUE(writer->close().is_ok());
  EXPECT_EQ(replay(1).size(), static_cast<size_t>(kThreads * kRecords));
}

TEST_F(WalTest, AcknowledgedRecordsAreCoveredByTheDurableSyncedLength) {
  auto writer = open_writer();
  ASSERT_TRUE(writer->append_and_wait("first").is_ok());
  fs_.simulate_crash();  // keeps only what was synced
  const std::string contents = fs_.read_file(path(1)).value();
  const auto synced = decode_synced_length(std::string_view(contents).substr(kWalSyncedLengthOffset, kSyncedLengthBytes));
  ASSERT_TRUE(synced.has_value());
  EXPECT_EQ(synced->length, contents.size());
  EXPECT_EQ(synced->length, kWalRecordsOffset + kWalRecordHeaderBytes + 5);
}

TEST_F(WalTest, TornTailPastTheSyncedLengthIsCutAtEveryByte) {
  auto writer = open_writer(DurabilityMode::kNone);
  ASSERT_TRUE(writer->append_and_wait("first").is_ok());
  ASSERT_TRUE(writer->close().is_ok());  // syncs "first" and vouches for it
  const std::string vouched = fs_.read_file(path(1)).value();
  const std::string full = vouched + framed("second record");
  for (size_t length = vouched.size(); length < full.size(); ++length) {
    rewrite(path(1), full.substr(0, length));
    EXPECT_EQ(replay(1), std::vector<std::string>{"first"}) << length;
    EXPECT_EQ(fs_.file_size(path(1)).value(), vouched.size()) << "cut at the synced length, length " << length;
  }
}

TEST_F(WalTest, TruncationBeforeTheSyncedLengthIsRefusedAtEveryByte) {
  auto writer = open_writer();
  ASSERT_TRUE(writer->append_and_wait("first").is_ok());
  ASSERT_TRUE(writer->append_and_wait("second record").is_ok());
  ASSERT_TRUE(writer->close().is_ok());
  const std::string full = fs_.read_file(path(1)).value();
  for (size_t length = 0; length < full.size(); ++length) {
    const auto result = read_wal_segment(std::string_view(full).substr(0, length), path(1), 1, true,
                                         [](std::string_view) { return Status::ok(); });
    ASSERT_FALSE(result.has_value()) << length;
    EXPECT_EQ(result.status().code(), StatusCode::kCorruption) << length;
    EXPECT_NE(result.status().message().find(path(1)), std::string::npos) << result.status().to_string();
  }
}

TEST_F(WalTest, EveryFlippedBitIsRefusedOrHarmlessNeverAWrongRecord) {
  auto writer = open_writer();
  ASSERT_TRUE(writer->append_and_wait("alpha").is_ok());
  ASSERT_TRUE(writer->append_and_wait("beta").is_ok());
  ASSERT_TRUE(writer->close().is_ok());
  const std::string good = fs_.read_file(path(1)).value();
  for (size_t bit = 0; bit < good.size() * 8; ++bit) {
    std::string damaged = good;
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    std::vector<std::string> records;
    auto result = read_wal_segment(damaged, path(1), 1, true, [&](std::string_view record) {
      records.emplace_back(record);
      return Status::ok();
    });
    if (!result.has_value()) {
      EXPECT_EQ(result.status().code(), StatusCode::kCorruption) << bit;
      continue;
    }
    // Survivable only in a synced-length slot, and then every record is there.
    EXPECT_GE(bit / 8, kWalSyncedLengthOffset) << bit;
    EXPECT_LT(bit / 8, kWalRecordsOffset) << bit;
    EXPECT_EQ(records, (std::vector<std::string>{"alpha", "beta"})) << bit;
  }
}

TEST_F(WalTest, VersionOneSegmentIsStillReplayed) {
  std::string image;
  put_fixed64(image, kWalMagic);
  put_fixed16(image, kWalVersion1);
  put_fixed16(image, 0);
  put_fixed32(image, 0);
  put_fixed64(image, 1);
  put_fixed64(image, checksum64(image));
  image += framed("old");
  rewrite(path(1), image + framed("torn").substr(0, 9));
  EXPECT_EQ(replay(1), std::vector<std::string>{"old"});  // the last segment's torn tail, as before
  rewrite(path(1), image + "garbage that is no record");
  EXPECT_EQ(replay_wal_segment(fs_, "/wal", 1, false, [](std::string_view) { return Status::ok(); }).status().code(),
            StatusCode::kCorruption);  // an older segment was synced whole: damage
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
