// Bytes as a line protocol body: the parser must never crash, and its report must agree
// with the batch (every point counted, errors capped, no point without a field).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/write_batch.h"
#include "server/ingest/line_protocol_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata::server;
  // Small limits so that inputs reach every limit; one parser for all inputs, so its
  // reused scratch buffers are exercised too.
  static LineProtocolParser parser(IngestLimits{256, 4, 8, 16, 32}, Precision::kSeconds, 0);
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  strata::WriteBatch batch;
  const ParseReport report = parser.parse(body, batch);
  const uint64_t lines = static_cast<uint64_t>(std::count(body.begin(), body.end(), '\n')) + 1;
  if (report.points != batch.point_count() || report.points + report.lines_rejected > lines) __builtin_trap();
  if (report.errors.size() != std::min<uint64_t>(report.lines_rejected, ParseReport::kMaxReportedErrors)) __builtin_trap();
  for (const LineError& error : report.errors) {
    if (error.line_number < 1 || error.line_number > lines || error.message.empty()) __builtin_trap();
  }
  for (size_t i = 0; i < batch.point_count(); ++i) {
    if (batch.point(i).fields.empty() || batch.point(i).measurement.empty()) __builtin_trap();
  }
  return 0;
}
