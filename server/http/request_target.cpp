// RequestTarget on Boost.URL's origin-form parser; see request_target.h.
#include "server/http/request_target.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace strata::server {

Result<RequestTarget> RequestTarget::parse(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return Status::invalid_argument("malformed request target: " + url.error().message());
  RequestTarget parsed;
  parsed.path_ = url->path();
  for (auto param : url->params()) {
    parsed.params_.emplace_back(param.key, param.has_value ? std::string(param.value) : std::string());
  }
  return parsed;
}

std::optional<std::string_view> RequestTarget::param(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace strata::server
