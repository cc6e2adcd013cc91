// Segment writer and reader together: round trips, statistics, and damage detection.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/io/faulty_file_system.h"
#include "engine/segment/segment_reader.h"
#include "engine/segment/segment_writer.h"

namespace strata {
namespace {

class SegmentTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs_.create_dir("/p").is_ok()); }

  // Writes a float column with `count` points (1 s apart, value = index / 4) and an int,
  // a bool and a string column; small blocks so columns span several.
  SegmentSummary write_segment(size_t count, uint32_t block_points = 100) {
    auto writer = SegmentWriter::create(fs_, kPath, SegmentWriterOptions{3, block_points}).value();
    std::vector<int64_t> times(count);
    std::vector<double> floats(count);
    std::vector<int64_t> ints(count);
    std::vector<uint8_t> bools(count);
    std::vector<std::string> strings(count);
    for (size_t index = 0; index < count; ++index) {
      times[index] = static_cast<int64_t>(index) * 1'000'000'000LL;
      floats[index] = static_cast<double>(index) / 4;
      ints[index] = static_cast<int64_t>(index) - 10;
      bools[index] = index % 2;
      strings[index] = index % 3 == 0 ? "x" : "y";
    }
    EXPECT_TRUE(writer->add_column(kFloat, times, floats).is_ok());
    EXPECT_TRUE(writer->add_column(kInt, times, ints).is_ok());
    EXPECT_TRUE(writer->add_column(kBool, times, bools).is_ok());
    EXPECT_TRUE(writer->add_column(kString, times, strings).is_ok());
    return writer->finish().value();
  }

  // Opens the segment and reads every block; the first error.
  Status read_everything() {
    auto reader = SegmentReader::open(fs_, kPath);
    if (!reader) return reader.error();
    for (const ColumnEntry& column : (*reader)->columns()) {
      for (const BlockHandle& block : column.blocks) {
        DecodedBlock decoded;
        STRATA_RETURN_IF_ERROR((*reader)->read_block(column, block, decoded));
      }
    }
    return Status::ok();
  }

  static constexpr char kPath[] = "/p/00000000000000000001.seg";
  static constexpr ColumnKey kFloat{SeriesId{5}, FieldId{1}}, kInt{SeriesId{5}, FieldId{2}};
  static constexpr ColumnKey kBool{SeriesId{9}, FieldId{1}}, kString{SeriesId{9}, FieldId{3}};
  FaultyFileSystem fs_;
};

TEST_F(SegmentTest, RoundTripsEveryColumnAcrossBlocks) {
  const SegmentSummary summary = write_segment(250);
  EXPECT_EQ(summary.point_count, 1000u);
  EXPECT_EQ(summary.column_count, 4u);
  auto reader = SegmentReader::open(fs_, kPath).value();
  EXPECT_EQ(reader->summary().point_count, 1000u);
  const ColumnEntry* floats = reader->find_column(kFloat);
  ASSERT_NE(floats, nullptr);
  ASSERT_EQ(floats->blocks.size(), 3u);
  std::vector<double> all;
  for (const BlockHandle& block : floats->blocks) {
    DecodedBlock decoded;
    ASSERT_TRUE(reader->read_block(*floats, block, decoded).is_ok());
    const auto& values = std::get<std::vector<double>>(decoded.values);
    all.insert(all.end(), values.begin(), values.end());
  }
  ASSERT_EQ(all.size(), 250u);
  EXPECT_EQ(all[249], 249.0 / 4);
  DecodedBlock strings;
  const ColumnEntry* string_column = reader->find_column(kString);
  ASSERT_TRUE(reader->read_block(*string_column, string_column->blocks[2], strings).is_ok());
  EXPECT_EQ(std::get<std::vector<std::string>>(strings.values)[0], "y");  // index 200: 200 % 3 != 0
  EXPECT_EQ(strings.timestamps_ns[0], 200'000'000'000LL);
  EXPECT_EQ(reader->find_column(ColumnKey{SeriesId{5}, FieldId{3}}), nullptr);
}

TEST_F(SegmentTest, BlockStatisticsMatchTheValues) {
  write_segment(250);
  auto reader = SegmentReader::open(fs_, kPath).value();
  const BlockStats& floats = reader->find_column(kFloat)->blocks[1].stats;  // points 100..199
  EXPECT_EQ(floats.count, 100u);
  EXPECT_EQ(floats.min_time_ns, 100'000'000'000LL);
  EXPECT_EQ(floats.max_time_ns, 199'000'000'000LL);
  EXPECT_EQ(std::get<double>(floats.min), 25.0);
  EXPECT_EQ(std::get<double>(floats.max), 49.75);
  EXPECT_EQ(std::get<double>(floats.sum), (100 + 199) * 100 / 2 / 4.0);
  EXPECT_EQ(std::get<double>(floats.first), 25.0);
  const BlockStats& ints = reader->find_column(kInt)->blocks[0].stats;
  EXPECT_EQ(std::get<int64_t>(ints.sum), (0 + 99) * 100 / 2 - 10 * 100);
  const BlockStats& bools = reader->find_column(kBool)->blocks[0].stats;
  EXPECT_EQ(std::get<uint64_t>(bools.sum), 50u);
  EXPECT_FALSE(reader->find_column(kString)->blocks[0].stats.has_numeric_stats);
}

TEST_F(SegmentTest, NanIsSkippedByMinMaxAndPoisonsTheSum) {
  auto writer = SegmentWriter::create(fs_, kPath, {}).value();
  const std::vector<int64_t> times{1, 2, 3};
  ASSERT_TRUE(writer->add_column(kFloat, times, std::vector<double>{2.0, NAN, -1.0}).is_ok());
  ASSERT_TRUE(writer->add_column(kInt, times,
                                 std::vector<int64_t>{std::numeric_limits<int64_t>::max(), 1, 0})
                  .is_ok());
  ASSERT_TRUE(writer->finish().has_value());
  auto reader = SegmentReader::open(fs_, kPath).value();
  const BlockStats& floats = reader->find_column(kFloat)->blocks[0].stats;
  EXPECT_EQ(std::get<double>(floats.min), -1.0);
  EXPECT_EQ(std::get<double>(floats.max), 2.0);
  EXPECT_TRUE(std::isnan(std::get<double>(floats.sum)));
  EXPECT_TRUE(reader->find_column(kInt)->blocks[0].stats.sum_overflowed);
}

TEST_F(SegmentTest, EveryFlippedBitIsDetected) {
  write_segment(30, 10);
  const uint64_t size = fs_.file_size(kPath).value();
  for (uint64_t bit = 0; bit < size * 8; ++bit) {
    ASSERT_TRUE(fs_.flip_bit(kPath, bit).is_ok());
    const Status status = read_everything();
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << "bit " << bit << " of " << size * 8;
    ASSERT_TRUE(fs_.flip_bit(kPath, bit).is_ok());
  }
  EXPECT_TRUE(read_everything().is_ok());
}

TEST_F(SegmentTest, TruncatedFilesFailCleanlyAtOpen) {
  write_segment(30, 10);
  const uint64_t size = fs_.file_size(kPath).value();
  for (uint64_t length = 0; length < size; ++length) {
    FaultyFileSystem copy;
    ASSERT_TRUE(copy.create_dir("/p").is_ok());
    const std::string contents = fs_.read_file(kPath).value();
    auto file = copy.create_file(kPath).value();
    ASSERT_TRUE(file->append(std::string_view(contents).substr(0, length)).is_ok());
    auto reader = SegmentReader::open(copy, kPath);
    EXPECT_FALSE(reader.has_value()) << length;
  }
}

}  // namespace
}  // namespace strata
