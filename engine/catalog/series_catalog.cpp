#include "engine/catalog/series_catalog.h"

#include <algorithm>

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/base/log.h"
#include "engine/catalog/series_catalog_format.h"
#include "engine/io/synced_length.h"
#include "engine/wal/record_frames.h"
#include "engine/wal/wal_segment_files.h"

namespace strata {
namespace {

std::string encode_header(uint16_t version) {
  std::string header;
  put_fixed64(header, kSeriesCatalogMagic);
  put_fixed16(header, version);
  put_fixed16(header, 0);
  put_fixed32(header, 0);
  put_fixed64(header, 0);
  put_fixed64(header, checksum64(header));
  return header;
}

// The version of a whole, intact header; nullopt for anything else.
std::optional<uint16_t> header_version(std::string_view contents) {
  if (contents.size() < kSeriesCatalogHeaderBytes) return std::nullopt;
  for (const uint16_t version : {kSeriesCatalogVersion, kSeriesCatalogVersion1}) {
    if (contents.substr(0, kSeriesCatalogHeaderBytes) == encode_header(version)) return version;
  }
  return std::nullopt;
}

// A version 2 file holding `records` (framed), all of them synced.
std::string file_image(std::string_view records) {
  std::string image = encode_header(kSeriesCatalogVersion);
  image += encode_synced_length(kSeriesCatalogRecordsOffset + records.size());
  image.append(records);
  return image;
}

// Version 1's tail rule: a damaged frame that is the last thing in the file (its header or
// its payload reaches the end) is taken for a torn append.
bool is_last_frame(std::string_view contents, uint64_t offset) {
  const uint64_t left = contents.size() - offset;
  if (left < kCatalogRecordHeaderBytes) return true;
  return kCatalogRecordHeaderBytes + uint64_t{load_fixed32(contents.data() + offset + 8)} >= left;
}

}  // namespace

SeriesCatalog::SeriesCatalog(FileSystem& fs, std::string path, SeriesCatalogOptions options)
    : fs_(fs), path_(std::move(path)), options_(std::move(options)) {}

void SeriesCatalog::field_lookup_key(std::string_view measurement, std::string_view name, std::string& key) {
  key.assign(measurement);
  key += '\0';  // cannot occur in the measurement: the key is unambiguous
  key.append(name);
}

Result<std::unique_ptr<SeriesCatalog>> SeriesCatalog::open(FileSystem& fs, const std::string& directory,
                                                           SeriesCatalogOptions options) {
  if (!options.series_hash) {
    options.series_hash = [](std::string_view key, uint64_t attempt) { return hash64(key, attempt); };
  }
  auto catalog = std::make_unique<SeriesCatalog>(fs, join_path(directory, kSeriesCatalogFileName), std::move(options));
  STRATA_RETURN_IF_ERROR(catalog->load());
  return catalog;
}

Status SeriesCatalog::load() {
  WriterLock lock(mutex_);
  if (!fs_.exists(path_)) {
    rewrite_records_ = "";
    return Status::ok();
  }
  STRATA_ASSIGN_OR_RETURN(const std::string contents, fs_.read_file(path_));
  const std::optional<uint16_t> version = header_version(contents);
  if (version == kSeriesCatalogVersion1) return load_version1(contents);
  if (version && contents.size() >= kSeriesCatalogRecordsOffset) return load_version2(contents);
  // A version 2 file is created whole (open_for_writes): a damaged or short start is damage.
  return Status::corruption(path_ + ": bad series catalog header at offset 0");
}

Status SeriesCatalog::open_for_writes() {
  uint64_t vouched_bytes = 0;
  {
    WriterLock lock(mutex_);
    if (file_) return Status::ok();
    if (rewrite_records_) {
      STRATA_RETURN_IF_ERROR(fs_.write_file_atomically(path_, file_image(*rewrite_records_)));
      loaded_synced_length_ = SyncedLength{kSeriesCatalogRecordsOffset + rewrite_records_->size(), 0};
      rewrite_records_.reset();
    } else if (torn_tail_) {
      // Past the synced length: appended after the last completed sync(), so no write was
      // acknowledged with these records. The writer died mid-append; cut.
      log_warning("series catalog tail torn past its synced length; cut",
                  {{"path", path_}, {"offset", std::to_string(torn_tail_->offset)},
                   {"dropped_bytes", std::to_string(torn_tail_->bytes)}, {"cause", torn_tail_->cause}});
      STRATA_RETURN_IF_ERROR(fs_.truncate(path_, torn_tail_->offset));
      torn_tail_.reset();
    }
    STRATA_ASSIGN_OR_RETURN(file_, fs_.open_for_append(path_));
    appended_bytes_ = file_->size();
    recorder_.emplace(kSeriesCatalogSyncedLengthOffset, loaded_synced_length_);
    vouched_bytes = recorder_->recorded();
  }
  // What the slots vouch for counts as synced; whole records loaded past it (the process
  // died between their sync and the slot's) are vouched for by the next sync(), before a
  // WAL record can use them. Set apart from the writer lock to keep the lock order
  // sync_mutex_ before mutex_, as sync() takes them.
  MutexLock sync_lock(sync_mutex_);
  synced_bytes_ = vouched_bytes;
  return Status::ok();
}

Status SeriesCatalog::load_version2(std::string_view contents) {
  STRATA_ASSIGN_OR_RETURN(const SyncedLength synced,
                          read_synced_length(contents, path_, kSeriesCatalogSyncedLengthOffset, kSeriesCatalogRecordsOffset));
  STRATA_ASSIGN_OR_RETURN(const FrameWalk walk, walk_frames(contents, kSeriesCatalogRecordsOffset, kCatalogMaxRecordBytes,
                                                             synced.length, apply_visitor()));
  STRATA_RETURN_IF_ERROR(check_synced_prefix(path_, walk, synced.length, contents.size()));
  if (walk.end < contents.size()) torn_tail_ = TornTail{walk.end, contents.size() - walk.end, walk.damage};
  loaded_synced_length_ = synced;
  return Status::ok();
}

Status SeriesCatalog::load_version1(std::string_view contents) {
  // Version 1 kept no synced length: its tail rule guesses, as earlier releases did. The
  // tenant's cross-check of segment and WAL ids against the catalog catches a guess that
  // dropped a series in use (docs/format/series.md §6).
  STRATA_ASSIGN_OR_RETURN(const FrameWalk walk, walk_frames(contents, kSeriesCatalogHeaderBytes, kCatalogMaxRecordBytes,
                                                             kSeriesCatalogHeaderBytes, apply_visitor()));
  if (walk.end < contents.size()) {
    if (!is_last_frame(contents, walk.end)) {
      return Status::corruption(path_ + ": " + walk.damage + " at offset " + std::to_string(walk.end) +
                                " with records after it");
    }
    log_warning("series catalog (version 1) tail torn or damaged; it goes when the file is rewritten",
                {{"path", path_}, {"offset", std::to_string(walk.end)},
                 {"dropped_bytes", std::to_string(contents.size() - walk.end)}, {"cause", walk.damage}});
  }
  // Rewritten as version 2 by open_for_writes(), once recovery found every id in use here:
  // a file the tenant refuses stays as it was.
  rewrite_records_ = std::string(contents.substr(kSeriesCatalogHeaderBytes, walk.end - kSeriesCatalogHeaderBytes));
  return Status::ok();
}

FrameVisitor SeriesCatalog::apply_visitor() {
  return [this](std::string_view payload, uint64_t offset) STRATA_NO_THREAD_SAFETY_ANALYSIS {
    return apply_record(payload).with_context(path_ + " at offset " + std::to_string(offset));
  };
}

Status SeriesCatalog::apply_record(std::string_view payload) {
  ByteReader reader(payload);
  uint8_t kind = 0;
  if (!reader.get_u8(kind)) return Status::corruption("empty catalog record");
  if (kind == static_cast<uint8_t>(CatalogRecordKind::kSeries)) {
    uint64_t id = 0;
    if (!reader.get_fixed64(id)) return Status::corruption("short series record");
    const std::string key(reader.rest());
    STRATA_ASSIGN_OR_RETURN(const ParsedSeriesKey parsed, parse_series_key(key));
    if (keys_by_id_.contains(id) || ids_by_key_.contains(key)) return Status::corruption("duplicate series record");
    ids_by_key_.emplace(key, SeriesId{id});
    keys_by_id_.emplace(id, key);
    index_.add(SeriesId{id}, parsed);
    return Status::ok();
  }
  if (kind == static_cast<uint8_t>(CatalogRecordKind::kField)) {
    uint32_t id = 0;
    uint8_t type_byte = 0;
    std::string_view measurement;
    if (!reader.get_fixed32(id) || !reader.get_u8(type_byte) || !reader.get_length_prefixed(measurement)) {
      return Status::corruption("short field record");
    }
    const auto type = value_type_from_byte(type_byte);
    if (!type || id != fields_.size() + 1) return Status::corruption("bad field record");
    const std::string name(reader.rest());
    fields_.push_back(CatalogField{FieldId{id}, std::string(measurement), name, *type});
    std::string key;
    field_lookup_key(measurement, name, key);
    field_ids_.emplace(std::move(key), id);
    return Status::ok();
  }
  return Status::corruption("unknown catalog record kind " + std::to_string(kind));
}

Status SeriesCatalog::append_record(const std::string& payload) {
  if (!file_) return Status::unavailable("series catalog " + path_ + " is not open for writes");
  if (!poisoned_.is_ok()) return Status::unavailable("series catalog is read-only after a failed write: " + poisoned_.to_string());
  std::string framed;
  append_wal_record(framed, payload);  // the same framing as the WAL: checksum, length, payload
  Status written = file_->append(framed);
  if (!written.is_ok()) {
    poisoned_ = written;
    return Status::unavailable("series catalog write failed: " + written.to_string());
  }
  appended_bytes_ += framed.size();
  return apply_record(payload);
}

Result<SeriesId> SeriesCatalog::find_or_add_series(std::string_view canonical_key) {
  {
    ReaderLock lock(mutex_);
    if (auto it = ids_by_key_.find(canonical_key); it != ids_by_key_.end()) return it->second;
  }
  WriterLock lock(mutex_);
  if (auto it = ids_by_key_.find(canonical_key); it != ids_by_key_.end()) return it->second;
  uint64_t id = 0;
  for (uint64_t attempt = 0;; ++attempt) {
    id = options_.series_hash(canonical_key, attempt);
    if (!keys_by_id_.contains(id)) break;  // free: the key is new, so any owner is another key
  }
  std::string payload(1, static_cast<char>(CatalogRecordKind::kSeries));
  put_fixed64(payload, id);
  payload.append(canonical_key);
  STRATA_RETURN_IF_ERROR(append_record(payload));
  return SeriesId{id};
}

std::optional<SeriesId> SeriesCatalog::find_series(std::string_view canonical_key) const {
  ReaderLock lock(mutex_);
  if (auto it = ids_by_key_.find(canonical_key); it != ids_by_key_.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> SeriesCatalog::series_key(SeriesId id) const {
  ReaderLock lock(mutex_);
  auto it = keys_by_id_.find(id.value);
  if (it == keys_by_id_.end()) return std::nullopt;
  return it->second;
}

size_t SeriesCatalog::series_count() const {
  ReaderLock lock(mutex_);
  return keys_by_id_.size();
}

Result<FieldId> SeriesCatalog::find_or_add_field(std::string_view measurement, std::string_view name, ValueType type) {
  // Hot path (every value of every write): build the lookup key without allocating, in
  // this thread's scratch, rebuilt on every call (lifetime and exit order:
  // docs/architecture.md "Per-thread scratch buffers").
  thread_local std::string lookup;
  field_lookup_key(measurement, name, lookup);
  auto check = [&](uint32_t id) -> Result<FieldId> {
    const CatalogField& field = fields_[id - 1];
    if (field.type == type) return field.id;
    return Status::conflict("field type conflict: input field \"" + std::string(name) + "\" on measurement \"" +
                            std::string(measurement) + "\" is type " + std::string(value_type_name(type)) +
                            ", already exists as type " + std::string(value_type_name(field.type)));
  };
  {
    ReaderLock lock(mutex_);
    if (auto it = field_ids_.find(lookup); it != field_ids_.end()) return check(it->second);
  }
  WriterLock lock(mutex_);
  if (auto it = field_ids_.find(lookup); it != field_ids_.end()) return check(it->second);
  const auto id = static_cast<uint32_t>(fields_.size() + 1);
  std::string payload(1, static_cast<char>(CatalogRecordKind::kField));
  put_fixed32(payload, id);
  payload.push_back(static_cast<char>(type));
  put_length_prefixed(payload, measurement);
  payload.append(name);
  STRATA_RETURN_IF_ERROR(append_record(payload));
  return FieldId{id};
}

std::optional<CatalogField> SeriesCatalog::field(FieldId id) const {
  ReaderLock lock(mutex_);
  if (id.value == 0 || id.value > fields_.size()) return std::nullopt;
  return fields_[id.value - 1];
}

std::vector<CatalogField> SeriesCatalog::fields_of(std::string_view measurement) const {
  std::vector<CatalogField> fields;
  {
    ReaderLock lock(mutex_);
    for (const CatalogField& field : fields_) {
      if (field.measurement == measurement) fields.push_back(field);
    }
  }
  std::sort(fields.begin(), fields.end(), [](const CatalogField& a, const CatalogField& b) { return a.name < b.name; });
  return fields;
}

Status SeriesCatalog::sync() {
  MutexLock sync_lock(sync_mutex_);
  {
    ReaderLock lock(mutex_);
    if (appended_bytes_ == synced_bytes_) return Status::ok();
  }
  // The file is not safe for a sync beside an append, so appends wait for the sync.
  WriterLock lock(mutex_);
  if (!poisoned_.is_ok()) return Status::unavailable("series catalog is read-only after a failed write: " + poisoned_.to_string());
  // The records first, then the slot that vouches for them: a slot never covers bytes that
  // are not on disk yet (docs/format/synced-length.md).
  Status synced = file_->sync();
  if (synced.is_ok()) synced = recorder_->record(*file_, appended_bytes_);
  if (synced.is_ok()) synced = file_->sync();
  if (!synced.is_ok()) {
    poisoned_ = synced;
    return Status::unavailable("series catalog sync failed: " + synced.to_string());
  }
  synced_bytes_ = appended_bytes_;
  return Status::ok();
}

}  // namespace strata
