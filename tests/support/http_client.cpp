// HttpClient on Beast's synchronous API; see http_client.h.
#include "tests/support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

namespace strata::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

int connect_loopback(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

struct HttpClient::Connection {
  net::io_context io_context;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(uint16_t port) : port_(port), connection_(std::make_unique<Connection>()) {}
HttpClient::~HttpClient() = default;

HttpReply HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                              const std::map<std::string, std::string>& headers) {
  HttpReply reply;
  for (int attempt = 0; attempt < 2; ++attempt) {
    beast::error_code error;
    if (!connection_->stream) {
      connection_->stream.emplace(connection_->io_context);
      connection_->buffer.clear();
      connection_->stream->connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), error);
      if (error) {
        connection_->stream.reset();
        reply.error = "connect: " + error.message();
        return reply;
      }
    }
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    http::write(*connection_->stream, request, error);
    http::response_parser<http::string_body> parser;
    parser.body_limit(1 << 30);
    if (method == "HEAD") parser.skip(true);
    if (!error) http::read(*connection_->stream, connection_->buffer, parser, error);
    if (error) {
      // A kept-alive connection the server closed: reconnect once.
      connection_->stream.reset();
      reply.error = error.message();
      continue;
    }
    const auto& response = parser.get();
    reply.status = response.result_int();
    reply.body = response.body();
    for (const auto& field : response) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = std::string(field.value());
    }
    if (!response.keep_alive()) connection_->stream.reset();
    reply.error.clear();
    return reply;
  }
  return reply;
}

}  // namespace strata::testing
