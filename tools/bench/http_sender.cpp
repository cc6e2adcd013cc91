// Beast HTTP/1.1 client for `strata bench write`. Each connection runs on its own thread with
// its own io_context; operations are async only so that tcp_stream's timeouts apply (sync
// socket calls would wait forever on a hung server), and each is run to completion at once.
#include "tools/bench/http_sender.h"

#include <algorithm>
#include <latch>
#include <limits>
#include <span>
#include <thread>

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

constexpr size_t kMaxErrorBodyChars = 300;  // enough to read a parser's message, not a dump

// What one connection's thread saw; each thread writes only its own.
struct ConnectionOutcome {
  int64_t request_count = 0;
  int64_t error_count = 0;
  size_t first_error_body = std::numeric_limits<size_t>::max();
  std::string first_error;
  std::vector<int64_t> latencies_ns;

  void record_error(size_t body_index, std::string message) {
    ++error_count;
    if (body_index < first_error_body) {
      first_error_body = body_index;
      first_error = "body " + std::to_string(body_index) + ": " + std::move(message);
    }
  }
};

// "host:port", with an IPv6 address back in brackets (RFC 7230 section 5.4).
std::string host_header(const HttpEndpoint& endpoint) {
  const bool is_ipv6 = endpoint.host.find(':') != std::string::npos;
  return (is_ipv6 ? "[" + endpoint.host + "]" : endpoint.host) + ":" + endpoint.port;
}

class Connection {
 public:
  Connection(const HttpSenderOptions& options, const tcp::resolver::results_type& addresses)
      : options_(options), addresses_(addresses), stream_(io_context_), host_header_(host_header(options.endpoint)) {}

  boost::system::error_code open() {
    stream_.close();
    buffer_.clear();
    stream_.expires_after(options_.io_timeout);
    auto error = run_operation(io_context_, [&](auto handler) { stream_.async_connect(addresses_, handler); });
    // Request bodies are large and answers small: no reason to let Nagle delay the tail.
    if (!error) stream_.socket().set_option(tcp::no_delay(true), error);
    is_open_ = !error;
    return error;
  }
  bool is_open() const { return is_open_; }

  // POSTs one body and waits for the answer, recording its latency and any failure.
  void send(size_t body_index, const std::string& body, ConnectionOutcome& outcome) {
    http::request<http::span_body<const char>> request{http::verb::post, options_.target, 11};
    request.set(http::field::host, host_header_);
    request.set(http::field::content_type, "text/plain; charset=utf-8");
    request.keep_alive(true);
    request.body() = std::span<const char>(body.data(), body.size());
    request.prepare_payload();
    http::response_parser<http::string_body> parser;
    parser.body_limit(options_.response_body_limit_bytes);

    ++outcome.request_count;
    const auto started = Clock::now();
    stream_.expires_after(options_.io_timeout);
    auto error = run_operation(io_context_, [&](auto handler) { http::async_write(stream_, request, handler); });
    if (!error) {
      stream_.expires_after(options_.io_timeout);
      error = run_operation(io_context_, [&](auto handler) { http::async_read(stream_, buffer_, parser, handler); });
    }
    if (error) {
      outcome.record_error(body_index, "no answer: " + error.message());
      is_open_ = false;
      return;
    }
    outcome.latencies_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started).count());
    const auto& response = parser.get();
    if (response.result_int() < 200 || response.result_int() > 299) {
      outcome.record_error(body_index, "HTTP " + std::to_string(response.result_int()) + ": " +
                                           response.body().substr(0, kMaxErrorBodyChars));
    }
    if (!response.keep_alive()) is_open_ = false;
  }

 private:
  const HttpSenderOptions& options_;
  const tcp::resolver::results_type& addresses_;
  asio::io_context io_context_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const std::string host_header_;
  bool is_open_ = false;
};

void run_connection(const HttpSenderOptions& options, const tcp::resolver::results_type& addresses,
                    const std::vector<std::string>& bodies, int connection_index, std::latch& connected,
                    std::latch& start, ConnectionOutcome& outcome) {
  Connection connection(options, addresses);
  auto error = connection.open();
  connected.count_down();
  start.wait();
  const auto stride = static_cast<size_t>(options.connection_count);
  for (size_t index = connection_index; index < bodies.size(); index += stride) {
    if (!connection.is_open() && !error) error = connection.open();
    if (error) {
      // The server is gone or refusing: fail the rest rather than retry in a tight loop.
      for (; index < bodies.size(); index += stride) {
        ++outcome.request_count;
        outcome.record_error(index, "connect " + options.endpoint.host + ":" + options.endpoint.port + ": " +
                                        error.message());
      }
      return;
    }
    connection.send(index, bodies[index], outcome);
  }
}

}  // namespace

Result<HttpEndpoint> parse_http_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) {
    return Status::invalid_argument("url must start with http://, got '" + std::string(url) + "'");
  }
  std::string_view authority = url.substr(kScheme.size());
  if (!authority.empty() && authority.back() == '/') authority.remove_suffix(1);
  if (authority.empty() || authority.find_first_of("/?#@") != std::string_view::npos) {
    return Status::invalid_argument("url must be http://host[:port], got '" + std::string(url) + "'");
  }
  HttpEndpoint endpoint{std::string(authority), "80"};
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    endpoint.host = std::string(authority.substr(0, colon));
    endpoint.port = std::string(authority.substr(colon + 1));
    if (endpoint.port.empty() || endpoint.port.find_first_not_of("0123456789") != std::string::npos) {
      return Status::invalid_argument("url has a bad port: '" + std::string(url) + "'");
    }
  }
  // "[::1]" names an IPv6 address; the resolver wants it without the brackets.
  if (endpoint.host.size() > 2 && endpoint.host.front() == '[' && endpoint.host.back() == ']') {
    endpoint.host = endpoint.host.substr(1, endpoint.host.size() - 2);
  }
  return endpoint;
}

Result<SendResult> send_bodies(const HttpSenderOptions& options, const std::vector<std::string>& bodies) {
  if (options.connection_count < 1) return Status::invalid_argument("connections must be at least 1");
  asio::io_context resolver_context;
  tcp::resolver resolver(resolver_context);
  boost::system::error_code error;
  const auto addresses = resolver.resolve(options.endpoint.host, options.endpoint.port, error);
  if (error) {
    return Status::invalid_argument("resolve " + options.endpoint.host + ":" + options.endpoint.port + ": " +
                                    error.message());
  }
  const int connection_count = options.connection_count;
  std::vector<ConnectionOutcome> outcomes(connection_count);
  std::latch connected(connection_count);
  std::latch start(1);
  std::vector<std::thread> threads;
  for (int c = 0; c < connection_count; ++c) {
    threads.emplace_back(run_connection, std::cref(options), std::cref(addresses), std::cref(bodies), c,
                         std::ref(connected), std::ref(start), std::ref(outcomes[c]));
  }
  connected.wait();
  const auto started = Clock::now();
  start.count_down();
  for (std::thread& thread : threads) thread.join();
  SendResult result;
  result.wall_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started).count();
  size_t first_error_body = std::numeric_limits<size_t>::max();
  for (ConnectionOutcome& outcome : outcomes) {
    result.request_count += outcome.request_count;
    result.error_count += outcome.error_count;
    result.latencies_ns.insert(result.latencies_ns.end(), outcome.latencies_ns.begin(), outcome.latencies_ns.end());
    if (outcome.first_error_body < first_error_body) {
      first_error_body = outcome.first_error_body;
      result.first_error = std::move(outcome.first_error);
    }
  }
  return result;
}

}  // namespace strata::tools
