// The HTTP message types every handler speaks: string bodies in and out. How a handler
// answers is server/http/responder.h.
#pragma once

#include <boost/beast/http.hpp>

namespace strata::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

}  // namespace strata::server
