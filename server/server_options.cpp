// Validation of ServerOptions (a bad setting stops stratad at start with its name), and the
// thread counts they resolve to.
#include "server/server_options.h"

#include <algorithm>
#include <thread>

namespace strata::server {
namespace {

Status require_positive(size_t value, std::string_view name) {
  if (value == 0) return Status::invalid_argument(std::string(name) + " must be greater than zero");
  return Status::ok();
}

Status require_positive(std::chrono::milliseconds value, std::string_view name) {
  if (value.count() <= 0) return Status::invalid_argument(std::string(name) + " must be a positive duration");
  return Status::ok();
}

}  // namespace

unsigned threads_or_cores(unsigned configured) {
  return configured != 0 ? configured : std::max(1u, std::thread::hardware_concurrency());
}

Status ServerOptions::validate() const {
  if (listen_host.empty()) return Status::invalid_argument("listen address has no host");
  STRATA_RETURN_IF_ERROR(require_positive(max_body_bytes, "max body bytes"));
  STRATA_RETURN_IF_ERROR(require_positive(max_header_bytes, "max header bytes"));
  STRATA_RETURN_IF_ERROR(require_positive(max_connections, "max connections"));
  STRATA_RETURN_IF_ERROR(require_positive(header_timeout, "header timeout"));
  STRATA_RETURN_IF_ERROR(require_positive(body_timeout, "body timeout"));
  STRATA_RETURN_IF_ERROR(require_positive(idle_timeout, "idle timeout"));
  STRATA_RETURN_IF_ERROR(require_positive(shutdown_timeout, "shutdown timeout"));
  STRATA_RETURN_IF_ERROR(require_positive(ingest.max_line_bytes, "max line bytes"));
  STRATA_RETURN_IF_ERROR(require_positive(ingest.max_tags_per_point, "max tags per point"));
  STRATA_RETURN_IF_ERROR(require_positive(ingest.max_fields_per_point, "max fields per point"));
  STRATA_RETURN_IF_ERROR(require_positive(ingest.max_key_bytes, "max key bytes"));
  STRATA_RETURN_IF_ERROR(require_positive(ingest.max_value_bytes, "max value bytes"));
  if (query.timeout.count() < 0) return Status::invalid_argument("query timeout must not be negative (0: no limit)");
  STRATA_RETURN_IF_ERROR(require_positive(query.inline_max_time, "query inline time"));
  if (query.test_delay.count() < 0) return Status::invalid_argument("query test delay must not be negative");
  return Status::ok();
}

}  // namespace strata::server
