// HttpSession: one HTTP/1.1 connection, kept alive by shared_from_this while it has work
// (Beast's advanced server shape). Requests are read one at a time — header under the
// header timeout, body under the body timeout, limits from ServerOptions — handed to the
// router, and answered in order — whole, or streamed with chunked transfer encoding. While a
// handler works, the socket is watched so that a client that leaves cancels the request.
// All steps run on the thread of the connection's io_context (IoContextPool).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/http_types.h"
#include "server/http/responder.h"
#include "server/http/session_registry.h"
#include "server/server_context.h"

namespace strata::server {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, ServerContext& context, SessionRegistry& registry);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // Starts serving. REQUIRES: the registry accepted the session.
  void run();
  // Answers 503 (the connection limit is reached) and closes. For a session the registry refused.
  void reject();
  // Thread-safe: closes the connection now if it is waiting for a request (or lingering
  // after refusing one), else once the response in flight is written.
  void shut_down();

 private:
  enum class State : uint8_t { kIdle, kReading, kHandling, kWriting, kClosed };

  void await_request();
  // The header is read and parsed here, not by http::async_read_header, so that its size
  // is counted across reads (--max-header-bytes holds for the whole header).
  void start_header();
  void read_header();
  void on_header_bytes(boost::beast::error_code error, size_t bytes);
  void parse_header();
  // A whole header: refuses a body it cannot frame (501, 400), answers Expect, reads the body.
  void on_header();
  void read_body();
  void on_body(boost::beast::error_code error, size_t bytes);
  // Answers what can be answered of a failed read (413, 431, 400), else just closes.
  void fail_read(boost::beast::error_code error);
  void handle_request();
  // While a request is handled: a readable socket that peeks 0 bytes (or fails) means the
  // client left, and sets the request's cancelled flag (Responder::cancelled()).
  void watch_disconnect();
  void on_readable(boost::beast::error_code error, const std::shared_ptr<std::atomic<bool>>& cancelled);
  void stop_watching();
  void send(Response&& response);
  // A streamed response: the header, then each piece of `source` as an HTTP chunk. Pieces
  // are produced on a query thread, one at a time, each after the previous was written.
  void start_stream(Response&& head, std::shared_ptr<BodySource> source);
  void next_chunk();
  void write_chunk(std::optional<std::string> piece);
  // After the stream's header or a chunk is written: the next piece, or the end on error.
  void on_chunk_written(boost::beast::error_code error, size_t bytes);
  void on_write(bool keep_alive, boost::beast::error_code error, size_t bytes);
  void close();
  // A response to a request that could not be read whole; the connection closes after it.
  void send_error_and_close(http::status status, std::string_view message);
  // send_error_and_close for a request refused while being read: the rest of it may still
  // be arriving, so the connection lingers (drains input for a while) before closing.
  void refuse_request(http::status status, std::string_view message);
  void linger_and_close();
  void drain_input();

  ServerContext& context_;
  SessionRegistry& registry_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  size_t header_bytes_ = 0;  // of the request being read, parsed so far
  Request request_;
  std::string body_storage_;  // the memory of the previous request's body, reused
  std::optional<Response> response_;  // alive while it is being written
  // A streamed response in flight: its header, serializer, source and current chunk.
  std::optional<http::response<http::empty_body>> stream_head_;
  std::optional<http::response_serializer<http::empty_body>> stream_serializer_;
  std::shared_ptr<BodySource> body_source_;
  std::string chunk_;
  // The request being handled: set when its client goes away.
  std::shared_ptr<std::atomic<bool>> cancelled_;
  bool watching_ = false;
  std::string_view endpoint_ = "other";
  std::chrono::steady_clock::time_point request_start_;
  State state_ = State::kIdle;
  bool close_after_response_ = false;
  bool linger_before_close_ = false;
  size_t lingered_bytes_ = 0;
  bool registered_ = false;
};

}  // namespace strata::server
