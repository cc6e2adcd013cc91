// Where each file of a tenant shard lives (docs/format/README.md):
//   <tenant>/TENANT                         settings; its presence makes the tenant exist
//   <tenant>/series.cat                     series catalog (docs/format/series.md)
//   <tenant>/wal/wal-<n>.log                write-ahead log segments (docs/format/wal.md)
//   <tenant>/partitions/<start>/MANIFEST    live segments of a partition (docs/format/manifest.md)
//   <tenant>/partitions/<start>/<n>.seg     segments (docs/format/segment.md)
#pragma once

#include <string>

#include "engine/io/file_system.h"
#include "engine/tenant/partition_time.h"

namespace strata {

inline std::string wal_path(const std::string& tenant_directory) { return join_path(tenant_directory, "wal"); }
inline std::string partitions_path(const std::string& tenant_directory) {
  return join_path(tenant_directory, "partitions");
}
inline std::string partition_path(const std::string& tenant_directory, int64_t index, int64_t duration_ns) {
  return join_path(partitions_path(tenant_directory), partition_directory_name(index, duration_ns));
}

}  // namespace strata
