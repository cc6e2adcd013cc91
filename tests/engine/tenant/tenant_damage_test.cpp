// Whole tenants on a disk that goes bad (issue 14 §2; docs/format/synced-length.md §6,
// series.md §6, wal.md §6, tenant.md §6). A small tenant is built once on an in-memory
// disk; then every single-bit flip, every truncation and zeroed ranges at every offset of
// series.cat, the newest WAL segment and TENANT are applied to a copy of that disk and the
// engine is reopened on it. Either the tenant opens with every acknowledged point under the
// right series and field and exactly the series and fields written, or it is refused with
// an error naming the file and the offset: never fewer series, never a value under another
// field. Plus the end-to-end case of the issue (a flipped length bit in the first catalog
// record, in version 2 and in the version 1 golden directory) and catalogs that are valid
// but lack ids in use (empty, or restored from an older copy).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>
#include <variant>

#include "engine/base/log.h"
#include "engine/engine.h"
#include "engine/io/faulty_file_system.h"

namespace strata {
namespace {

const std::string kDataDirectory = "/db";
constexpr char kTenantName[] = "t";
const std::string kTenantDirectory = "/db/tenants/t";
const std::string kCatalogPath = kTenantDirectory + "/series.cat";
const std::string kSettingsPath = kTenantDirectory + "/TENANT";
constexpr int64_t kT0 = 1'700'000'000'000'000'000LL;  // every point in one day partition
constexpr int64_t kSecond = 1'000'000'000LL;
// docs/format/synced-length.md §1, wal.md §3, series.md §3: a 32-byte header, two 16-byte
// slots, then records framed as checksum u64, length u32, payload.
constexpr uint64_t kSlotsOffset = 32;
constexpr uint64_t kSlotBytes = 16;
constexpr uint64_t kRecordsOffset = 64;
constexpr uint64_t kFrameHeaderBytes = 12;

using Value = std::variant<double, int64_t, uint64_t, bool, std::string>;  // ValueType order

ValueType type_of(const Value& value) { return static_cast<ValueType>(value.index() + 1); }

std::string show(const Value& value) {
  std::ostringstream out;
  std::visit([&](const auto& v) { out << v; }, value);
  return out.str() + " (" + std::string(value_type_name(type_of(value))) + ")";
}

uint64_t load_u64(const std::string& bytes, uint64_t offset) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<uint8_t>(bytes[offset + i]);
  return value;
}

// A point as the test writes it; what the tenant must hold is computed from these.
struct TestPoint {
  std::string measurement;
  std::vector<std::pair<std::string, std::string>> tags;  // sorted by key
  int64_t timestamp_ns;
  std::vector<std::pair<std::string, Value>> fields;
};

// What a reader of the tenant sees, by name.
struct TenantContents {
  std::map<std::string, std::map<std::string, ValueType>> fields;                  // measurement -> field -> type
  std::set<std::string> series;                                                    // canonical keys
  std::map<std::pair<std::string, std::string>, std::map<int64_t, Value>> points;  // (series, field) -> time -> value
};

// series.md §4: the measurement, then `,key=value` for each tag in key order.
std::string canonical_key(const TestPoint& point) {
  std::string key = point.measurement;
  for (const auto& [tag, value] : point.tags) key += "," + tag + "=" + value;
  return key;
}

void record_points(const std::vector<TestPoint>& points, TenantContents& contents) {
  for (const TestPoint& point : points) {
    const std::string key = canonical_key(point);
    contents.series.insert(key);
    for (const auto& [name, value] : point.fields) {
      contents.fields[point.measurement][name] = type_of(value);
      contents.points[{key, name}][point.timestamp_ns] = value;  // last write wins
    }
  }
}

WriteBatch to_batch(const std::vector<TestPoint>& points) {
  WriteBatch batch;
  for (const TestPoint& point : points) {
    batch.begin_point(point.measurement, point.timestamp_ns);
    for (const auto& [key, value] : point.tags) batch.add_tag(key, value);
    for (const auto& [name, value] : point.fields) {
      std::visit(
          [&](const auto& v) {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
              batch.add_field(name, std::string_view(v));
            } else {
              batch.add_field(name, v);
            }
          },
          value);
    }
  }
  return batch;
}

class CollectValues final : public ScanVisitor {
 public:
  explicit CollectValues(std::map<int64_t, Value>& out) : out_(out) {}
  Status on_points(const DecodedBlock& block) override {
    std::visit(
        [&](const auto& values) {
          for (size_t i = 0; i < values.size(); ++i) {
            if constexpr (std::is_same_v<std::decay_t<decltype(values)>, std::vector<uint8_t>>) {
              out_[block.timestamps_ns[i]] = Value(values[i] != 0);
            } else {
              out_[block.timestamps_ns[i]] = Value(values[i]);
            }
          }
        },
        block.values);
    return Status::ok();
  }
  Status on_stats(const BlockStats&) override { return Status::internal("statistics were not asked for"); }

 private:
  std::map<int64_t, Value>& out_;
};

// Every measurement, field, series and point the tenant answers with, by name.
Result<TenantContents> read_contents(const Tenant& tenant) {
  TenantContents contents;
  const auto snapshot = tenant.snapshot();
  for (const std::string& measurement : snapshot->measurements()) {
    const std::vector<FieldInfo> fields = snapshot->fields(measurement);
    for (const FieldInfo& field : fields) contents.fields[measurement][field.name] = field.type;
    STRATA_ASSIGN_OR_RETURN(const std::vector<SeriesId> ids, snapshot->select_series(measurement, {}));
    for (const SeriesId id : ids) {
      const std::string key = snapshot->series_key(id).value_or("<unknown id " + std::to_string(id.value) + ">");
      contents.series.insert(key);
      for (const FieldInfo& field : fields) {
        std::map<int64_t, Value> values;
        CollectValues collect(values);
        STRATA_RETURN_IF_ERROR(snapshot->scan(ColumnKey{id, field.id}, std::numeric_limits<int64_t>::min(),
                                              std::numeric_limits<int64_t>::max(), ScanOptions{}, collect));
        if (!values.empty()) contents.points[{key, field.name}] = std::move(values);
      }
    }
  }
  return contents;
}

// The first way `got` differs from `want`, in words; empty when they are the same.
std::string first_difference(const TenantContents& want, const TenantContents& got) {
  for (const std::string& key : want.series) {
    if (!got.series.contains(key)) return "series " + key + " is missing";
  }
  for (const std::string& key : got.series) {
    if (!want.series.contains(key)) return "series " + key + " was never written";
  }
  if (want.fields != got.fields) {
    for (const auto& [measurement, fields] : want.fields) {
      for (const auto& [name, type] : fields) {
        auto m = got.fields.find(measurement);
        if (m == got.fields.end() || !m->second.contains(name))
          return "field " + measurement + "." + name + " is missing";
        if (m->second.at(name) != type) return "field " + measurement + "." + name + " has another type";
      }
    }
    return "fields appear that were never written";
  }
  for (const auto& [column, points] : want.points) {
    const std::string where = column.first + " " + column.second;
    auto it = got.points.find(column);
    if (it == got.points.end()) return where + ": no points";
    for (const auto& [timestamp, value] : points) {
      auto found = it->second.find(timestamp);
      if (found == it->second.end()) return where + " @" + std::to_string(timestamp) + ": missing";
      if (found->second != value)
        return where + " @" + std::to_string(timestamp) + ": " + show(found->second) + ", want " + show(value);
    }
    if (it->second.size() != points.size()) return where + ": points that were never written";
  }
  for (const auto& [column, points] : got.points) {
    if (!want.points.contains(column)) return column.first + " " + column.second + ": points that were never written";
  }
  return "";
}

// A data directory in memory: its directories and every file's bytes. Restored into a
// fresh FaultyFileSystem, all durable, so each case starts from the same disk.
struct DiskImage {
  std::set<std::string> directories;
  std::map<std::string, std::string> files;
};

void capture(FileSystem& fs, const std::string& directory, DiskImage& image) {
  image.directories.insert(directory);
  auto names = fs.list_dir(directory);
  ASSERT_TRUE(names.has_value()) << names.status().to_string();
  for (const std::string& name : *names) {
    const std::string path = join_path(directory, name);
    if (auto bytes = fs.read_file(path); bytes.has_value()) {
      image.files[path] = std::move(bytes).value();
    } else {
      capture(fs, path, image);
    }
  }
}

void restore(const DiskImage& image, FaultyFileSystem& fs) {
  for (const std::string& directory : image.directories)
    ASSERT_TRUE(fs.create_dir(directory).is_ok());  // parents first
  for (const auto& [path, bytes] : image.files) {
    auto file = fs.create_file(path);
    ASSERT_TRUE(file.has_value()) << file.status().to_string();
    ASSERT_TRUE((*file)->append(bytes).is_ok());
    ASSERT_TRUE((*file)->sync().is_ok());
  }
  for (const std::string& directory : image.directories) ASSERT_TRUE(fs.sync_dir(directory).is_ok());
}

// A data directory kept in the source tree (tests/data/format/), as an image under /db.
DiskImage load_directory(const std::string& root) {
  DiskImage image;
  image.directories.insert(kDataDirectory);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::string path = kDataDirectory + entry.path().string().substr(root.size());
    if (entry.is_directory()) {
      image.directories.insert(path);
    } else {
      std::ifstream in(entry.path(), std::ios::binary);
      image.files[path] = std::string(std::istreambuf_iterator<char>(in), {});
    }
  }
  return image;
}

// The newest WAL segment of tenant t; segment names sort by number (wal.md §1).
std::string newest_wal_path(const DiskImage& image) {
  std::string newest;
  for (const auto& [path, bytes] : image.files) {
    if (path.starts_with(kTenantDirectory + "/wal/wal-") && path.ends_with(".log")) newest = path;
  }
  return newest;
}

// One damage to one file, at one offset.
struct Damage {
  enum class Kind : uint8_t { kFlip, kTruncate, kZero };
  Kind kind;
  uint64_t offset;
  uint64_t amount;  // the bit (0-7) flipped, or the bytes zeroed

  std::string apply(std::string bytes) const {
    switch (kind) {
      case Kind::kFlip: bytes[offset] = static_cast<char>(bytes[offset] ^ (1 << amount)); break;
      case Kind::kTruncate: bytes.resize(offset); break;
      case Kind::kZero:
        bytes.replace(offset, std::min(amount, bytes.size() - offset), std::min(amount, bytes.size() - offset), '\0');
        break;
    }
    return bytes;
  }
  std::string family() const {
    switch (kind) {
      case Kind::kFlip: return "bit flips";
      case Kind::kTruncate: return "truncations";
      case Kind::kZero: return "zeroed " + std::to_string(amount) + (amount == 1 ? " byte" : " bytes");
    }
    return "";
  }
  std::string describe() const {
    switch (kind) {
      case Kind::kFlip: return "bit " + std::to_string(amount) + " of byte " + std::to_string(offset) + " flipped";
      case Kind::kTruncate: return "truncated to " + std::to_string(offset) + " bytes";
      case Kind::kZero: return std::to_string(amount) + " bytes zeroed from offset " + std::to_string(offset);
    }
    return "";
  }
};

// Where each framed record of a header+slots+records file starts (wal.md §3), read from the
// test's own copy of the bytes.
std::vector<uint64_t> record_starts(const std::string& bytes) {
  std::vector<uint64_t> starts;
  for (uint64_t at = kRecordsOffset; at + kFrameHeaderBytes <= bytes.size();) {
    starts.push_back(at);
    at += kFrameHeaderBytes + (load_u64(bytes, at + 8) & 0xffffffffu);
  }
  return starts;
}

enum class FileRule : uint8_t {
  kSlotted,           // series.cat, WAL: damage to one slot alone is survived, any other change refused
  kChecksummedWhole,  // TENANT: any change refused
};

struct Expectation {
  bool opens_whole = false;
  std::optional<uint64_t> offset;                                // the offset the refusal must name exactly, when known
  uint64_t offset_below = std::numeric_limits<uint64_t>::max();  // else: it must name one below this
};

Expectation opens_whole() {
  Expectation expectation;
  expectation.opens_whole = true;
  return expectation;
}

// What the format documents promise for `damaged`, worked out from the bytes alone.
Expectation expect(FileRule rule, const std::string& original, const std::string& damaged) {
  Expectation expectation;
  if (damaged == original) return opens_whole();
  if (rule == FileRule::kChecksummedWhole) {
    expectation.offset_below = original.size();
    return expectation;
  }
  if (damaged.size() < original.size()) {  // shorter than its synced length (the whole file)
    if (damaged.size() >= kRecordsOffset)
      expectation.offset = damaged.size();
    else
      expectation.offset_below = kRecordsOffset;
    return expectation;
  }
  // The changed bytes, by region: header, slot 0, slot 1, records.
  bool header = false, slot[2] = {false, false};
  std::optional<uint64_t> first_in_records;
  for (uint64_t at = 0; at < damaged.size(); ++at) {
    if (damaged[at] == original[at]) continue;
    if (at < kSlotsOffset)
      header = true;
    else if (at < kRecordsOffset)
      slot[(at - kSlotsOffset) / kSlotBytes] = true;
    else if (!first_in_records)
      first_in_records = at;
  }
  if (header) {
    expectation.offset_below = kSlotsOffset;  // a header check names its field
  } else if (slot[0] && slot[1]) {
    expectation.offset = kSlotsOffset;  // neither slot holds
  } else if (!first_in_records) {
    return opens_whole();  // the other slot holds (synced-length.md §6)
  } else {
    for (const uint64_t start : record_starts(original)) {
      if (start <= *first_in_records) expectation.offset = start;  // the record holding the first changed byte
    }
  }
  return expectation;
}

// The number after the first "offset " of a message.
std::optional<uint64_t> named_offset(std::string_view message) {
  const size_t at = message.find("offset ");
  if (at == std::string_view::npos) return std::nullopt;
  uint64_t value = 0;
  size_t digits = 0;
  for (size_t i = at + 7; i < message.size() && message[i] >= '0' && message[i] <= '9'; ++i, ++digits) {
    value = value * 10 + static_cast<uint64_t>(message[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  return value;
}

struct Counts {
  int whole = 0;
  int refused = 0;
  int unchanged = 0;  // damage that left the bytes as they were (zeros over zeros): opened whole
};

class TenantDamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Thousands of refusals each log an error line; the verdicts are checked here instead.
    previous_sink_ = set_log_sink([](std::string_view) {});
  }
  void TearDown() override { set_log_sink(previous_sink_); }

  static EngineOptions options(FaultyFileSystem& fs) {
    EngineOptions options;
    options.data_directory = kDataDirectory;
    options.file_system = &fs;
    options.flush_on_close = false;                                      // leave the WAL holding records
    options.tenant_defaults.memtable_flush_age = std::chrono::hours(1);  // flushes only when the test says
    options.tenant_defaults.compaction_min_segments = 0;
    return options;
  }

  // Writes `points` and waits for the acknowledgement; only then do they count.
  void write(Tenant& tenant, const std::vector<TestPoint>& points) {
    auto written = tenant.write(to_batch(points));
    ASSERT_TRUE(written.has_value()) << written.status().to_string();
    ASSERT_EQ(written->points_written, points.size()) << written->first_rejection.to_string();
    record_points(points, expected_);
  }

  // Four series over two measurements, fields of every type. The first write is flushed to
  // a segment; two more (a new series, a new unsigned field, an overwrite of a flushed
  // point) stay in the WAL, one record each.
  void build_small_tenant() {
    FaultyFileSystem fs;
    {
      auto engine = Engine::open(options(fs));
      ASSERT_TRUE(engine.has_value()) << engine.status().to_string();
      ASSERT_TRUE((*engine)->create_tenant(kTenantName).is_ok());
      auto tenant = (*engine)->tenant(kTenantName).value();
      const std::vector<std::pair<std::string, std::string>> a_eu{{"host", "a"}, {"region", "eu"}};
      const std::vector<std::pair<std::string, std::string>> b_us{{"host", "b"}, {"region", "us"}};
      write(*tenant,
            {{"cpu", a_eu, kT0, {{"usage", 1.5}, {"count", int64_t{3}}, {"note", "ok"}, {"up", true}}},
             {"cpu", b_us, kT0, {{"usage", 2.25}, {"count", int64_t{-7}}, {"note", "hot"}, {"up", false}}},
             {"mem", {{"host", "a"}}, kT0, {{"used", 0.5}, {"free", int64_t{1024}}}},
             {"cpu", a_eu, kT0 + kSecond, {{"usage", 1.75}, {"count", int64_t{4}}, {"note", ""}, {"up", true}}}});
      older_catalog_ = fs.read_file(kCatalogPath).value();
      ASSERT_TRUE(tenant->flush().is_ok());
      write(*tenant, {{"cpu", a_eu, kT0, {{"usage", 9.5}}},
                      {"mem",
                       {{"host", "b"}},
                       kT0 + kSecond,
                       {{"used", 0.25}, {"free", int64_t{2048}}, {"total", uint64_t{4096}}}}});
      write(*tenant,
            {{"cpu", b_us, kT0 + 2 * kSecond, {{"usage", 3.0}, {"count", int64_t{8}}, {"note", "cool"}, {"up", true}}},
             {"mem", {{"host", "a"}}, kT0 + 2 * kSecond, {{"used", 0.75}}}});
      ASSERT_TRUE((*engine)->close().is_ok());
    }
    capture(fs, kDataDirectory, image_);
    ASSERT_EQ(expected_.series.size(), 4u);
    wal_path_ = newest_wal_path(image_);
    ASSERT_FALSE(wal_path_.empty());
    ASSERT_EQ(record_starts(image_.files.at(wal_path_)).size(), 2u) << "one WAL record per acknowledged write";
    for (const std::string& path : {kCatalogPath, wal_path_}) {
      // Everything was acknowledged, so the slots vouch for the whole file.
      const std::string& bytes = image_.files.at(path);
      EXPECT_EQ(std::max(load_u64(bytes, kSlotsOffset), load_u64(bytes, kSlotsOffset + kSlotBytes)), bytes.size())
          << path;
    }
  }

  // Reopens the engine on `image` (the file at `path` damaged into `damaged`) and checks it
  // against `expectation`; true when the tenant opened whole, false when it was refused.
  // Any other result is a test failure described with `what`.
  bool reopen_and_check(const DiskImage& image, const std::string& path, const std::string& what,
                        const Expectation& expectation) {
    FaultyFileSystem fs;
    restore(image, fs);
    auto engine = Engine::open(options(fs));
    Status refusal = engine.status();
    std::shared_ptr<Tenant> tenant;
    if (engine.has_value()) {
      auto found = (*engine)->tenant(kTenantName);
      if (found.has_value())
        tenant = *found;
      else
        refusal = found.status();
    }
    if (tenant != nullptr) {
      auto contents = read_contents(*tenant);
      const std::string difference =
          contents.has_value() ? first_difference(expected_, *contents) : contents.status().to_string();
      EXPECT_EQ(difference, "") << path << ", " << what << ": opened with a wrong answer";
      EXPECT_TRUE(expectation.opens_whole) << path << ", " << what << ": opened, but the format promises a refusal";
      if (expectation.opens_whole && difference.empty())
        expect_repaired_state_holds(fs, std::move(*engine), std::move(tenant), path, what);
      return true;
    }
    const bool known_code = refusal.code() == StatusCode::kCorruption || refusal.code() == StatusCode::kUnavailable;
    EXPECT_TRUE(known_code) << path << ", " << what << ": " << refusal.to_string();
    EXPECT_FALSE(expectation.opens_whole)
        << path << ", " << what << ": refused, but the format promises it opens: " << refusal.to_string();
    EXPECT_NE(refusal.message().find(path), std::string_view::npos)
        << path << ", " << what << ": refusal does not name the file: " << refusal.to_string();
    const std::optional<uint64_t> offset = named_offset(refusal.message());
    EXPECT_TRUE(offset.has_value()) << path << ", " << what << ": refusal names no offset: " << refusal.to_string();
    if (offset && expectation.offset) {
      EXPECT_EQ(*offset, *expectation.offset) << path << ", " << what << ": " << refusal.to_string();
    }
    if (offset) {
      EXPECT_LT(*offset, expectation.offset_below) << path << ", " << what << ": " << refusal.to_string();
    }
    if (engine.has_value()) (void)(*engine)->close();
    auto left = fs.read_file(path);  // a refused file is left for the operator as it was
    EXPECT_TRUE(left.has_value() && *left == image.files.at(path))
        << path << ", " << what << ": refused, yet the file changed";
    return false;
  }

  // After a damaged slot was survived, the tenant takes a write that adds a series and a
  // field, and the next reopen holds it and everything before: recovery left the files whole.
  void expect_repaired_state_holds(FaultyFileSystem& fs, std::unique_ptr<Engine> engine, std::shared_ptr<Tenant> tenant,
                                   const std::string& path, const std::string& what) {
    const std::vector<TestPoint> more{{"disk", {{"host", "z"}}, kT0 + 9 * kSecond, {{"io", int64_t{77}}}}};
    TenantContents want = expected_;
    record_points(more, want);
    auto written = tenant->write(to_batch(more));
    ASSERT_TRUE(written.has_value()) << path << ", " << what
                                     << ": a write after recovery: " << written.status().to_string();
    tenant.reset();
    ASSERT_TRUE(engine->close().is_ok());
    engine.reset();
    fs.simulate_crash();
    auto again = Engine::open(options(fs));
    ASSERT_TRUE(again.has_value()) << path << ", " << what << ": second reopen: " << again.status().to_string();
    auto reopened = (*again)->tenant(kTenantName);
    ASSERT_TRUE(reopened.has_value()) << path << ", " << what << ": second reopen: " << reopened.status().to_string();
    auto contents = read_contents(**reopened);
    ASSERT_TRUE(contents.has_value()) << contents.status().to_string();
    EXPECT_EQ(first_difference(want, *contents), "") << path << ", " << what << ": after a write and a second reopen";
  }

  // Every damage at every offset of the file at `path`; the counts per damage family.
  std::map<std::string, Counts> sweep(const std::string& path, FileRule rule) {
    const std::string& original = image_.files.at(path);
    std::vector<Damage> damages;
    for (uint64_t offset = 0; offset < original.size(); ++offset) {
      for (uint64_t bit = 0; bit < 8; ++bit) damages.push_back({Damage::Kind::kFlip, offset, bit});
      damages.push_back({Damage::Kind::kTruncate, offset, 0});
      for (const uint64_t length : {1, 8, 64}) damages.push_back({Damage::Kind::kZero, offset, length});
    }
    std::map<std::string, Counts> counts;
    for (const Damage& damage : damages) {
      DiskImage image = image_;
      const std::string damaged = damage.apply(original);
      image.files[path] = damaged;
      const Expectation expectation = expect(rule, original, damaged);
      const int failures_before = failures();
      const bool whole = reopen_and_check(image, path, damage.describe(), expectation);
      Counts& family = counts[damage.family()];
      (damaged == original ? family.unchanged : whole ? family.whole : family.refused) += 1;
      if (failures() > failures_before && failures() > 40) {
        ADD_FAILURE() << "stopping the sweep of " << path << " after 40 failures";
        break;
      }
    }
    report(path, counts);
    return counts;
  }

  static int failures() {
    const ::testing::TestResult* result = ::testing::UnitTest::GetInstance()->current_test_info()->result();
    int failed = 0;
    for (int i = 0; i < result->total_part_count(); ++i) failed += result->GetTestPartResult(i).failed() ? 1 : 0;
    return failed;
  }

  static void report(const std::string& path, const std::map<std::string, Counts>& counts) {
    const std::string file = path.substr(path.rfind('/') + 1);
    for (const auto& [family, count] : counts) {
      std::cout << "[ damage   ] " << file << ", " << family << ": " << count.whole << " opened whole, "
                << count.refused << " refused, " << count.unchanged << " left the bytes unchanged\n";
      RecordProperty(file + " " + family + " opened whole", count.whole);
      RecordProperty(file + " " + family + " refused", count.refused);
    }
  }

  LogSink previous_sink_;
  DiskImage image_;
  TenantContents expected_;
  std::string wal_path_;
  std::string older_catalog_;  // series.cat as it was before the WAL's writes added a series and a field
};

// What a sweep of a file with synced-length slots must find, every byte of it synced: a
// flip in a slot is survived (32 slot bytes, 8 bits each), anywhere else refused; no
// truncation opens; a zeroed range opens only when it lies within one slot.
void expect_slotted_file_counts(const std::map<std::string, Counts>& counts) {
  EXPECT_EQ(counts.at("bit flips").whole, 32 * 8);
  EXPECT_GT(counts.at("bit flips").refused, 0);
  EXPECT_EQ(counts.at("truncations").whole, 0);
  EXPECT_GT(counts.at("zeroed 8 bytes").whole, 0);
  EXPECT_EQ(counts.at("zeroed 64 bytes").whole, 0);
}

TEST_F(TenantDamageTest, EveryDamageToTheCatalogOpensWholeOrIsRefusedNamingFileAndOffset) {
  build_small_tenant();
  expect_slotted_file_counts(sweep(kCatalogPath, FileRule::kSlotted));
}

TEST_F(TenantDamageTest, EveryDamageToTheNewestWalSegmentOpensWholeOrIsRefusedNamingFileAndOffset) {
  build_small_tenant();
  expect_slotted_file_counts(sweep(wal_path_, FileRule::kSlotted));  // every record acknowledged
}

TEST_F(TenantDamageTest, EveryDamageToTheTenantSettingsIsRefusedNamingFileAndOffset) {
  build_small_tenant();
  const auto counts = sweep(kSettingsPath, FileRule::kChecksummedWhole);
  EXPECT_EQ(counts.at("bit flips").refused, 32 * 8);
  EXPECT_EQ(counts.at("truncations").refused, 32);
  for (const auto& [family, count] : counts) EXPECT_EQ(count.whole, 0) << family;
}

TEST_F(TenantDamageTest, ACatalogRestoredFromAnOlderCopyIsRefusedWhereTheWalFirstUsesAnIdItLacks) {
  build_small_tenant();
  // A whole, valid catalog from before the WAL's first record added mem,host=b and the
  // field total: nothing in it is damaged, only the cross-check can tell (series.md §6).
  DiskImage image = image_;
  image.files[kCatalogPath] = older_catalog_;
  FaultyFileSystem fs;
  restore(image, fs);
  auto engine = Engine::open(options(fs));
  const Status refusal = engine.has_value() ? (*engine)->tenant(kTenantName).status() : engine.status();
  ASSERT_FALSE(refusal.is_ok()) << "served with a catalog that lacks ids the WAL uses";
  EXPECT_NE(refusal.message().find("is not in the series catalog"), std::string_view::npos) << refusal.to_string();
  EXPECT_NE(refusal.message().find(wal_path_), std::string_view::npos) << refusal.to_string();
  EXPECT_EQ(named_offset(refusal.message()), std::optional<uint64_t>(kRecordsOffset)) << refusal.to_string();
}

// The issue's own case, on the version 1 golden directory (records from offset 32, so the
// first record's length is at 40 and its third byte is 42). Version 1's tail rule takes the
// damaged first frame for a torn tail (series.md §5), and the cross-check then refuses the
// tenant; the damaged file must still be there for the operator, as a synced file is never
// cut (synced-length.md §6).
TEST_F(TenantDamageTest, AFlippedLengthBitInAVersion1CatalogIsRefusedAndTheFileKeptAsItWas) {
  DiskImage image = load_directory(std::string(STRATA_SOURCE_DIR) + "/tests/data/format/v1/data");
  const std::string catalog = kDataDirectory + "/tenants/golden/series.cat";
  std::string damaged = image.files.at(catalog);
  damaged[42] = static_cast<char>(damaged[42] ^ 0x80);
  image.files[catalog] = damaged;
  FaultyFileSystem fs;
  restore(image, fs);
  auto engine = Engine::open(options(fs));
  const Status refusal = engine.has_value() ? (*engine)->tenant("golden").status() : engine.status();
  ASSERT_FALSE(refusal.is_ok()) << "a version 1 catalog with its first length damaged was served";
  EXPECT_NE(refusal.message().find("is not in the series catalog"), std::string_view::npos) << refusal.to_string();
  if (engine.has_value()) (void)(*engine)->close();
  const std::string left = fs.read_file(catalog).value();
  EXPECT_TRUE(left == damaged) << "the damaged version 1 catalog was rewritten: " << left.size() << " bytes, was "
                               << damaged.size();
}

// The end-to-end case of issue 14: 20 series with floats a and b, in a segment or only in
// the WAL, and a healthy second tenant beside them.
class TenantDamageEndToEndTest : public TenantDamageTest, public ::testing::WithParamInterface<bool> {
 protected:
  static constexpr int kSeries = 20;
  bool flushed() const { return GetParam(); }

  static std::vector<TestPoint> twenty_series(int64_t timestamp_ns, bool b_first) {
    std::vector<TestPoint> points;
    for (int i = 0; i < kSeries; ++i) {
      const double a = 1.5 + i, b = 1.75 + i;  // as `a=1.5,b=1.75`, distinct per series
      std::vector<std::pair<std::string, Value>> fields{{"a", a}, {"b", b}};
      if (b_first) std::swap(fields[0], fields[1]);
      points.push_back({"m", {{"host", "h" + std::to_string(100 + i)}}, timestamp_ns, fields});
    }
    return points;
  }

  void build() {
    FaultyFileSystem fs;
    {
      auto engine = Engine::open(options(fs)).value();
      ASSERT_TRUE(engine->create_tenant(kTenantName).is_ok());
      ASSERT_TRUE(engine->create_tenant("other").is_ok());
      write(*engine->tenant(kTenantName).value(), twenty_series(kT0, false));
      if (flushed()) {
        ASSERT_TRUE(engine->tenant(kTenantName).value()->flush().is_ok());
      }
      TenantContents mine = expected_;
      expected_ = {};
      write(*engine->tenant("other").value(), {{"m", {{"host", "x"}}, kT0, {{"a", 0.5}}}});
      other_expected_ = std::exchange(expected_, mine);
      ASSERT_TRUE(engine->close().is_ok());
    }
    capture(fs, kDataDirectory, image_);
  }

  // Opens the engine on `fs` and returns the refusal of tenant t (OK if it was served),
  // checking on the way that a refusal keeps the other tenant served and the name taken.
  Status open_expecting_refusal(FaultyFileSystem& fs) {
    auto engine = Engine::open(options(fs));
    if (!engine.has_value()) return engine.status();  // the whole engine refused
    auto tenant = (*engine)->tenant(kTenantName);
    if (tenant.has_value()) {
      // Served although damaged: show what a client would get after rewriting the series
      // with their fields in the other order (the issue's swapped answer).
      ADD_FAILURE() << "the damaged tenant was served";
      EXPECT_TRUE((*tenant)->write(to_batch(twenty_series(kT0 + kSecond, true))).has_value());
      record_points(twenty_series(kT0 + kSecond, true), expected_);
      auto contents = read_contents(**tenant);
      EXPECT_TRUE(contents.has_value() && first_difference(expected_, *contents).empty())
          << (contents.has_value() ? first_difference(expected_, *contents) : contents.status().to_string());
      return Status::ok();
    }
    EXPECT_EQ(tenant.status().code(), StatusCode::kUnavailable) << tenant.status().to_string();
    EXPECT_EQ((*engine)->create_tenant(kTenantName).code(), StatusCode::kAlreadyExists);  // nobody reuses its ids
    auto other = (*engine)->tenant("other");
    EXPECT_TRUE(other.has_value()) << other.status().to_string();
    if (other.has_value()) {
      auto contents = read_contents(**other);
      EXPECT_TRUE(contents.has_value() && first_difference(other_expected_, *contents).empty());
    }
    (void)(*engine)->close();
    return tenant.status();
  }

  TenantContents other_expected_;
};

TEST_P(TenantDamageEndToEndTest,
       AFlippedLengthBitInTheFirstCatalogRecordIsRefusedAtOffset64NeverServedWithFewerSeries) {
  build();
  // series.md §3: the first record at 64, its length u32 at 72; bit 7 of its third byte.
  const std::string original = image_.files.at(kCatalogPath);
  ASSERT_EQ(record_starts(original).front(), 64u);
  std::string damaged = original;
  damaged[74] = static_cast<char>(damaged[74] ^ 0x80);
  image_.files[kCatalogPath] = damaged;
  FaultyFileSystem fs;
  restore(image_, fs);
  for (int restart = 0; restart < 2; ++restart) {  // a refusal cuts nothing, so it stays refused
    const Status refusal = open_expecting_refusal(fs);
    ASSERT_FALSE(refusal.is_ok());
    EXPECT_NE(refusal.message().find(kCatalogPath), std::string_view::npos) << refusal.to_string();
    EXPECT_EQ(named_offset(refusal.message()), std::optional<uint64_t>(64)) << refusal.to_string();
    EXPECT_EQ(fs.read_file(kCatalogPath).value(), damaged) << "restart " << restart;
    fs.simulate_crash();
  }
}

TEST_P(TenantDamageEndToEndTest, ACatalogReplacedByAnEmptyOneIsRefusedBecauseItsIdsAreInUse) {
  build();
  // A valid catalog that holds nothing: the one a new tenant starts with (header and slots).
  std::string empty_catalog;
  {
    FaultyFileSystem fs;
    auto engine = Engine::open(options(fs)).value();
    ASSERT_TRUE(engine->create_tenant("fresh").is_ok());
    ASSERT_TRUE(engine->close().is_ok());
    empty_catalog = fs.read_file("/db/tenants/fresh/series.cat").value();
    ASSERT_EQ(empty_catalog.size(), kRecordsOffset);
  }
  for (const bool deleted : {true, false}) {
    SCOPED_TRACE(deleted ? "series.cat deleted" : "series.cat replaced by an empty catalog");
    DiskImage image = image_;
    if (deleted) {
      image.files.erase(kCatalogPath);
    } else {
      image.files[kCatalogPath] = empty_catalog;
    }
    FaultyFileSystem fs;
    restore(image, fs);
    for (int restart = 0; restart < 2; ++restart) {  // the fresh catalog written at the first open changes nothing
      const Status refusal = open_expecting_refusal(fs);
      ASSERT_FALSE(refusal.is_ok());
      EXPECT_NE(refusal.message().find("is not in the series catalog"), std::string_view::npos) << refusal.to_string();
      // The cross-check names where the id is used: the segment, or the WAL segment and offset.
      const std::string user = flushed() ? "/partitions/" : newest_wal_path(image_);
      EXPECT_NE(refusal.message().find(user), std::string_view::npos) << refusal.to_string();
      if (!flushed()) {
        EXPECT_EQ(named_offset(refusal.message()), std::optional<uint64_t>(64)) << refusal.to_string();
      }
      fs.simulate_crash();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(TenantDamage, TenantDamageEndToEndTest, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) { return info.param ? "Segment" : "Wal"; });

}  // namespace
}  // namespace strata
