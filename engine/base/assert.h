// Assertions for programming errors only; no input may ever trigger one (STYLE.md §4).
#pragma once

namespace strata::detail {
[[noreturn]] void assertion_failed(const char* condition, const char* message, const char* file, int line);
}  // namespace strata::detail

// Always on: for places where going on would write bad data.
#define STRATA_CHECK(condition, message)                                                   \
  do {                                                                                     \
    if (!(condition)) [[unlikely]]                                                         \
      ::strata::detail::assertion_failed(#condition, message, __FILE__, __LINE__);         \
  } while (false)

// Debug and sanitizer builds only.
#if defined(STRATA_DEBUG_ASSERTS)
#define STRATA_ASSERT(condition, message) STRATA_CHECK(condition, message)
#else
#define STRATA_ASSERT(condition, message) \
  do {                                    \
    (void)sizeof(condition);              \
  } while (false)
#endif
