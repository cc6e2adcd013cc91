// execute_write: decode, parse, write, answer; see write_request.h.
#include "server/handlers/write_request.h"

#include <boost/json.hpp>
#include <chrono>

#include "engine/base/utf8.h"
#include "server/http/gzip_decoder.h"
#include "server/http/responses.h"
#include "server/ingest/json_batch_parser.h"
#include "server/ingest/line_protocol_parser.h"

namespace strata::server {
namespace {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// `message` made valid UTF-8: Boost.JSON writes a string's bytes as they are, and a
// message may echo client text (a tenant name from the URL) that is not UTF-8.
boost::json::string valid_text(std::string_view message) {
  std::string storage;
  return boost::json::string(valid_utf8(message, storage));
}

boost::json::object error_object(ErrorShape shape, http::status status, std::string_view message_text) {
  const boost::json::string message = valid_text(message_text);
  boost::json::object body;
  if (shape == ErrorShape::kInfluxV1) {
    body["error"] = message;
  } else {
    // InfluxDB 2.x codes: "invalid" for the client's errors, "not found", "internal error".
    const unsigned code = static_cast<unsigned>(status);
    body["code"] = code == 404 ? "not found" : code == 413 ? "request too large" : code < 500 ? "invalid" : "internal error";
    body["message"] = message;
  }
  return body;
}

Response json_response(const Request& request, http::status status, const boost::json::object& body) {
  return make_response(request, status, boost::json::serialize(body));
}

// The body as the parser reads it: decoded when gzip, else the body itself (no copy).
Result<std::string_view> decoded_body(const Request& request, size_t max_bytes, std::string& storage) {
  const auto encoding = request[http::field::content_encoding];
  if (encoding.empty() || boost::beast::iequals(encoding, "identity")) return std::string_view(request.body());
  if (!boost::beast::iequals(encoding, "gzip")) {
    return Status::invalid_argument("unsupported content encoding " + std::string(encoding) + "; use gzip or none");
  }
  STRATA_ASSIGN_OR_RETURN(storage, gunzip(request.body(), max_bytes));
  return std::string_view(storage);
}

// The summary message of a write with rejected points, InfluxDB style: "partial write"
// when some points went in, "unable to parse" when none did; the first bad lines follow.
std::string rejection_message(const ParseReport& report, const WriteSummary& summary) {
  const uint64_t rejected = report.lines_rejected + summary.points_rejected;
  std::string message = summary.points_written > 0 ? "partial write: " : "unable to parse: ";
  message += std::to_string(rejected) + (rejected == 1 ? " point" : " points") + " rejected";
  for (const LineError& error : report.errors) {
    message += "; line " + std::to_string(error.line_number) + ": " + error.message;
  }
  if (!summary.first_rejection.is_ok()) message += "; " + std::string(summary.first_rejection.message());
  // InfluxDB 1.x ends a partial write error with the count, which some clients parse.
  message += " dropped=" + std::to_string(rejected);
  return message;
}

Response rejection_response(const Request& request, ErrorShape shape, const ParseReport& report,
                            const WriteSummary& summary) {
  boost::json::object body = error_object(shape, http::status::bad_request, rejection_message(report, summary));
  body["points_written"] = summary.points_written;
  body["points_rejected"] = report.lines_rejected + summary.points_rejected;
  boost::json::array lines;
  for (const LineError& error : report.errors) {
    lines.push_back(boost::json::object{{"line", error.line_number}, {"message", valid_text(error.message)}});
  }
  body["line_errors"] = std::move(lines);
  return json_response(request, http::status::bad_request, body);
}

// Parses the body into the thread's reusable batch.
Result<ParseReport> parse_body(std::string_view body, const WriteRequest& write, const IngestLimits& limits,
                               WriteBatch& batch) {
  const int64_t default_timestamp_ns = now_ns();
  if (write.format == BodyFormat::kJson) {
    return parse_json_batch(body, limits, write.precision, default_timestamp_ns, batch);
  }
  LineProtocolParser parser(limits, write.precision, default_timestamp_ns);
  return parser.parse(body, batch);
}

}  // namespace

Response make_write_error(const Request& request, ErrorShape shape, http::status status, std::string_view message) {
  return json_response(request, status, error_object(shape, status, message));
}

void execute_write(const Request& request, const WriteRequest& write, ServerContext& context, Responder respond) {
  auto tenant = context.engine.tenant(write.tenant);
  if (!tenant) {
    // An unavailable tenant (its files failed to open) is 503 with the engine's reason.
    if (tenant.error().code() != StatusCode::kNotFound) {
      respond(make_write_error(request, write.shape, http_status_for(tenant.error()), tenant.error().message()));
      return;
    }
    respond(make_write_error(request, write.shape, http::status::not_found,
                             "database not found: \"" + write.tenant + "\""));
    return;
  }
  std::string decoded_storage;
  auto body = decoded_body(request, context.options.max_body_bytes, decoded_storage);
  if (!body) {
    const bool too_large = body.error().code() == StatusCode::kResourceExhausted;
    respond(make_write_error(request, write.shape,
                             too_large ? http::status::payload_too_large : http::status::bad_request,
                             body.error().message()));
    return;
  }
  // The I/O thread's batch, cleared per request; it keeps the capacity of the largest body
  // this thread has parsed until the thread exits (docs/architecture.md "Per-thread scratch buffers").
  thread_local WriteBatch batch;
  batch.clear();
  auto report = parse_body(*body, write, context.options.ingest, batch);
  if (!report) {
    respond(make_write_error(request, write.shape, http::status::bad_request, report.error().message()));
    return;
  }
  const uint64_t body_bytes = body->size();
  if (batch.empty()) {
    context.metrics.record_ingest(write.tenant, 0, body_bytes, report->lines_rejected);
    respond(report->lines_rejected == 0 ? make_response(request, http::status::no_content)
                                        : rejection_response(request, write.shape, *report, WriteSummary{}));
    return;
  }
  (*tenant)->write_async(batch, [&request, &context, write, body_bytes, report = std::move(*report),
                                 respond = std::move(respond)](Result<WriteSummary> written) {
    if (!written) {
      respond(make_write_error(request, write.shape, http_status_for(written.error()), written.error().message()));
      return;
    }
    context.metrics.record_ingest(write.tenant, written->points_written, body_bytes,
                                  report.lines_rejected + written->points_rejected);
    if (report.lines_rejected == 0 && written->points_rejected == 0) {
      respond(make_response(request, http::status::no_content));
    } else {
      respond(rejection_response(request, write.shape, report, *written));
    }
  });
}

}  // namespace strata::server
