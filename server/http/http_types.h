// The HTTP message types every handler speaks: string bodies in and out, and the callback
// through which a handler answers, possibly later and from another thread.
#pragma once

#include <boost/beast/http.hpp>
#include <functional>

namespace strata::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Called exactly once per request with its response. May be called from any thread; the
// session posts the response back to its own executor.
using Responder = std::function<void(Response&&)>;

}  // namespace strata::server
