// Bytes as a series catalog file: open must either load it or refuse it cleanly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/catalog/series_catalog.h"
#include "engine/io/faulty_file_system.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  strata::FaultyFileSystem fs;
  (void)fs.create_dir("/t");
  auto file = fs.create_file("/t/series.cat").value();
  (void)file->append(std::string_view(reinterpret_cast<const char*>(data), size));
  auto catalog = strata::SeriesCatalog::open(fs, "/t");
  if (catalog && (*catalog)->open_for_writes().is_ok()) (void)(*catalog)->find_or_add_series("m,k=v");
  return 0;
}
