// The HTTP side of `strata bench write`: POSTs pre-built bodies over K keep-alive HTTP/1.1
// connections, one thread each, and times every request.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace strata::tools {

struct HttpEndpoint {
  std::string host;
  std::string port;
};

// Parses "http://host[:port][/]" (port 80 when absent). Only plain http: the tool talks to
// a server on the same machine or one the user names. Fails with kInvalidArgument.
Result<HttpEndpoint> parse_http_url(std::string_view url);

struct HttpSenderOptions {
  HttpEndpoint endpoint;
  std::string target = "/write?db=default&precision=ns";
  int connection_count = 2;
  // Per socket read and write; a request slower than this counts as failed.
  std::chrono::milliseconds io_timeout{60'000};
  size_t response_body_limit_bytes = 1 << 20;
};

struct SendResult {
  int64_t request_count = 0;
  int64_t error_count = 0;    // non-2xx answers plus requests that got no answer
  std::string first_error;    // of the lowest-numbered failed body: "body 3: HTTP 400: ..."
  std::vector<int64_t> latencies_ns;  // one per answered request, write start to read end
  int64_t wall_ns = 0;        // first request sent to last answer, connection set-up excluded
};

// Sends every body once. Connection c (0-based) sends bodies c, c+K, c+2K, ... in order,
// waiting for each answer before the next (no pipelining); interleaving keeps the timeline
// of TSBS-ordered data advancing on all connections together. A broken connection is
// reopened for the next body; one that cannot be (re)opened fails all its remaining bodies.
// Blocks until done. Fails only on bad options or an unresolvable host; request failures
// are counted in the result. `bodies` must outlive the call (sent without copying).
Result<SendResult> send_bodies(const HttpSenderOptions& options, const std::vector<std::string>& bodies);

}  // namespace strata::tools
