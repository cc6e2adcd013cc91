// The HTTP side of `strata bench query`: GET requests over one keep-alive HTTP/1.1
// connection, each timed from the first byte written to the last byte of the answer read.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "engine/base/result.h"
#include "tools/bench/http_sender.h"

namespace strata::tools {

struct HttpGetResponse {
  int status = 0;
  std::string body;
  int64_t latency_ns = 0;  // request write start to response read end
};

// One connection to one server, opened lazily and reopened once when the server closed it
// between requests. Not thread-safe: one client per thread.
class HttpGetClient {
 public:
  // Resolves the endpoint (no connection yet). Fails with kInvalidArgument when it cannot.
  static Result<std::unique_ptr<HttpGetClient>> create(const HttpEndpoint& endpoint, std::chrono::milliseconds timeout,
                                                       size_t body_limit_bytes);
  ~HttpGetClient();
  HttpGetClient(const HttpGetClient&) = delete;
  HttpGetClient& operator=(const HttpGetClient&) = delete;

  // GETs `target` ("/path?query") and waits for the whole answer, whatever its status.
  // Fails with kUnavailable when no answer came (connect, write or read failed or timed out).
  Result<HttpGetResponse> get(const std::string& target);

 private:
  struct Connection;
  explicit HttpGetClient(std::unique_ptr<Connection> connection);
  std::unique_ptr<Connection> connection_;
};

}  // namespace strata::tools
