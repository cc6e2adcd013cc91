// Structured logging: one line per event, "ts=... level=... msg=..." plus key=value pairs,
// written to a sink chosen at start-up (stderr by default). Thread-safe.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace strata {

enum class LogLevel : uint8_t { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

using LogField = std::pair<std::string_view, std::string>;
using LogSink = std::function<void(std::string_view line)>;

// Logs `message` with fields at `level` when at or above the configured minimum.
void log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

inline void log_info(std::string_view message, std::initializer_list<LogField> fields = {}) {
  log(LogLevel::kInfo, message, fields);
}
inline void log_warning(std::string_view message, std::initializer_list<LogField> fields = {}) {
  log(LogLevel::kWarning, message, fields);
}
inline void log_error(std::string_view message, std::initializer_list<LogField> fields = {}) {
  log(LogLevel::kError, message, fields);
}

// Process-wide configuration, set once at start-up (stratad main, tests). Returns the
// previous sink so tests can restore it.
LogSink set_log_sink(LogSink sink);
void set_log_level(LogLevel level);

}  // namespace strata
