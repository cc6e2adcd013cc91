#include "engine/catalog/series_catalog.h"

#include <gtest/gtest.h>

#include <thread>

#include "engine/catalog/series_catalog_format.h"
#include "engine/io/faulty_file_system.h"

namespace strata {
namespace {

class SeriesCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs_.create_dir("/t").is_ok()); }
  std::unique_ptr<SeriesCatalog> open(SeriesCatalogOptions options = {}) {
    auto catalog = SeriesCatalog::open(fs_, "/t", std::move(options));
    EXPECT_TRUE(catalog.has_value()) << catalog.status().to_string();
    return catalog.has_value() ? std::move(catalog).value() : nullptr;
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

TEST_F(SeriesCatalogTest, UnsyncedEntriesAreGoneAfterACrashAndTheTailIsCut) {
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

TEST_F(SeriesCatalogTest, TornTailAtEveryByteIsCut) {
  {
    auto catalog = open();
    (void)catalog->find_or_add_series("m,k=a").value();
    (void)catalog->find_or_add_series("m,k=b").value();
    ASSERT_TRUE(catalog->sync().is_ok());
  }
  const std::string path = std::string("/t/") + kSeriesCatalogFileName;
  const std::string full = fs_.read_file(path).value();
  const size_t last_record = kSeriesCatalogHeaderBytes + kCatalogRecordHeaderBytes + 1 + 8 + 5;
  for (size_t length = last_record; length < full.size(); ++length) {
    auto file = fs_.create_file(path).value();
    ASSERT_TRUE(file->append(std::string_view(full).substr(0, length)).is_ok());
    auto catalog = open();
    ASSERT_NE(catalog, nullptr);
    EXPECT_EQ(catalog->series_count(), 1u) << length;
  }
}

TEST_F(SeriesCatalogTest, DamageBeforeTheTailRefusesToOpen) {
  {
    auto catalog = open();
    (void)catalog->find_or_add_series("m,k=a").value();
    (void)catalog->find_or_add_series("m,k=b").value();
    ASSERT_TRUE(catalog->sync().is_ok());
  }
  const std::string path = std::string("/t/") + kSeriesCatalogFileName;
  ASSERT_TRUE(fs_.flip_bit(path, (kSeriesCatalogHeaderBytes + kCatalogRecordHeaderBytes + 3) * 8).is_ok());
  auto catalog = SeriesCatalog::open(fs_, "/t");
  EXPECT_EQ(catalog.status().code(), StatusCode::kCorruption);
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
