// Request bodies for `strata bench write`, all built before the clock starts: generated TSBS
// cpu data or the lines of a line-protocol file, cut into batches of whole lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "tools/bench/tsbs_cpu_generator.h"

namespace strata::tools {

// Bodies in send order, each a run of complete '\n'-terminated lines, and what they hold.
struct RequestBodies {
  std::vector<std::string> bodies;
  int64_t line_count = 0;
  int64_t sample_count = 0;  // field values, the unit of samples/s
  int64_t byte_count = 0;
};

// Generates points until at least `sample_target` field values exist (whole points only, so
// the last point may overshoot by up to 9), `batch_lines` lines per body.
// Fails with kInvalidArgument on a bad option.
Result<RequestBodies> build_tsbs_bodies(const TsbsCpuOptions& options, int64_t sample_target, int batch_lines);

// Cuts `text` (line protocol) into bodies of `batch_lines` lines. Blank lines and '#'
// comment lines are dropped; a last line without '\n' gets one.
// Fails with kInvalidArgument when batch_lines < 1 or no line is left.
Result<RequestBodies> build_file_bodies(std::string_view text, int batch_lines);

// Reads a whole file. Fails with kIoError naming the path.
Result<std::string> read_text_file(const std::string& path);

// The number of fields of one line-protocol line: commas in the field set plus one, skipping
// backslash escapes and double-quoted string values. 0 when the line has no field set.
int count_line_fields(std::string_view line);

}  // namespace strata::tools
