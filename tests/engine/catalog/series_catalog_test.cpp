#include "engine/catalog/series_catalog.h"

#include <gtest/gtest.h>

#include <thread>

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/catalog/series_catalog_format.h"
#include "engine/io/faulty_file_system.h"
#include "engine/io/synced_length.h"
#include "engine/wal/wal_segment_files.h"

namespace strata {
namespace {

class SeriesCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs_.create_dir("/t").is_ok()); }
  std::unique_ptr<SeriesCatalog> open(SeriesCatalogOptions options = {}) {
    auto catalog = SeriesCatalog::open(fs_, "/t", std::move(options));
    EXPECT_TRUE(catalog.has_value()) << catalog.status().to_string();
    if (!catalog.has_value()) return nullptr;
    const Status writable = (*catalog)->open_for_writes();
    EXPECT_TRUE(writable.is_ok()) << writable.to_string();
    return std::move(catalog).value();
  }
  static std::string path() { return std::string("/t/") + kSeriesCatalogFileName; }
  // Replaces the catalog file's contents (durably) with `contents`.
  void rewrite(std::string_view contents) {
    auto file = fs_.create_file(path()).value();
    ASSERT_TRUE(file->append_and_sync(contents).is_ok());
  }
  FaultyFileSystem fs_;
};

TEST_F(SeriesCatalogTest, PersistsSeriesAndFieldsAcrossReopen) {
  SeriesId id;
  FieldId field;
  {
    auto catalog = open();
    id = catalog->find_or_add_series("cpu,host=a").value();
    EXPECT_EQ(catalog->find_or_add_series("cpu,host=a").value(), id);
    field = catalog->find_or_add_field("cpu", "usage", ValueType::kFloat64).value();
    ASSERT_TRUE(catalog->sync().is_ok());
  }
  fs_.simulate_crash();
  auto catalog = open();
  EXPECT_EQ(catalog->series_key(id), "cpu,host=a");
  EXPECT_EQ(catalog->find_or_add_series("cpu,host=a").value(), id);
  EXPECT_EQ(catalog->field(field)->name, "usage");
  EXPECT_EQ(catalog->index().tag_values("cpu", "host"), std::vector<std::string>{"a"});
}

TEST_F(SeriesCatalogTest, UnsyncedEntriesAreGoneAfterACrash) {
  {
    auto catalog = open();
    (void)catalog->find_or_add_series("cpu,host=a").value();
    ASSERT_TRUE(catalog->sync().is_ok());
    (void)catalog->find_or_add_series("cpu,host=b").value();
  }
  fs_.simulate_crash();
  auto catalog = open();
  EXPECT_EQ(catalog->series_count(), 1u);
}

TEST_F(SeriesCatalogTest, CollidingHashesGetDistinctIds) {
  SeriesCatalogOptions options;
  options.series_hash = [](std::string_view, uint64_t attempt) { return 100 + attempt; };  // everything collides
  SeriesId a, b;
  {
    auto catalog = open(options);
    a = catalog->find_or_add_series("m,k=a").value();
    b = catalog->find_or_add_series("m,k=b").value();
    EXPECT_EQ(a.value, 100u);
    EXPECT_EQ(b.value, 101u);
    ASSERT_TRUE(catalog->sync().is_ok());
  }
  auto catalog = open(options);  // ids come from the file, not from hashing again
  EXPECT_EQ(catalog->find_or_add_series("m,k=b").value(), b);
  EXPECT_EQ(catalog->series_key(a), "m,k=a");
}

TEST_F(SeriesCatalogTest, FieldTypeConflictUsesInfluxDbWording) {
  auto catalog = open();
  ASSERT_TRUE(catalog->find_or_add_field("m", "f", ValueType::kFloat64).has_value());
  const auto conflict = catalog->find_or_add_field("m", "f", ValueType::kInt64);
  EXPECT_EQ(conflict.status().code(), StatusCode::kConflict);
  EXPECT_EQ(conflict.status().message(),
            "field type conflict: input field \"f\" on measurement \"m\" is type integer, already exists as type float");
  EXPECT_TRUE(catalog->find_or_add_field("other", "f", ValueType::kInt64).has_value());  // per measurement
}

TEST_F(SeriesCatalogTest, TornTailPastTheSyncedLengthIsCutAtEveryByte) {
  {
    auto catalog = open();
    (void)catalog->find_or_add_series("m,k=a").value();
    ASSERT_TRUE(catalog->sync().is_ok());
    (void)catalog->find_or_add_series("m,k=b").value();  // appended, never synced
  }
  const std::string full = fs_.read_file(path()).value();
  const size_t synced = kSeriesCatalogRecordsOffset + kCatalogRecordHeaderBytes + 1 + 8 + 5;
  for (size_t length = synced; length < full.size(); ++length) {
    rewrite(full.substr(0, length));
    auto catalog = open();
    ASSERT_NE(catalog, nullptr);
    EXPECT_EQ(catalog->series_count(), 1u) << length;
    EXPECT_EQ(fs_.file_size(path()).value(), synced) << "cut at the synced length, length " << length;
  }
}

TEST_F(SeriesCatalogTest, WholeRecordsPastTheSyncedLengthAreKeptAndVouchedForByTheNextSync) {
  {
    auto catalog = open();
    (void)catalog->find_or_add_series("m,k=a").value();
    ASSERT_TRUE(catalog->sync().is_ok());
    (void)catalog->find_or_add_series("m,k=b").value();  // appended, never vouched for
  }
  const std::string image = fs_.read_file(path()).value();
  rewrite(image);  // "b" on disk, as when the process dies between its sync and the slot's
  auto catalog = open();
  EXPECT_EQ(catalog->series_count(), 2u);
  // Found, not added: yet the sync before a WAL record that uses it must vouch for it.
  (void)catalog->find_or_add_series("m,k=b").value();
  ASSERT_TRUE(catalog->sync().is_ok());
  const std::string synced = fs_.read_file(path()).value();
  const auto length = decode_synced_length(std::string_view(synced).substr(kSeriesCatalogSyncedLengthOffset, kSyncedLengthBytes));
  ASSERT_TRUE(length.has_value());
  EXPECT_EQ(length->length, synced.size());
}

TEST_F(SeriesCatalogTest, TruncationBeforeTheSyncedLengthIsRefusedAtEveryByte) {
  {
    auto catalog = open();
    (void)catalog->find_or_add_series("m,k=a").value();
    (void)catalog->find_or_add_series("m,k=b").value();
    ASSERT_TRUE(catalog->sync().is_ok());
  }
  const std::string full = fs_.read_file(path()).value();
  for (size_t length = 0; length < full.size(); ++length) {
    rewrite(full.substr(0, length));
    const auto catalog = SeriesCatalog::open(fs_, "/t");
    ASSERT_FALSE(catalog.has_value()) << length;
    EXPECT_EQ(catalog.status().code(), StatusCode::kCorruption) << length;
    EXPECT_NE(catalog.status().message().find(path()), std::string::npos) << catalog.status().to_string();
    EXPECT_NE(catalog.status().message().find("offset"), std::string::npos) << catalog.status().to_string();
  }
}

TEST_F(SeriesCatalogTest, FlippedLengthOfTheFirstRecordIsRefusedNotTakenForATornTail) {
  {
    auto catalog = open();
    for (int host = 0; host < 20; ++host) (void)catalog->find_or_add_series("m,k=" + std::to_string(host)).value();
    ASSERT_TRUE(catalog->sync().is_ok());
  }
  const uint64_t length_byte = kSeriesCatalogRecordsOffset + 8 + 2;  // the length's third byte
  ASSERT_TRUE(fs_.flip_bit(path(), length_byte * 8 + 7).is_ok());
  const auto catalog = SeriesCatalog::open(fs_, "/t");
  EXPECT_EQ(catalog.status().code(), StatusCode::kCorruption);
  EXPECT_NE(catalog.status().message().find("at offset 64, before the synced length"), std::string::npos)
      << catalog.status().to_string();
}

TEST_F(SeriesCatalogTest, EverySingleBitFlipOpensWholeOrIsRefused) {
  {
    auto catalog = open();
    (void)catalog->find_or_add_series("m,k=a").value();
    (void)catalog->find_or_add_field("m", "f", ValueType::kFloat64).value();
    ASSERT_TRUE(catalog->sync().is_ok());
    (void)catalog->find_or_add_series("m,k=b").value();
    ASSERT_TRUE(catalog->sync().is_ok());
  }
  const std::string good = fs_.read_file(path()).value();
  for (size_t bit = 0; bit < good.size() * 8; ++bit) {
    std::string damaged = good;
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    rewrite(damaged);
    const auto catalog = SeriesCatalog::open(fs_, "/t");
    if (!catalog.has_value()) {
      EXPECT_EQ(catalog.status().code(), StatusCode::kCorruption) << bit;
      continue;
    }
    // Only a flip in a synced-length slot can be survived, and then nothing is lost.
    EXPECT_GE(bit / 8, kSeriesCatalogSyncedLengthOffset) << bit;
    EXPECT_LT(bit / 8, kSeriesCatalogRecordsOffset) << bit;
    EXPECT_EQ((*catalog)->series_count(), 2u) << bit;
    EXPECT_EQ((*catalog)->field(FieldId{1})->name, "f") << bit;
  }
}

TEST_F(SeriesCatalogTest, VersionOneFileIsReadAndRewrittenAsVersionTwo) {
  // A version 1 file as earlier releases wrote it: header, then one series record.
  std::string image;
  put_fixed64(image, kSeriesCatalogMagic);
  put_fixed16(image, kSeriesCatalogVersion1);
  put_fixed16(image, 0);
  put_fixed32(image, 0);
  put_fixed64(image, 0);
  put_fixed64(image, checksum64(image));
  std::string payload(1, static_cast<char>(CatalogRecordKind::kSeries));
  put_fixed64(payload, 7);
  payload += "m,k=a";
  append_wal_record(image, payload);
  rewrite(image);
  {
    auto catalog = open();
    ASSERT_NE(catalog, nullptr);
    EXPECT_EQ(catalog->series_key(SeriesId{7}), "m,k=a");
    (void)catalog->find_or_add_series("m,k=b").value();
    ASSERT_TRUE(catalog->sync().is_ok());
  }
  const std::string upgraded = fs_.read_file(path()).value();
  EXPECT_EQ(load_fixed16(upgraded.data() + 8), kSeriesCatalogVersion);
  auto catalog = open();
  EXPECT_EQ(catalog->series_count(), 2u);
}

TEST_F(SeriesCatalogTest, ConcurrentAddsAgreeOnIds) {
  auto catalog = open();
  std::vector<std::vector<SeriesId>> seen(4);
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&, thread] {
      for (int index = 0; index < 500; ++index) {
        seen[thread].push_back(catalog->find_or_add_series("m,k=" + std::to_string(index)).value());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int thread = 1; thread < 4; ++thread) EXPECT_EQ(seen[thread], seen[0]);
  EXPECT_EQ(catalog->series_count(), 500u);
}

}  // namespace
}  // namespace strata
