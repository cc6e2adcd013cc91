// Bytes as a segment file: open it and read every block; errors are fine, crashes are not.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/io/faulty_file_system.h"
#include "engine/segment/segment_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  strata::FaultyFileSystem fs;
  (void)fs.create_dir("/p");
  auto file = fs.create_file("/p/s.seg").value();
  (void)file->append(std::string_view(reinterpret_cast<const char*>(data), size));
  auto reader = strata::SegmentReader::open(fs, "/p/s.seg");
  if (!reader) return 0;
  for (const strata::ColumnEntry& column : (*reader)->columns()) {
    for (const strata::BlockHandle& block : column.blocks) {
      strata::DecodedBlock decoded;
      (void)(*reader)->read_block(column, block, decoded);
    }
  }
  return 0;
}
