// Engine: the storage engine's entry point. Owns the data directory (holding its lock),
// the tenant shards and the background flusher. Thread-safe.
//
// Data directory layout (docs/format/README.md):
//   LOCK                     pid of the owning process, flock'ed while open
//   tenants/<name>/          one shard per tenant (DESIGN.md "Tenant shard")
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/base/status.h"
#include "engine/options.h"
#include "engine/tenant.h"

namespace strata {

class Engine {
 public:
  // Opens (creating if needed) the data directory, takes its lock — kUnavailable naming the
  // holder's pid when another process has it — and recovers every tenant.
  static Result<std::unique_ptr<Engine>> open(EngineOptions options);
  virtual ~Engine() = default;

  // Tenant names: 1-64 bytes of [A-Za-z0-9_.-], not starting with '.'.
  static Status validate_tenant_name(std::string_view name);

  // kAlreadyExists if present.
  virtual Status create_tenant(std::string_view name) = 0;
  // Stops the tenant's writes and removes its directory. kNotFound if absent.
  virtual Status drop_tenant(std::string_view name) = 0;
  // Sorted.
  virtual std::vector<std::string> list_tenants() const = 0;
  // kNotFound if absent. The shard stays usable while the caller holds it, until dropped.
  virtual Result<std::shared_ptr<Tenant>> tenant(std::string_view name) const = 0;

  // Whether WAL appends and syncs go through io_uring.
  virtual bool uring_active() const = 0;
  // Flushes every tenant's memtable (tools, tests).
  virtual Status flush_all() = 0;
  // Stops the flusher, drains in-flight writes, flushes (if flush_on_close) and syncs.
  // Idempotent; the destructor calls it.
  virtual Status close() = 0;
};

}  // namespace strata
