// HttpClient: a blocking HTTP/1.1 keep-alive connection to a loopback port, for tests that
// talk to a real stratad. Not thread-safe: one per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace strata::testing {

struct HttpReply {
  int status = 0;  // 0 when the request failed at the socket level
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string error;                           // the socket error when status is 0
};

// A raw TCP connection to 127.0.0.1:`port`, for clients that misbehave: the socket's fd
// (the caller closes it), or -1 when it cannot connect.
int connect_loopback(uint16_t port);

class HttpClient {
 public:
  explicit HttpClient(uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request on the kept-alive connection (reconnecting if it was closed).
  HttpReply request(const std::string& method, const std::string& target, const std::string& body = {},
                    const std::map<std::string, std::string>& headers = {});
  HttpReply post(const std::string& target, const std::string& body) { return request("POST", target, body); }
  HttpReply get(const std::string& target) { return request("GET", target); }

 private:
  struct Connection;
  uint16_t port_;
  std::unique_ptr<Connection> connection_;  // pimpl keeps Beast out of test headers
};

}  // namespace strata::testing
