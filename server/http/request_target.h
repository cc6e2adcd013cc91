// The request target split into its path and its decoded query parameters, for routing and
// for handlers reading `db`, `precision` and the like.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"

namespace strata::server {

class RequestTarget {
 public:
  // kInvalidArgument for a target that is not origin-form ("/path?query").
  static Result<RequestTarget> parse(std::string_view target);

  const std::string& path() const { return path_; }
  // The first value of `name`, percent-decoded ('+' is a space); nullopt when absent.
  std::optional<std::string_view> param(std::string_view name) const;

 private:
  std::string path_;
  std::vector<std::pair<std::string, std::string>> params_;
};

}  // namespace strata::server
