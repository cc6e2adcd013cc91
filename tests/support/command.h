// Running a shell command from a test (curl, gzip, the influx CLI) and capturing its output.
#pragma once

#include <string>

namespace strata::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

CommandResult run_command(const std::string& command);

}  // namespace strata::testing
