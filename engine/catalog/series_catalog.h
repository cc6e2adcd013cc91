// SeriesCatalog: a tenant's series (id → canonical key) and fields (id → measurement,
// name, fixed type), in the append-only file series.cat (docs/format/series.md). New
// entries are appended as they are first seen and made durable by sync(), which the write
// path calls before any WAL record uses them. Feeds the tag index. Thread-safe; lookups of
// known entries take a shared lock only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "engine/base/mutex.h"
#include "engine/base/result.h"
#include "engine/base/string_map.h"
#include "engine/index/tag_index.h"
#include "engine/io/file_system.h"
#include "engine/io/synced_length.h"
#include "engine/wal/record_frames.h"
#include "engine/series_id.h"
#include "engine/value_type.h"

namespace strata {

struct CatalogField {
  FieldId id;
  std::string measurement;
  std::string name;
  ValueType type;
};

struct SeriesCatalogOptions {
  // The id of a key on its `attempt`-th try (0, 1, ...): a collision with another key moves
  // on to the next attempt. Tests replace it to force collisions.
  std::function<uint64_t(std::string_view key, uint64_t attempt)> series_hash;
};

class SeriesCatalog {
 public:
  // Loads `directory`/series.cat without changing it (docs/format/series.md). Damage before
  // the file's synced length is kCorruption naming the file and offset; bytes past it that
  // are not whole records are a torn tail, cut by open_for_writes(). Lookups work at once;
  // new entries only after open_for_writes().
  static Result<std::unique_ptr<SeriesCatalog>> open(FileSystem& fs, const std::string& directory,
                                                     SeriesCatalogOptions options = {});
  // Makes the file ready for appends: creates it when absent, cuts a torn tail, rewrites a
  // version 1 file as version 2. The tenant calls it once recovery has found every id its
  // segments and WAL use (so a file it refuses stays as it was for an operator). Idempotent.
  Status open_for_writes();

  // The id of `canonical_key`, appending a new series when unknown.
  Result<SeriesId> find_or_add_series(std::string_view canonical_key);
  // The id of a series already in the catalog; nullopt when it is not there. Adds nothing.
  std::optional<SeriesId> find_series(std::string_view canonical_key) const;
  std::optional<std::string> series_key(SeriesId id) const;
  size_t series_count() const;

  // The field's id, adding it when new. kConflict, in InfluxDB's words, when the field
  // exists with another type.
  Result<FieldId> find_or_add_field(std::string_view measurement, std::string_view name, ValueType type);
  std::optional<CatalogField> field(FieldId id) const;
  std::vector<CatalogField> fields_of(std::string_view measurement) const;  // sorted by name

  // Makes every entry appended so far durable. Cheap when nothing is pending. After a
  // failed write or sync the catalog refuses new entries (kUnavailable naming the cause).
  Status sync();

  const TagIndex& index() const { return index_; }

  // Use open(); a catalog is not usable before load.
  SeriesCatalog(FileSystem& fs, std::string path, SeriesCatalogOptions options);

 private:
  Status load();
  Status load_version2(std::string_view contents) STRATA_REQUIRES(mutex_);
  Status load_version1(std::string_view contents) STRATA_REQUIRES(mutex_);
  // Applies each record of a file being loaded (under mutex_, held by load()).
  FrameVisitor apply_visitor();
  Status apply_record(std::string_view payload) STRATA_REQUIRES(mutex_);
  Status append_record(const std::string& payload) STRATA_REQUIRES(mutex_);
  // The fields map's key for (measurement, name), built into `key` (reused on the hot path).
  static void field_lookup_key(std::string_view measurement, std::string_view name, std::string& key);

  FileSystem& fs_;
  const std::string path_;
  const SeriesCatalogOptions options_;
  TagIndex index_;

  mutable SharedMutex mutex_;
  std::unique_ptr<WritableFile> file_ STRATA_GUARDED_BY(mutex_);
  StringMap<SeriesId> ids_by_key_ STRATA_GUARDED_BY(mutex_);
  boost::unordered_flat_map<uint64_t, std::string> keys_by_id_ STRATA_GUARDED_BY(mutex_);
  StringMap<uint32_t> field_ids_ STRATA_GUARDED_BY(mutex_);
  std::vector<CatalogField> fields_ STRATA_GUARDED_BY(mutex_);  // index = id - 1
  uint64_t appended_bytes_ STRATA_GUARDED_BY(mutex_) = 0;
  std::optional<SyncedLengthRecorder> recorder_ STRATA_GUARDED_BY(mutex_);
  // What load() found and open_for_writes() acts on.
  struct TornTail {
    uint64_t offset;
    uint64_t bytes;
    std::string cause;
  };
  SyncedLength loaded_synced_length_ STRATA_GUARDED_BY(mutex_);
  std::optional<TornTail> torn_tail_ STRATA_GUARDED_BY(mutex_);
  // Records (framed) for a fresh version 2 file: none for a new catalog, a version 1 file's.
  std::optional<std::string> rewrite_records_ STRATA_GUARDED_BY(mutex_);
  Status poisoned_ STRATA_GUARDED_BY(mutex_);

  Mutex sync_mutex_;  // one sync at a time; later callers find their bytes already synced
  uint64_t synced_bytes_ STRATA_GUARDED_BY(sync_mutex_) = 0;
};

}  // namespace strata
