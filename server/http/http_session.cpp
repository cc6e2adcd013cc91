// HttpSession; see http_session.h.
#include "server/http/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/asio/write.hpp>
#include <sys/socket.h>

#include <cerrno>
#include <exception>

#include "engine/base/log.h"
#include "server/http/request_framing.h"
#include "server/http/responses.h"
#include "server/router.h"

namespace strata::server {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;

// Each read of a request header takes what is there, up to this much, before the parser runs.
constexpr size_t kHeaderReadBytes = 16 << 10;
// After refusing a request that was not read whole, the connection reads and drops what
// the client still sends, for up to this long and this much, before it closes: closing a
// socket with unread bytes sends a reset, which can destroy the answer before the client
// reads it (nginx's lingering close).
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kMaxLingerBytes = 1 << 20;
// A connection keeps its last request body's memory for the next one up to this size;
// larger ones are freed, so that idle connections do not hold much memory.
constexpr size_t kMaxKeptBodyBytes = 8 << 20;

bool is_disconnect(const beast::error_code& error) {
  return error == http::error::end_of_stream || error == net::error::eof || error == net::error::connection_reset ||
         error == net::error::operation_aborted || error == beast::error::timeout ||
         error == http::error::partial_message;
}

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket&& socket, ServerContext& context, SessionRegistry& registry)
    : context_(context), registry_(registry), stream_(std::move(socket)) {}

HttpSession::~HttpSession() {
  if (registered_) {
    registry_.remove(this);
    context_.metrics.connection_closed();
  }
}

void HttpSession::run() {
  registered_ = true;
  context_.metrics.connection_opened();
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::await_request, shared_from_this()));
}

void HttpSession::reject() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->send_error_and_close(http::status::service_unavailable,
                               "too many connections: the limit is " +
                                   std::to_string(self->context_.options.max_connections) + " (--max-connections)");
  });
}

void HttpSession::shut_down() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->close_after_response_ = true;
    // Waiting for a request that has not begun, or lingering after a refused one: nothing
    // is lost by closing now.
    if (self->state_ == State::kIdle || self->state_ == State::kClosed) self->stream_.cancel();
  });
}

void HttpSession::await_request() {
  if (close_after_response_) {
    close();
    return;
  }
  parser_.emplace();
  // Beast's header_limit bounds only the bytes one put() has not yet parsed: fields it
  // parses are consumed from the buffer, so a header arriving in several reads would pass
  // whatever its total. parse_header() keeps the total; the parser's own check stays as a
  // bound on one read's unparsed bytes.
  parser_->header_limit(static_cast<uint32_t>(context_.options.max_header_bytes));
  parser_->body_limit(context_.options.max_body_bytes);
  header_bytes_ = 0;
  // The previous body's memory, so that a large body does not fault in fresh pages on
  // every request of a keep-alive writer (a fifth of the server's page faults).
  parser_->get().body() = std::move(body_storage_);
  parser_->get().body().clear();
  if (buffer_.size() > 0) {  // a pipelined request is already here
    start_header();
    parse_header();
    return;
  }
  // Between requests the idle timeout applies; the header timeout starts at its first byte.
  state_ = State::kIdle;
  stream_.expires_after(context_.options.idle_timeout);
  read_header();
}

void HttpSession::start_header() {
  state_ = State::kReading;
  // One deadline for the whole header, however many reads it takes: a client trickling
  // bytes is cut off.
  stream_.expires_after(context_.options.header_timeout);
}

void HttpSession::read_header() {
  stream_.async_read_some(buffer_.prepare(kHeaderReadBytes),
                          beast::bind_front_handler(&HttpSession::on_header_bytes, shared_from_this()));
}

void HttpSession::on_header_bytes(beast::error_code error, size_t bytes) {
  if (error) {
    // Idle and closed, timed out, or gone mid-header: nobody to answer.
    close();
    return;
  }
  buffer_.commit(bytes);
  if (state_ == State::kIdle) start_header();
  parse_header();
}

void HttpSession::parse_header() {
  beast::error_code error;
  const size_t parsed = parser_->put(buffer_.data(), error);
  buffer_.consume(parsed);
  header_bytes_ += parsed;
  const size_t limit = context_.options.max_header_bytes;
  if (error == http::error::need_more) {
    // What is buffered is all header (it has not ended): with it the header has reached
    // the limit without ending, so it cannot end within it.
    if (header_bytes_ + buffer_.size() >= limit) {
      fail_read(http::error::header_limit);
      return;
    }
    read_header();
    return;
  }
  if (error) {
    fail_read(error);
    return;
  }
  if (header_bytes_ > limit) {  // a header that ended past the limit within one read
    fail_read(http::error::header_limit);
    return;
  }
  on_header();
}

void HttpSession::on_header() {
  if (auto refused = check_request_framing(parser_->get().base(), parser_->chunked())) {
    refuse_request(refused->status, refused->message);
    return;
  }
  const auto& header = parser_->get();
  if (beast::iequals(header[http::field::expect], "100-continue")) {
    // The client waits for this before sending the body (curl does for large bodies).
    auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_, header.version());
    stream_.expires_after(context_.options.body_timeout);
    http::async_write(stream_, *interim, [self = shared_from_this(), interim](beast::error_code written, size_t) {
      if (written) {
        self->close();
        return;
      }
      self->read_body();
    });
    return;
  }
  read_body();
}

void HttpSession::read_body() {
  stream_.expires_after(context_.options.body_timeout);
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_body, shared_from_this()));
}

void HttpSession::on_body(beast::error_code error, size_t) {
  if (error) {
    fail_read(error);
    return;
  }
  request_ = parser_->release();
  handle_request();
}

void HttpSession::fail_read(beast::error_code error) {
  if (error == http::error::body_limit) {
    refuse_request(http::status::payload_too_large,
                   "request body exceeds " + std::to_string(context_.options.max_body_bytes) +
                       " bytes (--max-body-bytes)");
  } else if (error == http::error::header_limit) {
    refuse_request(http::status::request_header_fields_too_large,
                   "request header exceeds " + std::to_string(context_.options.max_header_bytes) +
                       " bytes (--max-header-bytes)");
  } else if (is_disconnect(error) || error.category() != http::make_error_code(http::error::bad_target).category()) {
    // The client left, was too slow (timeout), or the socket failed: nobody to answer.
    close();
  } else {
    refuse_request(http::status::bad_request, "malformed HTTP request: " + error.message());
  }
}

void HttpSession::handle_request() {
  state_ = State::kHandling;
  request_start_ = std::chrono::steady_clock::now();
  cancelled_ = std::make_shared<std::atomic<bool>>(false);
  auto answered = std::make_shared<std::atomic<bool>>(false);
  auto self = shared_from_this();
  Responder respond(
      [self, answered](Response&& response) {
        if (answered->exchange(true)) return;  // a handler that threw after answering
        auto shared = std::make_shared<Response>(std::move(response));
        net::post(self->stream_.get_executor(), [self, shared] { self->send(std::move(*shared)); });
      },
      [self, answered](Response&& head, BodySource body) {
        if (answered->exchange(true)) return;
        auto shared = std::make_shared<Response>(std::move(head));
        auto source = std::make_shared<BodySource>(std::move(body));
        net::post(self->stream_.get_executor(),
                  [self, shared, source] { self->start_stream(std::move(*shared), source); });
      },
      cancelled_);
  try {
    endpoint_ = route_request(request_, context_, respond);
  } catch (const std::exception& exception) {
    // The one catch at the session boundary (STYLE.md §4): answer 500 and log.
    log_error("request handler threw", {{"target", std::string(request_.target())}, {"error", exception.what()}});
    respond(make_error_response(request_, http::status::internal_server_error, "internal error"));
  }
  // A handler still at work (a query on the pool, a write waiting for its sync) learns if
  // its client leaves. One that answered already needs no watch (and saves arming one).
  if (!answered->load()) watch_disconnect();
}

void HttpSession::watch_disconnect() {
  watching_ = true;
  stream_.socket().async_wait(net::socket_base::wait_read,
                              [self = shared_from_this(), cancelled = cancelled_](beast::error_code error) {
                                self->on_readable(error, cancelled);
                              });
}

void HttpSession::on_readable(beast::error_code error, const std::shared_ptr<std::atomic<bool>>& cancelled) {
  // Aborted by stop_watching(), or a wait left over from a request already answered.
  if (error || !watching_ || state_ != State::kHandling || cancelled != cancelled_) return;
  char byte = 0;
  const ssize_t peeked = ::recv(stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (peeked > 0) {
    // The client sent more (a pipelined request): it is still there, and the socket stays
    // readable, so watching on would spin. Its bytes are read once this request is answered.
    watching_ = false;
    return;
  }
  if (peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
    watch_disconnect();
    return;
  }
  // 0 bytes: the client closed its side (as Go's CloseNotify, which InfluxDB uses, a
  // half-close counts as leaving); an error: the connection is gone.
  watching_ = false;
  cancelled_->store(true);
  log(LogLevel::kDebug, "client went away while its request was handled", {{"target", std::string(request_.target())}});
}

void HttpSession::stop_watching() {
  if (!watching_) return;
  watching_ = false;
  beast::error_code ignored;
  stream_.socket().cancel(ignored);  // only the wait is pending while a request is handled
}

void HttpSession::send(Response&& response) {
  stop_watching();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - request_start_).count();
  context_.metrics.record_request(endpoint_, response.result_int(), seconds);
  if (close_after_response_ || context_.draining.load()) response.keep_alive(false);
  response_ = std::move(response);
  state_ = State::kWriting;
  stream_.expires_after(context_.options.body_timeout);
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), response_->keep_alive()));
}

void HttpSession::start_stream(Response&& head, std::shared_ptr<BodySource> source) {
  stop_watching();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - request_start_).count();
  context_.metrics.record_request(endpoint_, head.result_int(), seconds);
  if (close_after_response_ || context_.draining.load()) head.keep_alive(false);
  head.erase(http::field::content_length);
  stream_head_.emplace(std::move(head.base()));
  stream_head_->chunked(true);
  stream_serializer_.emplace(*stream_head_);
  body_source_ = std::move(source);
  state_ = State::kWriting;
  stream_.expires_after(context_.options.body_timeout);
  http::async_write_header(stream_, *stream_serializer_,
                           beast::bind_front_handler(&HttpSession::on_chunk_written, shared_from_this()));
}

void HttpSession::next_chunk() {
  // Encoding a piece is query work: it runs on the query threads, never on this I/O thread.
  context_.query_pool.post([self = shared_from_this(), source = body_source_, cancelled = cancelled_] {
    std::optional<std::string> piece;
    if (!cancelled->load()) piece = (*source)();
    net::post(self->stream_.get_executor(),
              [self, piece = std::move(piece)]() mutable { self->write_chunk(std::move(piece)); });
  });
}

void HttpSession::write_chunk(std::optional<std::string> piece) {
  stream_.expires_after(context_.options.body_timeout);
  if (!piece) {
    const bool keep_alive = stream_head_->keep_alive() && !cancelled_->load();
    net::async_write(stream_, http::make_chunk_last(),
                     beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
    return;
  }
  chunk_ = std::move(*piece);
  net::async_write(stream_, http::make_chunk(net::buffer(chunk_)),
                   beast::bind_front_handler(&HttpSession::on_chunk_written, shared_from_this()));
}

void HttpSession::on_chunk_written(beast::error_code error, size_t) {
  if (error) {
    // The client left mid-answer: the rest is not produced.
    cancelled_->store(true);
    on_write(false, error, 0);
    return;
  }
  next_chunk();
}

void HttpSession::on_write(bool keep_alive, beast::error_code error, size_t) {
  response_.reset();
  stream_serializer_.reset();
  stream_head_.reset();
  body_source_.reset();
  chunk_.clear();
  if (request_.body().capacity() <= kMaxKeptBodyBytes) body_storage_ = std::move(request_.body());
  request_ = {};
  if (error || !keep_alive) {
    if (linger_before_close_ && !error) {
      linger_and_close();
    } else {
      close();
    }
    return;
  }
  endpoint_ = "other";
  await_request();
}

void HttpSession::refuse_request(http::status status, std::string_view message) {
  linger_before_close_ = true;
  send_error_and_close(status, message);
}

void HttpSession::linger_and_close() {
  state_ = State::kClosed;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  buffer_.consume(buffer_.size());
  lingered_bytes_ = 0;
  stream_.expires_after(kLingerTime);
  drain_input();
}

void HttpSession::drain_input() {
  stream_.async_read_some(buffer_.prepare(kHeaderReadBytes), [self = shared_from_this()](beast::error_code error,
                                                                                          size_t bytes) {
    self->lingered_bytes_ += bytes;
    if (error || self->lingered_bytes_ > kMaxLingerBytes) {
      // The client read the answer and closed (or is too slow or sends too much): done.
      self->stream_.close();
      return;
    }
    self->drain_input();
  });
}

void HttpSession::send_error_and_close(http::status status, std::string_view message) {
  close_after_response_ = true;
  endpoint_ = "other";
  request_start_ = std::chrono::steady_clock::now();
  Request request;
  request.version(parser_ && parser_->is_header_done() ? parser_->get().version() : 11);
  request.keep_alive(false);
  send(make_error_response(request, status, message));
}

void HttpSession::close() {
  state_ = State::kClosed;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.close();
}

}  // namespace strata::server
