// ParseReport: what an ingest parser did with one request body (InfluxDB 1.x partial
// writes: good lines are kept, bad ones counted and the first few described).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace strata::server {

struct LineError {
  uint64_t line_number;  // 1-based line (JSON: 1-based array index)
  std::string message;   // lowercase, says what is wrong and where
};

struct ParseReport {
  static constexpr size_t kMaxReportedErrors = 10;
  uint64_t points = 0;            // points appended to the batch
  uint64_t lines_rejected = 0;    // every bad line counted
  std::vector<LineError> errors;  // the first kMaxReportedErrors

  // Counts a rejected line and keeps its message while fewer than kMaxReportedErrors are.
  void reject(uint64_t line_number, std::string message) {
    ++lines_rejected;
    if (errors.size() < kMaxReportedErrors) errors.push_back(LineError{line_number, std::move(message)});
  }
};

}  // namespace strata::server
