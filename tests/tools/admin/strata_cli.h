// Running the built `strata` binary from the admin command tests, with stdout and stderr
// kept apart (the engine logs to stderr) and arguments quoted for the shell, so that hostile
// tenant names reach the command byte for byte.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/command.h"
#include "tests/support/temp_directory.h"

namespace strata::testing {

struct StrataResult {
  int exit_code = -1;
  std::string output;  // stdout
  std::string errors;  // stderr: the command's error lines and the engine's log
};

// `text` as one shell word: single-quoted, a quote inside written as '\''.
inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs `strata <arguments>` (already quoted where needed) from the build directory.
inline StrataResult run_strata(const std::string& arguments) {
  const TempDirectory scratch;
  const std::string stderr_path = scratch.file("stderr");
  // The group's own redirection wins over the 2>&1 that run_command adds after it.
  const CommandResult result =
      run_command("(" + std::string(STRATA_BINARY_DIR) + "/strata " + arguments + " 2>" + stderr_path + ")");
  std::ifstream errors(stderr_path, std::ios::binary);
  return {result.exit_code, result.output, std::string(std::istreambuf_iterator<char>(errors), {})};
}

}  // namespace strata::testing
