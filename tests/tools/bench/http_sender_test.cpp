// Tests of the `strata bench write` HTTP sender against a small Beast server on a loopback
// port that records every body it receives and on which connection.
#include "tools/bench/http_sender.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace strata::tools {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct ReceivedBody {
  int connection_id;
  std::string body;
  std::string host_header;
};

// A synchronous HTTP/1.1 server on 127.0.0.1: one thread accepts, one thread per connection
// answers. Bodies containing "bad" get 400 "rejected: bad line"; the rest 204.
class CountingHttpServer {
 public:
  explicit CountingHttpServer(bool close_after_each = false)
      : close_after_each_(close_after_each), acceptor_(io_context_, {asio::ip::make_address("127.0.0.1"), 0}) {
    accept_thread_ = std::thread([this] { accept_loop(); });
  }
  ~CountingHttpServer() {
    stopping_ = true;
    // A throwaway connection wakes the blocking accept so the loop can see stopping_.
    tcp::socket waker(io_context_);
    boost::system::error_code ignored;
    waker.connect(acceptor_.local_endpoint(), ignored);
    accept_thread_.join();
    for (std::thread& thread : session_threads_) thread.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
  std::vector<ReceivedBody> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void accept_loop() {
    for (int connection_id = 0;; ++connection_id) {
      tcp::socket socket(io_context_);
      boost::system::error_code error;
      acceptor_.accept(socket, error);
      if (stopping_ || error) return;
      session_threads_.emplace_back([this, connection_id, s = std::move(socket)]() mutable {
        serve(std::move(s), connection_id);
      });
    }
  }

  void serve(tcp::socket socket, int connection_id) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      boost::system::error_code error;
      http::read(socket, buffer, request, error);
      if (error) return;  // end_of_stream when the client is done
      const bool bad = request.body().find("bad") != std::string::npos;
      {
        std::lock_guard lock(mutex_);
        received_.push_back({connection_id, request.body(), std::string(request[http::field::host])});
      }
      http::response<http::string_body> response{bad ? http::status::bad_request : http::status::no_content, 11};
      if (bad) response.body() = "rejected: bad line";
      response.keep_alive(!close_after_each_);
      response.prepare_payload();
      http::write(socket, response, error);
      if (error || close_after_each_) return;
    }
  }

  const bool close_after_each_;
  asio::io_context io_context_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stopping_ = false;
  std::thread accept_thread_;
  std::vector<std::thread> session_threads_;  // only the accept thread adds, before join
  std::mutex mutex_;
  std::vector<ReceivedBody> received_;  // guarded by mutex_
};

std::vector<std::string> numbered_bodies(int count) {
  std::vector<std::string> bodies;
  for (int i = 0; i < count; ++i) bodies.push_back("cpu value=" + std::to_string(i) + "\n");
  return bodies;
}

HttpSenderOptions options_for(const std::string& url, int connection_count) {
  HttpSenderOptions options;
  options.endpoint = parse_http_url(url).value();
  options.connection_count = connection_count;
  options.io_timeout = std::chrono::seconds(10);
  return options;
}

TEST(BenchHttpSenderTest, DeliversEveryBodyOnceOverKConnectionsInOrder) {
  constexpr int kConnections = 3;
  const auto bodies = numbered_bodies(20);
  std::vector<ReceivedBody> received;
  SendResult result;
  std::string authority;
  {
    CountingHttpServer server;
    authority = server.url().substr(std::string_view("http://").size());
    result = send_bodies(options_for(server.url(), kConnections), bodies).value();
    received = server.received();
  }
  EXPECT_EQ(result.request_count, 20);
  EXPECT_EQ(result.error_count, 0);
  EXPECT_EQ(result.latencies_ns.size(), 20u);
  ASSERT_EQ(received.size(), 20u);
  std::multiset<std::string> got;
  std::map<int, std::vector<std::string>> by_connection;
  for (const auto& item : received) {
    EXPECT_EQ(item.host_header, authority);
    got.insert(item.body);
    by_connection[item.connection_id].push_back(item.body);
  }
  EXPECT_EQ(got, std::multiset<std::string>(bodies.begin(), bodies.end()));
  EXPECT_EQ(by_connection.size(), static_cast<size_t>(kConnections));
  // Each connection sends every K-th body, in order: c, c+K, c+2K, ...
  std::set<std::vector<std::string>> expected_shares;
  for (int c = 0; c < kConnections; ++c) {
    std::vector<std::string> share;
    for (size_t i = c; i < bodies.size(); i += kConnections) share.push_back(bodies[i]);
    expected_shares.insert(share);
  }
  std::set<std::vector<std::string>> actual_shares;
  for (const auto& [id, share] : by_connection) actual_shares.insert(share);
  EXPECT_EQ(actual_shares, expected_shares);
}

TEST(BenchHttpSenderTest, CountsNon2xxAnswersAndKeepsTheFirstErrorBody) {
  auto bodies = numbered_bodies(10);
  bodies[3] = "bad line three\n";
  bodies[7] = "bad line seven\n";
  CountingHttpServer server;
  const SendResult result = send_bodies(options_for(server.url(), 2), bodies).value();
  EXPECT_EQ(result.request_count, 10);
  EXPECT_EQ(result.error_count, 2);
  EXPECT_NE(result.first_error.find("body 3"), std::string::npos) << result.first_error;
  EXPECT_NE(result.first_error.find("HTTP 400"), std::string::npos) << result.first_error;
  EXPECT_NE(result.first_error.find("rejected: bad line"), std::string::npos) << result.first_error;
}

TEST(BenchHttpSenderTest, ReopensTheConnectionWhenTheServerClosesIt) {
  const auto bodies = numbered_bodies(6);
  std::vector<ReceivedBody> received;
  SendResult result;
  {
    CountingHttpServer server(/*close_after_each=*/true);
    result = send_bodies(options_for(server.url(), 2), bodies).value();
    received = server.received();
  }
  EXPECT_EQ(result.error_count, 0) << result.first_error;
  ASSERT_EQ(received.size(), 6u);
  std::set<int> connections;
  for (const auto& item : received) connections.insert(item.connection_id);
  EXPECT_EQ(connections.size(), 6u);  // one connection per request
}

TEST(BenchHttpSenderTest, FailsEveryBodyWhenNothingListens) {
  std::string url;
  {
    CountingHttpServer server;  // take a free port, then release it
    url = server.url();
  }
  const SendResult result = send_bodies(options_for(url, 2), numbered_bodies(5)).value();
  EXPECT_EQ(result.request_count, 5);
  EXPECT_EQ(result.error_count, 5);
  EXPECT_NE(result.first_error.find("body 0: connect"), std::string::npos) << result.first_error;
  EXPECT_TRUE(result.latencies_ns.empty());
}

TEST(BenchHttpSenderTest, ParsesHostAndPortOfPlainHttpUrls) {
  const HttpEndpoint endpoint = parse_http_url("http://127.0.0.1:8765").value();
  EXPECT_EQ(endpoint.host, "127.0.0.1");
  EXPECT_EQ(endpoint.port, "8765");
  EXPECT_EQ(parse_http_url("http://localhost/").value().port, "80");
  EXPECT_EQ(parse_http_url("http://[::1]:9000").value().host, "::1");
  for (const char* url : {"https://127.0.0.1:1", "127.0.0.1:8765", "http://", "http://h:80/write", "http://h:x"}) {
    EXPECT_FALSE(parse_http_url(url).has_value()) << url;
  }
}

}  // namespace
}  // namespace strata::tools
