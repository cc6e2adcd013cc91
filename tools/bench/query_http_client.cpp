// Beast HTTP/1.1 GET client for `strata bench query`. Async operations run to completion one
// at a time on a private io_context, so that tcp_stream's timeouts apply (as in
// bench_http_sender.cpp); the caller's thread does all the work.
#include "tools/bench/query_http_client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "tools/bench/asio_support.h"

namespace strata::tools {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Bytes a read may take at once (see Connection::open).
constexpr size_t kReadBufferBytes = 256 << 10;

}  // namespace

struct HttpGetClient::Connection {
  Connection(const HttpEndpoint& endpoint, tcp::resolver::results_type addresses, std::chrono::milliseconds timeout,
             size_t body_limit_bytes)
      : endpoint(endpoint), addresses(std::move(addresses)), timeout(timeout), body_limit_bytes(body_limit_bytes),
        stream(io_context) {}

  boost::system::error_code open() {
    stream.close();
    buffer.clear();
    // Beast reads max(512, free capacity) at a time, and the parser takes body bytes out of
    // the buffer as they come, so a buffer left to grow on its own stays at 512 bytes: a
    // 35 KB answer took ~70 reads (and as many epoll waits and timer updates), which timed
    // the client's syscalls more than the server.
    buffer.reserve(kReadBufferBytes);
    stream.expires_after(timeout);
    auto error = run_operation(io_context, [&](auto handler) { stream.async_connect(addresses, handler); });
    if (!error) stream.socket().set_option(tcp::no_delay(true), error);
    is_open = !error;
    return error;
  }

  // One request and its answer; `response` is filled only without error.
  boost::system::error_code exchange(const std::string& target, HttpGetResponse& response) {
    http::request<http::empty_body> request{http::verb::get, target, 11};
    request.set(http::field::host, endpoint.host + ":" + endpoint.port);
    request.keep_alive(true);
    http::response_parser<http::string_body> parser;
    parser.body_limit(body_limit_bytes);
    const auto started = Clock::now();
    stream.expires_after(timeout);
    auto error = run_operation(io_context, [&](auto handler) { http::async_write(stream, request, handler); });
    if (!error) {
      stream.expires_after(timeout);
      error = run_operation(io_context, [&](auto handler) { http::async_read(stream, buffer, parser, handler); });
    }
    if (error) {
      is_open = false;
      return error;
    }
    response.latency_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started).count();
    response.status = parser.get().result_int();
    response.body = std::move(parser.get().body());
    if (!parser.get().keep_alive()) is_open = false;
    return {};
  }

  const HttpEndpoint endpoint;
  const tcp::resolver::results_type addresses;
  const std::chrono::milliseconds timeout;
  const size_t body_limit_bytes;
  asio::io_context io_context;
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  bool is_open = false;
};

HttpGetClient::HttpGetClient(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
HttpGetClient::~HttpGetClient() = default;

Result<std::unique_ptr<HttpGetClient>> HttpGetClient::create(const HttpEndpoint& endpoint,
                                                             std::chrono::milliseconds timeout,
                                                             size_t body_limit_bytes) {
  asio::io_context resolver_context;
  tcp::resolver resolver(resolver_context);
  boost::system::error_code error;
  auto addresses = resolver.resolve(endpoint.host, endpoint.port, error);
  if (error) return Status::invalid_argument("resolve " + endpoint.host + ":" + endpoint.port + ": " + error.message());
  auto connection = std::make_unique<Connection>(endpoint, std::move(addresses), timeout, body_limit_bytes);
  return std::unique_ptr<HttpGetClient>(new HttpGetClient(std::move(connection)));
}

Result<HttpGetResponse> HttpGetClient::get(const std::string& target) {
  Connection& connection = *connection_;
  // A kept-alive connection the server has since closed fails on first use: retry once on a
  // fresh one. A fresh connection that fails is a real failure.
  const bool was_open = connection.is_open;
  if (!was_open) {
    if (auto error = connection.open()) {
      return Status::unavailable("connect " + connection.endpoint.host + ":" + connection.endpoint.port + ": " +
                                 error.message());
    }
  }
  HttpGetResponse response;
  auto error = connection.exchange(target, response);
  if (error && was_open) {
    if (error = connection.open(); !error) error = connection.exchange(target, response);
  }
  if (error) return Status::unavailable("GET " + target.substr(0, 120) + ": " + error.message());
  return response;
}

}  // namespace strata::tools
