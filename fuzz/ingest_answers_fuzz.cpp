// Bytes as a /write body into a real engine: whatever is written, every SHOW and SELECT *
// answer of /query and /api/v1/query must parse as JSON (the property is in ingest_answers.h).
#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "fuzz/ingest_answers.h"

namespace {

// The engine's directory; a plain array, so that it outlives every exit handler.
char directory[] = "/tmp/strata_ingest_answers_fuzz_XXXXXX";

// Never destroyed, as in api_query_fuzz: closing the engine at exit would run after the
// codecs' thread_local buffers are gone; only the directory is removed.
strata::server::IngestAnswers& fixture() {
  if (mkdtemp(directory) == nullptr) std::abort();
  std::atexit([] { std::error_code ignored; std::filesystem::remove_all(directory, ignored); });
  return *new strata::server::IngestAnswers(directory);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static strata::server::IngestAnswers& answers = fixture();
  const std::string failure = answers.check(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    std::fprintf(stderr, "answer is not JSON: %s\n", failure.c_str());
    __builtin_trap();
  }
  return 0;
}
