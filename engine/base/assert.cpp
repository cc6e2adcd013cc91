#include "engine/base/assert.h"

#include <cstdio>
#include <cstdlib>

namespace strata::detail {

void assertion_failed(const char* condition, const char* message, const char* file, int line) {
  std::fprintf(stderr, "BUG: %s:%d: check failed: %s: %s\n", file, line, condition, message);
  std::fflush(stderr);
  std::abort();
}

}  // namespace strata::detail
