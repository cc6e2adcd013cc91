// Building the request bodies of `strata bench write` ahead of the timed run.
#include "tools/bench/request_bodies.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace strata::tools {
namespace {

Status check_batch_lines(int batch_lines) {
  if (batch_lines < 1) {
    return Status::invalid_argument("batch lines must be at least 1, got " + std::to_string(batch_lines));
  }
  return Status::ok();
}

// Index just past the end of the section that starts at `begin`: the next space that is
// neither escaped nor inside a quoted string, or the end of the line.
size_t section_end(std::string_view line, size_t begin, int* comma_count) {
  bool quoted = false;
  for (size_t i = begin; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == ',') {
      ++*comma_count;
    } else if (!quoted && c == ' ') {
      return i;
    }
  }
  return line.size();
}

}  // namespace

int count_line_fields(std::string_view line) {
  int ignored_commas = 0;
  const size_t key_end = section_end(line, 0, &ignored_commas);
  if (key_end + 1 >= line.size()) return 0;
  int comma_count = 0;
  section_end(line, key_end + 1, &comma_count);
  return comma_count + 1;
}

Result<RequestBodies> build_tsbs_bodies(const TsbsCpuOptions& options, int64_t sample_target, int batch_lines) {
  STRATA_RETURN_IF_ERROR(check_batch_lines(batch_lines));
  if (sample_target < 1) return Status::invalid_argument("samples must be at least 1");
  STRATA_ASSIGN_OR_RETURN(TsbsCpuGenerator generator, TsbsCpuGenerator::create(options));
  const int64_t point_count = (sample_target + TsbsCpuGenerator::kFieldCount - 1) / TsbsCpuGenerator::kFieldCount;
  RequestBodies result;
  result.bodies.reserve((point_count + batch_lines - 1) / batch_lines);
  size_t previous_body_bytes = 0;
  for (int64_t point = 0; point < point_count; point += batch_lines) {
    const int64_t lines = std::min<int64_t>(batch_lines, point_count - point);
    std::string body;
    // Bodies of one run have near-equal sizes; reserving the last size avoids regrowth.
    body.reserve(previous_body_bytes + previous_body_bytes / 8);
    for (int64_t i = 0; i < lines; ++i) generator.append_next_line(body);
    previous_body_bytes = body.size();
    result.byte_count += static_cast<int64_t>(body.size());
    result.bodies.push_back(std::move(body));
  }
  result.line_count = point_count;
  result.sample_count = point_count * TsbsCpuGenerator::kFieldCount;
  return result;
}

Result<RequestBodies> build_file_bodies(std::string_view text, int batch_lines) {
  STRATA_RETURN_IF_ERROR(check_batch_lines(batch_lines));
  RequestBodies result;
  std::string body;
  int lines_in_body = 0;
  auto finish_body = [&] {
    result.byte_count += static_cast<int64_t>(body.size());
    result.bodies.push_back(std::move(body));
    body.clear();
    lines_in_body = 0;
  };
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    body.append(line).push_back('\n');
    ++result.line_count;
    result.sample_count += count_line_fields(line);
    if (++lines_in_body == batch_lines) finish_body();
  }
  if (lines_in_body > 0) finish_body();
  if (result.line_count == 0) return Status::invalid_argument("no line-protocol lines to send");
  return result;
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::io_error("open " + path + ": cannot read");
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return Status::io_error("read " + path + ": i/o error");
  return contents.str();
}

}  // namespace strata::tools
