#include "engine/engine.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <map>
#include <thread>

#include "engine/base/log.h"
#include "engine/base/mutex.h"
#include "engine/catalog/series_catalog_format.h"
#include "engine/tenant/tenant_paths.h"
#include "engine/tenant/tenant_settings_format.h"
#include "engine/tenant/tenant_shard.h"

namespace strata {
namespace {

constexpr size_t kMaxTenantNameBytes = 64;
constexpr auto kFlusherPeriod = std::chrono::milliseconds(100);
constexpr auto kCompactorPeriod = std::chrono::seconds(1);
constexpr int kCompactorNice = 10;
constexpr std::string_view kDroppedPrefix = ".dropped-";

class EngineImpl final : public Engine {
 public:
  EngineImpl(EngineOptions options, std::unique_ptr<FileSystem> owned_fs, FileSystem& fs, bool uring_active)
      : options_(std::move(options)), owned_fs_(std::move(owned_fs)), fs_(fs), uring_active_(uring_active) {}
  ~EngineImpl() override { (void)close(); }

  Status start();
  Status create_tenant(std::string_view name) override;
  Status drop_tenant(std::string_view name) override;
  std::vector<std::string> list_tenants() const override;
  Result<std::shared_ptr<Tenant>> tenant(std::string_view name) const override;
  std::vector<UnavailableTenant> unavailable_tenants() const override;
  bool uring_active() const override { return uring_active_; }
  Status flush_all() override;
  Status close() override;

 private:
  std::string tenants_directory() const { return join_path(options_.data_directory, "tenants"); }
  std::vector<std::shared_ptr<TenantShard>> shards() const;
  Status open_existing_tenants();
  // Opens one tenant found at start; a damaged or unreadable one is kept as unavailable.
  Status open_existing_tenant(const std::string& name, const std::string& directory);
  // Records a tenant found damaged at open, and logs it once.
  void mark_unavailable(const std::string& name, const Status& error);
  // Whether a tenant directory holds anything a create does not write before TENANT.
  Result<bool> holds_tenant_data(const std::string& directory);
  // Renames a tenant's directory aside, then removes it (a crash mid-way leaves a
  // directory that open() finishes removing).
  Status remove_tenant_directory(std::string_view name, const std::string& directory);
  // Runs `work` on every shard each `period` until close(), logging a failure once per
  // distinct error rather than every period (the work is retried at the next one).
  void run_background(std::chrono::milliseconds period, std::string_view what,
                      const std::function<Status(TenantShard&)>& work);

  const EngineOptions options_;
  const std::unique_ptr<FileSystem> owned_fs_;
  FileSystem& fs_;
  const bool uring_active_;
  std::unique_ptr<FileLock> lock_;

  mutable Mutex tenants_mutex_;
  std::map<std::string, std::shared_ptr<TenantShard>, std::less<>> tenants_ STRATA_GUARDED_BY(tenants_mutex_);
  // Tenants whose shard failed to open, with the error; never also in tenants_.
  std::map<std::string, Status, std::less<>> unavailable_ STRATA_GUARDED_BY(tenants_mutex_);

  Mutex flusher_mutex_;
  CondVar flusher_cv_;
  bool stopping_ STRATA_GUARDED_BY(flusher_mutex_) = false;
  bool closed_ STRATA_GUARDED_BY(flusher_mutex_) = false;
  std::thread flusher_;
  std::thread compactor_;  // only when tenant_defaults.compaction_min_segments > 0
};

Status EngineImpl::start() {
  STRATA_RETURN_IF_ERROR(fs_.create_dir(options_.data_directory));
  STRATA_ASSIGN_OR_RETURN(lock_, fs_.lock_file(join_path(options_.data_directory, "LOCK")));
  STRATA_RETURN_IF_ERROR(fs_.create_dir(tenants_directory()));
  STRATA_RETURN_IF_ERROR(fs_.sync_dir(options_.data_directory));
  STRATA_RETURN_IF_ERROR(open_existing_tenants());
  flusher_ = std::thread([this] {
    run_background(kFlusherPeriod, "flush",
                   [](TenantShard& shard) { return shard.flush_if_due(std::chrono::steady_clock::now()); });
  });
  const TenantOptions& tenant = options_.tenant_defaults;
  if (tenant.compaction_min_segments > 0) {
    const CompactionPolicy policy{tenant.compaction_min_segments, tenant.compaction_idle, false};
    compactor_ = std::thread([this, policy] {
      // Background work yields the cores to writes and queries when they want them: nice
      // applies per thread on Linux. Best effort; at the default priority it only competes.
      if (::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kCompactorNice) != 0) {
        log_warning("compactor thread keeps the default CPU priority", {{"errno", std::to_string(errno)}});
      }
      run_background(kCompactorPeriod, "compaction", [policy](TenantShard& shard) {
        return shard.compact(policy, std::chrono::steady_clock::now()).status();
      });
    });
  }
  return Status::ok();
}

Status EngineImpl::open_existing_tenants() {
  STRATA_ASSIGN_OR_RETURN(auto names, fs_.list_dir(tenants_directory()));
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    const std::string directory = join_path(tenants_directory(), name);
    const std::string settings_path = join_path(directory, kTenantSettingsFileName);
    const bool dropped = name.starts_with(kDroppedPrefix);
    if (!dropped && !validate_tenant_name(name).is_ok()) {
      log_warning("ignoring directory with an invalid tenant name", {{"path", directory}});
      continue;
    }
    if (!dropped && !fs_.exists(settings_path)) {
      STRATA_ASSIGN_OR_RETURN(const bool holds_data, holds_tenant_data(directory));
      if (holds_data) {
        // A create writes TENANT before anything else can be: data without it is damage,
        // not an unfinished create. Keep every byte for the operator.
        mark_unavailable(name, Status::corruption(settings_path + ": missing at offset 0, yet the tenant directory "
                                                                  "holds a series catalog, WAL or partitions"));
        continue;
      }
    }
    if (dropped || !fs_.exists(settings_path)) {
      // A drop or a create that did not finish: the tenant does not exist.
      log_warning("removing unfinished tenant directory", {{"path", directory}});
      STRATA_RETURN_IF_ERROR(fs_.remove_dir_recursive(directory));
      continue;
    }
    STRATA_RETURN_IF_ERROR(open_existing_tenant(name, directory));
  }
  return Status::ok();
}

Status EngineImpl::open_existing_tenant(const std::string& name, const std::string& directory) {
  auto shard = TenantShard::open(fs_, name, directory, options_.tenant_defaults, options_.durability);
  if (!shard.has_value()) {
    const Status& error = shard.status();
    // Damage or an unreadable file is this tenant's alone: the others are served. Anything
    // else (bad options, an internal error) would hit every tenant, and fails the open.
    if (error.code() != StatusCode::kCorruption && error.code() != StatusCode::kIoError) {
      return error.with_context("open tenant " + name);
    }
    mark_unavailable(name, error);
    return Status::ok();
  }
  MutexLock lock(tenants_mutex_);
  tenants_.emplace(name, std::move(shard).value());
  return Status::ok();
}

void EngineImpl::mark_unavailable(const std::string& name, const Status& error) {
  {
    MutexLock lock(tenants_mutex_);
    unavailable_.emplace(name, error);
  }
  log_error("tenant unavailable: its files are damaged or unreadable; serving the other tenants",
            {{"tenant", name}, {"error", error.to_string()}});
}

Result<bool> EngineImpl::holds_tenant_data(const std::string& directory) {
  if (fs_.exists(join_path(directory, kSeriesCatalogFileName))) return true;
  for (const std::string& sub : {wal_path(directory), partitions_path(directory)}) {
    if (!fs_.exists(sub)) continue;
    STRATA_ASSIGN_OR_RETURN(const auto entries, fs_.list_dir(sub));
    if (!entries.empty()) return true;
  }
  return false;
}

Status EngineImpl::create_tenant(std::string_view name) {
  STRATA_RETURN_IF_ERROR(validate_tenant_name(name));
  MutexLock lock(tenants_mutex_);
  if (tenants_.contains(name)) return Status::already_exists("tenant " + std::string(name) + " already exists");
  if (unavailable_.contains(name)) {
    return Status::already_exists("tenant " + std::string(name) + " already exists (unavailable; drop it to reuse the name)");
  }
  const std::string directory = join_path(tenants_directory(), name);
  if (fs_.exists(directory)) STRATA_RETURN_IF_ERROR(fs_.remove_dir_recursive(directory));
  STRATA_RETURN_IF_ERROR(
      TenantShard::create(fs_, directory, TenantSettings{options_.tenant_defaults.partition_duration_ns}));
  STRATA_RETURN_IF_ERROR(fs_.sync_dir(tenants_directory()));
  STRATA_ASSIGN_OR_RETURN(auto shard, TenantShard::open(fs_, std::string(name), directory, options_.tenant_defaults,
                                                        options_.durability));
  tenants_.emplace(std::string(name), std::move(shard));
  log_info("tenant created", {{"tenant", std::string(name)}});
  return Status::ok();
}

Status EngineImpl::drop_tenant(std::string_view name) {
  std::shared_ptr<TenantShard> shard;
  {
    MutexLock lock(tenants_mutex_);
    if (auto unavailable = unavailable_.find(name); unavailable != unavailable_.end()) {
      // Nothing of it is open: its directory goes as it is, damage and all.
      unavailable_.erase(unavailable);
    } else {
      auto it = tenants_.find(name);
      if (it == tenants_.end()) return Status::not_found("tenant " + std::string(name) + " does not exist");
      shard = std::move(it->second);
      tenants_.erase(it);
    }
  }
  if (shard) (void)shard->close(false);
  STRATA_RETURN_IF_ERROR(remove_tenant_directory(name, join_path(tenants_directory(), std::string(name))));
  log_info("tenant dropped", {{"tenant", std::string(name)}});
  return Status::ok();
}

Status EngineImpl::remove_tenant_directory(std::string_view name, const std::string& directory) {
  const std::string dropped = join_path(tenants_directory(), std::string(kDroppedPrefix) + std::string(name));
  STRATA_RETURN_IF_ERROR(fs_.rename(directory, dropped));
  STRATA_RETURN_IF_ERROR(fs_.sync_dir(tenants_directory()));
  return fs_.remove_dir_recursive(dropped);
}

std::vector<std::string> EngineImpl::list_tenants() const {
  MutexLock lock(tenants_mutex_);
  std::vector<std::string> names;
  for (const auto& [name, shard] : tenants_) names.push_back(name);
  for (const auto& [name, error] : unavailable_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::shared_ptr<Tenant>> EngineImpl::tenant(std::string_view name) const {
  MutexLock lock(tenants_mutex_);
  auto it = tenants_.find(name);
  if (it != tenants_.end()) return std::shared_ptr<Tenant>(it->second);
  if (auto unavailable = unavailable_.find(name); unavailable != unavailable_.end()) {
    return Status::unavailable("tenant " + std::string(name) + " is unavailable: " + unavailable->second.to_string());
  }
  return Status::not_found("tenant " + std::string(name) + " does not exist");
}

std::vector<UnavailableTenant> EngineImpl::unavailable_tenants() const {
  MutexLock lock(tenants_mutex_);
  std::vector<UnavailableTenant> tenants;
  for (const auto& [name, error] : unavailable_) tenants.push_back(UnavailableTenant{name, error});
  return tenants;
}

std::vector<std::shared_ptr<TenantShard>> EngineImpl::shards() const {
  MutexLock lock(tenants_mutex_);
  std::vector<std::shared_ptr<TenantShard>> shards;
  for (const auto& [name, shard] : tenants_) shards.push_back(shard);
  return shards;
}

Status EngineImpl::flush_all() {
  for (const auto& shard : shards()) STRATA_RETURN_IF_ERROR(shard->flush().with_context("tenant " + shard->name()));
  return Status::ok();
}

void EngineImpl::run_background(std::chrono::milliseconds period, std::string_view what,
                                const std::function<Status(TenantShard&)>& work) {
  std::map<std::string, std::string> last_errors;
  MutexLock lock(flusher_mutex_);
  while (!stopping_) {
    flusher_cv_.wait_for(flusher_mutex_, period, [this]() STRATA_REQUIRES(flusher_mutex_) { return stopping_; });
    if (stopping_) break;
    flusher_mutex_.unlock();
    for (const auto& shard : shards()) {
      const Status status = work(*shard);
      std::string& last = last_errors[shard->name()];
      if (!status.is_ok() && status.to_string() != last) {
        log_error(std::string(what) + " failed; will retry", {{"tenant", shard->name()}, {"error", status.to_string()}});
      }
      last = status.is_ok() ? std::string() : status.to_string();
    }
    flusher_mutex_.lock();
  }
}

Status EngineImpl::close() {
  {
    MutexLock lock(flusher_mutex_);
    if (closed_) return Status::ok();
    closed_ = true;
    stopping_ = true;
    flusher_cv_.notify_all();
  }
  if (flusher_.joinable()) flusher_.join();
  if (compactor_.joinable()) compactor_.join();
  Status result;
  for (const auto& shard : shards()) {
    Status closed = shard->close(options_.flush_on_close);
    if (result.is_ok()) result = closed.with_context("close tenant " + shard->name());
  }
  {
    MutexLock lock(tenants_mutex_);
    tenants_.clear();
    unavailable_.clear();
  }
  lock_.reset();
  return result;
}

}  // namespace

Status Engine::validate_tenant_name(std::string_view name) {
  if (name.empty()) return Status::invalid_argument("tenant name is empty");
  if (name.size() > kMaxTenantNameBytes) {
    return Status::invalid_argument("tenant name is longer than " + std::to_string(kMaxTenantNameBytes) + " bytes");
  }
  if (name.front() == '.') return Status::invalid_argument("tenant name \"" + std::string(name) + "\" starts with a dot");
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                         c == '-' || c == '.';
    if (!allowed) {
      return Status::invalid_argument("tenant name \"" + std::string(name) +
                                      "\" may hold only letters, digits, '_', '-' and '.'");
    }
  }
  return Status::ok();
}

Status EngineOptions::validate() const {
  if (data_directory.empty()) return Status::invalid_argument("data directory is empty");
  const TenantOptions& tenant = tenant_defaults;
  if (tenant.partition_duration_ns <= 0 || tenant.partition_duration_ns % 1'000'000'000 != 0) {
    return Status::invalid_argument("partition duration must be a positive whole number of seconds");
  }
  if (tenant.memtable_flush_bytes < (1 << 20)) return Status::invalid_argument("memtable flush size must be at least 1 MiB");
  if (tenant.max_pending_flushes == 0) return Status::invalid_argument("max pending flushes must be at least 1");
  if (tenant.max_points_per_block == 0 || tenant.max_points_per_block > 65536) {
    return Status::invalid_argument("points per block must be in 1..65536");
  }
  if (tenant.segment_zstd_level < 1 || tenant.segment_zstd_level > 19) {
    return Status::invalid_argument("segment zstd level must be in 1..19");
  }
  if (tenant.compaction_zstd_level < 1 || tenant.compaction_zstd_level > 19) {
    return Status::invalid_argument("compaction zstd level must be in 1..19");
  }
  if (tenant.compaction_min_segments == 1) {
    return Status::invalid_argument("compaction needs at least 2 segments to merge (0 turns it off)");
  }
  return Status::ok();
}

Result<std::unique_ptr<Engine>> Engine::open(EngineOptions options) {
  STRATA_RETURN_IF_ERROR(options.validate());
  std::unique_ptr<FileSystem> owned;
  bool uring_active = false;
  if (options.file_system == nullptr) {
    STRATA_ASSIGN_OR_RETURN(FileSystemChoice choice, make_file_system(options.io_backend));
    owned = std::move(choice.file_system);
    uring_active = choice.uring_active;
  }
  FileSystem& fs = options.file_system != nullptr ? *options.file_system : *owned;
  auto engine = std::make_unique<EngineImpl>(std::move(options), std::move(owned), fs, uring_active);
  STRATA_RETURN_IF_ERROR(engine->start());
  return std::unique_ptr<Engine>(std::move(engine));
}

}  // namespace strata
