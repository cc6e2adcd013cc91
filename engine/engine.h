// Engine: the storage engine's entry point. Owns the data directory (holding its lock),
// the tenant shards and the background flusher. Thread-safe.
//
// Data directory layout (docs/format/README.md):
//   LOCK                     pid of the owning process, flock'ed while open
//   tenants/<name>/          one shard per tenant (docs/architecture.md "Tenant shard")
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

// A tenant whose shard failed to open because its files are damaged or unreadable. The
// engine serves the other tenants and keeps this one, with the error, until it is dropped.
struct UnavailableTenant {
  std::string name;
  Status error;  // kCorruption or kIoError; corruption names the file and the offset
};

class Engine {
 public:
  // Opens (creating if needed) the data directory, takes its lock — kUnavailable naming the
  // holder's pid when another process has it — and recovers every tenant. A tenant whose
  // shard fails to open with kCorruption or kIoError does not fail the open: it becomes
  // unavailable (unavailable_tenants(), one error line logged each). Any other error does.
  static Result<std::unique_ptr<Engine>> open(EngineOptions options);
  virtual ~Engine() = default;

  // Tenant names: 1-64 bytes of [A-Za-z0-9_.-], not starting with '.'.
  static Status validate_tenant_name(std::string_view name);

  // kAlreadyExists if present, unavailable tenants included (their files stay untouched).
  virtual Status create_tenant(std::string_view name) = 0;
  // Stops the tenant's writes and removes its directory; an unavailable tenant's directory
  // is removed as it is. kNotFound if absent.
  virtual Status drop_tenant(std::string_view name) = 0;
  // Every tenant, unavailable ones included (the name is taken and the data is on disk). Sorted.
  virtual std::vector<std::string> list_tenants() const = 0;
  // kNotFound if absent; kUnavailable "tenant <name> is unavailable: <error>" if its shard
  // failed to open. The shard stays usable while the caller holds it, until dropped.
  virtual Result<std::shared_ptr<Tenant>> tenant(std::string_view name) const = 0;
  // The tenants whose shards failed to open, sorted by name.
  virtual std::vector<UnavailableTenant> unavailable_tenants() const = 0;

  // Whether WAL appends and syncs go through io_uring.
  virtual bool uring_active() const = 0;
  // Flushes every tenant's memtable (tools, tests).
  virtual Status flush_all() = 0;
  // Stops the flusher, drains in-flight writes, flushes (if flush_on_close) and syncs.
  // Idempotent; the destructor calls it.
  virtual Status close() = 0;
};

}  // namespace strata
