#include "server/metrics/process_metrics.h"

#include <dirent.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <string>

namespace strata::server {
namespace {

std::optional<std::string> read_text(const char* path) {
  std::ifstream file(path);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Skips spaces, then parses an unsigned decimal; advances `text` past it.
std::optional<uint64_t> next_number(std::string_view& text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc()) return std::nullopt;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return value;
}

// Skips `count` space-separated fields.
bool skip_fields(std::string_view& text, int count) {
  for (int field = 0; field < count; ++field) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    const size_t end = text.find(' ');
    if (end == std::string_view::npos) return false;
    text.remove_prefix(end);
  }
  return true;
}

}  // namespace

std::optional<uint64_t> parse_resident_memory_bytes(std::string_view statm, uint64_t page_bytes) {
  if (!next_number(statm)) return std::nullopt;  // total program size
  const std::optional<uint64_t> resident_pages = next_number(statm);
  if (!resident_pages) return std::nullopt;
  return *resident_pages * page_bytes;
}

std::optional<double> parse_start_time_seconds(std::string_view self_stat, std::string_view proc_stat,
                                               uint64_t ticks_per_second) {
  const size_t command_end = self_stat.rfind(')');
  if (command_end == std::string_view::npos || ticks_per_second == 0) return std::nullopt;
  std::string_view fields = self_stat.substr(command_end + 1);
  // After ')' come fields 3 (state) to 21; starttime is field 22.
  if (!skip_fields(fields, 19)) return std::nullopt;
  const std::optional<uint64_t> start_ticks = next_number(fields);
  const size_t btime = proc_stat.find("\nbtime ");
  if (!start_ticks || btime == std::string_view::npos) return std::nullopt;
  std::string_view boot = proc_stat.substr(btime + 7);
  const std::optional<uint64_t> boot_seconds = next_number(boot);
  if (!boot_seconds) return std::nullopt;
  return static_cast<double>(*boot_seconds) + static_cast<double>(*start_ticks) / static_cast<double>(ticks_per_second);
}

std::optional<uint64_t> resident_memory_bytes() {
  const std::optional<std::string> statm = read_text("/proc/self/statm");
  const long page_bytes = sysconf(_SC_PAGESIZE);
  if (!statm || page_bytes <= 0) return std::nullopt;
  return parse_resident_memory_bytes(*statm, static_cast<uint64_t>(page_bytes));
}

std::optional<uint64_t> open_fd_count() {
  DIR* directory = opendir("/proc/self/fd");
  if (directory == nullptr) return std::nullopt;
  // The directory's own descriptor is open only for this count: leave it out.
  const std::string own_fd = std::to_string(dirfd(directory));
  uint64_t count = 0;
  while (const dirent* entry = readdir(directory)) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == ".." || name == own_fd) continue;
    ++count;
  }
  closedir(directory);
  return count;
}

std::optional<double> process_start_time_seconds() {
  const std::optional<std::string> self_stat = read_text("/proc/self/stat");
  const std::optional<std::string> proc_stat = read_text("/proc/stat");
  const long ticks = sysconf(_SC_CLK_TCK);
  if (!self_stat || !proc_stat || ticks <= 0) return std::nullopt;
  return parse_start_time_seconds(*self_stat, *proc_stat, static_cast<uint64_t>(ticks));
}

}  // namespace strata::server
