// Bytes as a JSON points body: the parser must never crash; a body it refuses appends
// nothing, and an accepted one's report must agree with the batch.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/write_batch.h"
#include "server/ingest/json_batch_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata::server;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const IngestLimits limits{256, 4, 8, 16, 32};
  strata::WriteBatch batch;
  const strata::Result<ParseReport> report = parse_json_batch(body, limits, Precision::kMilliseconds, 0, batch);
  if (!report.has_value()) {
    if (!batch.empty() || report.error().message().empty()) __builtin_trap();
    return 0;
  }
  if (report->points != batch.point_count() || report->points + report->lines_rejected > size) __builtin_trap();
  if (report->errors.size() != std::min<uint64_t>(report->lines_rejected, ParseReport::kMaxReportedErrors)) {
    __builtin_trap();
  }
  for (size_t i = 0; i < batch.point_count(); ++i) {
    if (batch.point(i).fields.empty() || batch.point(i).measurement.empty()) __builtin_trap();
  }
  return 0;
}
