// PartitionSet::apply, the one way a tenant's file set changes: what each kind of edit
// leaves in the manifest on disk and in the read state, the edits it refuses, what a failed
// manifest write leaves, and that a rotation between an edit's start and its publication
// survives it.
#include "engine/tenant/partition_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "engine/io/faulty_file_system.h"
#include "engine/lifecycle/memtable_flush.h"
#include "engine/tenant/partition_time.h"

namespace strata {
namespace {

constexpr int64_t kHour = 3'600'000'000'000;
constexpr int64_t kDay = 24 * kHour;
constexpr char kPartitions[] = "/t/partitions";

class PartitionSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs_.create_dir("/t").is_ok());
    ASSERT_TRUE(fs_.create_dir(kPartitions).is_ok());
    auto initial = std::make_shared<ReadState>();
    initial->active = std::make_shared<Memtable>(1);
    set_ = std::make_unique<PartitionSet>(fs_, "/t", kDay, std::move(initial), 1);
  }

  // A memtable with `points` points of one column at hours 0.. of `day`, flushed into a
  // segment file (written and synced, named by no manifest yet).
  ManifestSegment write_segment(int64_t day, int points, double value = 1.0) {
    Memtable memtable(1);
    std::vector<ResolvedValue> values;
    for (int point = 0; point < points; ++point) {
      values.push_back(ResolvedValue{ColumnKey{1, 1}, day * kDay + point * kHour, value});
    }
    memtable.apply(values, 1);
    const FlushTarget target{kPartitions, kDay, 7, SegmentWriterOptions{},
                             [this] { return set_->allocate_segment_number(); }};
    auto flushed = write_memtable_segments(fs_, memtable, target);
    EXPECT_TRUE(flushed.has_value()) << flushed.status().to_string();
    EXPECT_EQ(flushed->size(), 1u);
    return flushed->front().entry;
  }

  // Segments of day 0 with these point counts, written and published by one flush edit.
  std::vector<ManifestSegment> live_segments(std::initializer_list<int> point_counts) {
    std::vector<ManifestSegment> segments;
    for (const int points : point_counts) segments.push_back(write_segment(0, points));
    EXPECT_TRUE(set_->apply({"flush", {{0, {}, segments}}, nullptr}).is_ok());
    return segments;
  }

  std::string segment_path(int64_t day, uint64_t number) {
    return join_path(set_->partition_directory(day), segment_file_name(number));
  }

  Manifest manifest_on_disk(int64_t day) {
    auto read = read_manifest(fs_, join_path(set_->partition_directory(day), kManifestFileName));
    EXPECT_TRUE(read.has_value()) << read.status().to_string();
    return read.has_value() ? *read : Manifest{};
  }

  static std::vector<uint64_t> numbers(const Manifest& manifest) {
    std::vector<uint64_t> result;
    for (const auto& segment : manifest.segments) result.push_back(segment.number);
    return result;
  }

  FaultyFileSystem fs_;
  std::unique_ptr<PartitionSet> set_;
};

TEST_F(PartitionSetTest, AFlushEditAppendsItsSegmentsToDiskAndStateAndDropsTheFlushedMemtable) {
  const auto first = write_segment(0, 3);
  ASSERT_TRUE(set_->apply({"flush", {{0, {}, {first}}}, nullptr}).is_ok());
  auto flushed = set_->current()->active;
  set_->rotate_memtable(std::make_shared<Memtable>(2));
  ASSERT_EQ(set_->current()->flushing.size(), 1u);
  const auto second = write_segment(0, 2);
  const auto other_day = write_segment(1, 1);
  ASSERT_TRUE(set_->apply({"flush", {{0, {}, {second}}, {1, {}, {other_day}}}, flushed}).is_ok());

  EXPECT_EQ(numbers(manifest_on_disk(0)), (std::vector<uint64_t>{first.number, second.number}));
  EXPECT_EQ(manifest_on_disk(0).generation, 2u);
  EXPECT_EQ(numbers(manifest_on_disk(1)), (std::vector<uint64_t>{other_day.number}));
  const auto state = set_->current();
  EXPECT_TRUE(state->flushing.empty());
  ASSERT_EQ(state->partitions.size(), 2u);
  const PartitionState& day0 = *state->partitions.at(0);
  EXPECT_EQ(day0.manifest, manifest_on_disk(0));
  ASSERT_EQ(day0.segments.size(), 2u);
  EXPECT_EQ(day0.segments[1]->summary().point_count, 2u);
}

TEST_F(PartitionSetTest, AReplacementTakesThePlaceOfItsRunAndRemovesTheirFilesAfterPublishing) {
  const auto live = live_segments({4, 3, 2});
  const ManifestSegment &a = live[0], &b = live[1], &c = live[2];
  const auto changed_at = set_->current()->partitions.at(0)->changed_at;
  const auto before = set_->current();  // a snapshot still reading b and c
  const auto merged = write_segment(0, 5);
  ASSERT_TRUE(set_->apply({"compaction", {{0, {b.number, c.number}, {merged}}}, nullptr}).is_ok());

  EXPECT_EQ(numbers(manifest_on_disk(0)), (std::vector<uint64_t>{a.number, merged.number}));
  EXPECT_FALSE(fs_.exists(segment_path(0, b.number)));
  EXPECT_FALSE(fs_.exists(segment_path(0, c.number)));
  EXPECT_TRUE(fs_.exists(segment_path(0, a.number)));
  const PartitionState& now = *set_->current()->partitions.at(0);
  EXPECT_EQ(now.segments[1]->summary().point_count, 5u);
  EXPECT_EQ(now.changed_at, changed_at) << "a replacement is not new data: the idle clock keeps running";
  // The older state still lists and reads the removed segments.
  const PartitionState& old = *before->partitions.at(0);
  ASSERT_EQ(old.segments.size(), 3u);
  EXPECT_EQ(old.segments[2]->summary().point_count, 2u);
}

TEST_F(PartitionSetTest, AnEditWhoseRemovalsAreNotARunOfLiveSegmentsChangesNothing) {
  const auto live = live_segments({1, 1, 1});
  const ManifestSegment &a = live[0], &b = live[1], &c = live[2];
  const auto manifest_before = manifest_on_disk(0);
  const auto state_before = set_->current();
  const auto merged = write_segment(0, 2);

  for (const std::vector<uint64_t>& removed : {std::vector<uint64_t>{a.number, c.number},     // a gap
                                               std::vector<uint64_t>{c.number + 100},         // not there
                                               std::vector<uint64_t>{c.number, b.number}}) {  // out of order
    const Status refused = set_->apply({"compaction", {{0, removed, {merged}}}, nullptr});
    EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << refused.to_string();
    EXPECT_NE(refused.to_string().find("compaction of partition"), std::string::npos) << refused.to_string();
  }
  EXPECT_EQ(manifest_on_disk(0), manifest_before);
  EXPECT_EQ(set_->current(), state_before);
  EXPECT_TRUE(fs_.exists(segment_path(0, a.number)));
  EXPECT_TRUE(fs_.exists(segment_path(0, c.number)));
}

TEST_F(PartitionSetTest, AnEditThatWouldBreakAscendingNumbersIsRefusedBeforeAnythingIsWritten) {
  const auto live = live_segments({1, 1});
  const auto manifest_before = manifest_on_disk(0);
  ManifestSegment older = live[0];  // appended after a newer segment
  const Status refused = set_->apply({"flush", {{0, {}, {older}}}, nullptr});
  EXPECT_EQ(refused.code(), StatusCode::kInternal) << refused.to_string();
  EXPECT_NE(refused.to_string().find("out of order"), std::string::npos) << refused.to_string();
  EXPECT_EQ(manifest_on_disk(0), manifest_before);
  EXPECT_EQ(set_->current()->partitions.at(0)->segments.size(), 2u);
}

TEST_F(PartitionSetTest, AFailedManifestWriteReturnsTheErrorPublishesNothingAndKeepsEveryFile) {
  const auto live = live_segments({1, 1});
  const ManifestSegment &a = live[0], &b = live[1];
  const auto state_before = set_->current();
  const auto merged = write_segment(0, 2);

  fs_.set_write_fault(FaultyFileSystem::WriteFault::kNoSpace);
  const Status failed = set_->apply({"compaction", {{0, {a.number, b.number}, {merged}}}, nullptr});
  fs_.set_write_fault(FaultyFileSystem::WriteFault::kNone);

  EXPECT_FALSE(failed.is_ok());
  EXPECT_NE(failed.to_string().find("publish compaction"), std::string::npos) << failed.to_string();
  EXPECT_EQ(set_->current(), state_before);
  EXPECT_EQ(numbers(manifest_on_disk(0)), (std::vector<uint64_t>{a.number, b.number}));
  for (uint64_t number : {a.number, b.number, merged.number}) EXPECT_TRUE(fs_.exists(segment_path(0, number)));
  // The next edit of the partition writes its manifest whole from the unchanged list.
  ASSERT_TRUE(set_->apply({"compaction", {{0, {a.number, b.number}, {merged}}}, nullptr}).is_ok());
  EXPECT_EQ(numbers(manifest_on_disk(0)), (std::vector<uint64_t>{merged.number}));
}

TEST_F(PartitionSetTest, RotationsRacingEditsLoseNeitherSidesChange) {
  constexpr int kEdits = 40;
  std::vector<ManifestSegment> segments;
  for (int day = 0; day < kEdits; ++day) segments.push_back(write_segment(day, 1));
  std::thread editor([&] {
    for (int day = 0; day < kEdits; ++day) {
      EXPECT_TRUE(set_->apply({"flush", {{day, {}, {segments[day]}}}, nullptr}).is_ok());
    }
  });
  for (int rotation = 0; rotation < kEdits; ++rotation) set_->rotate_memtable(std::make_shared<Memtable>(rotation + 2));
  editor.join();

  const auto state = set_->current();
  EXPECT_EQ(state->partitions.size(), static_cast<size_t>(kEdits));
  EXPECT_EQ(state->flushing.size(), static_cast<size_t>(kEdits));
  EXPECT_EQ(state->active->first_sequence(), static_cast<uint64_t>(kEdits + 1));
  // And an edit that names a flushed memtable takes exactly that one out.
  const auto flushed = state->flushing[3];
  ASSERT_TRUE(set_->apply({"flush", {}, flushed}).is_ok());
  EXPECT_EQ(set_->current()->flushing.size(), static_cast<size_t>(kEdits - 1));
  EXPECT_EQ(std::count(set_->current()->flushing.begin(), set_->current()->flushing.end(), flushed), 0);
}

}  // namespace
}  // namespace strata
