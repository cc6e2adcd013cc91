// GET|POST /query: parameters, CREATE DATABASE, statement execution (inline or on the query pool), and
// the InfluxDB JSON answer, whole or chunked (docs/http-api.md).
#include "server/handlers/query_handlers.h"

#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/parser/create_database.h"
#include "query/encoders/influx_json_encoder.h"
#include "server/handlers/query_runner.h"
#include "server/http/responses.h"

namespace strata::server {
namespace {

// InfluxDB's DefaultChunkSize: rows per piece when chunk_size is absent or not positive.
constexpr size_t kDefaultChunkSize = 10'000;

// Parameters from the URL and, for a form POST, the body; the body wins, as Go's
// Request.FormValue (what InfluxDB reads) prefers it.
class QueryParams {
 public:
  QueryParams(const Request& request, const RequestTarget& target) : target_(target) {
    const auto type = request[http::field::content_type];
    if (request.method() == http::verb::post && type.starts_with("application/x-www-form-urlencoded")) {
      auto body = RequestTarget::parse("/?" + request.body());
      if (body) body_ = std::make_unique<RequestTarget>(std::move(*body));
    }
  }
  std::string get(std::string_view name) const {
    if (body_) {
      if (auto value = body_->param(name)) return std::string(*value);
    }
    return std::string(target_.param(name).value_or(""));
  }

 private:
  const RequestTarget& target_;
  std::unique_ptr<RequestTarget> body_;
};

// What a /query request asks, read on the I/O thread (the request's body may be a form).
struct QueryRequest {
  std::optional<std::string> create_database;  // CREATE DATABASE <name>, else `statements`
  std::vector<query::Statement> statements;
  std::string database;
  query::TimeFormat time_format = query::TimeFormat::kRfc3339;
  bool pretty = false;
  bool chunked = false;
  size_t chunk_size = kDefaultChunkSize;
};

// chunk_size as InfluxDB reads it: a positive integer, else the default.
size_t parse_chunk_size(const std::string& text) {
  size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) return kDefaultChunkSize;
  return value;
}

// CREATE DATABASE creates the tenant; InfluxDB answers it for an existing database with success.
Result<query::StatementResult> create_database(const std::string& name, ServerContext& context) {
  Status created = context.engine.create_tenant(name);
  if (created.code() == StatusCode::kAlreadyExists) created = Status::ok();
  if (!created.is_ok()) return created;
  return query::StatementResult{};
}

// The chunked answer: the results and the encoder reading them, kept alive by the body source.
struct ChunkedAnswer {
  std::vector<Result<query::StatementResult>> results;
  std::optional<query::InfluxJsonChunks> chunks;
};

// The first statement that failed because its tenant cannot serve (damaged at open, or
// shutting down), if any.
const Status* first_unavailable(const std::vector<Result<query::StatementResult>>& results) {
  for (const auto& result : results) {
    if (!result.has_value() && result.error().code() == StatusCode::kUnavailable) return &result.error();
  }
  return nullptr;
}

void answer(const Request& request, const QueryRequest& query, std::vector<Result<query::StatementResult>> results,
            const Responder& respond) {
  // Not InfluxDB's 200 with the statement's error: a tenant that cannot serve is the
  // server's fault, and a 503 with the reason lets clients retry and monitoring see it.
  if (const Status* unavailable = first_unavailable(results)) {
    respond(make_status_response(request, *unavailable));
    return;
  }
  if (!query.chunked) {
    respond(make_response(request, http::status::ok, query::encode_influx_json(results, query.time_format, query.pretty)));
    return;
  }
  auto chunked = std::make_shared<ChunkedAnswer>();
  chunked->results = std::move(results);
  chunked->chunks.emplace(chunked->results, query.time_format, query.pretty, query.chunk_size);
  Response head = make_response(request, http::status::ok);
  head.set(http::field::content_type, "application/json");
  respond.stream(std::move(head), [chunked] { return chunked->chunks->next(); });
}

// On a query thread: run, count and answer.
void run_query(const Request& request, const QueryRequest& query, ServerContext& context, const Responder& respond) {
  // Read first, so that the timeout counts from here.
  const query::ExecutionOptions options = make_execution_options(context, respond.cancelled());
  wait_test_delay(context, respond.cancelled());
  if (stop_if_client_left(request, context, respond)) return;
  std::vector<Result<query::StatementResult>> results;
  if (query.create_database) {
    results.push_back(create_database(*query.create_database, context));
  } else {
    results = run_statements(query.statements, query.database, context, options);
  }
  count_query(results, respond.cancelled(), context);
  answer(request, query, std::move(results), respond);
}

// The first attempt on this I/O thread (try_statements_inline); true when it answered.
bool answer_inline(const Request& request, const QueryRequest& query, ServerContext& context,
                   const Responder& respond) {
  if (query.create_database) return false;
  auto results = try_statements_inline(query.statements, query.database, context, respond.cancelled());
  if (!results) return false;
  count_query(*results, respond.cancelled(), context);
  answer(request, query, std::move(*results), respond);
  return true;
}

}  // namespace

void handle_query(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond) {
  const QueryParams params(request, target);
  QueryRequest query;
  const std::string text = params.get("q");
  if (text.empty()) {
    respond(make_error_response(request, http::status::bad_request, "missing required parameter \"q\""));
    return;
  }
  auto time_format = query::parse_time_format(params.get("epoch"));
  if (!time_format) {
    respond(make_error_response(request, http::status::bad_request, time_format.error().message()));
    return;
  }
  query.time_format = *time_format;
  query.database = params.get("db");
  query.pretty = params.get("pretty") == "true";
  query.chunked = params.get("chunked") == "true";
  query.chunk_size = parse_chunk_size(params.get("chunk_size"));
  if (stop_if_client_left(request, context, respond)) return;
  // Parsed here, once: a statement that does not parse is answered at once, and both the
  // inline attempt and the pool run the same statements.
  query.create_database = query::parse_create_database(text);
  if (!query.create_database) {
    auto statements = parse_statements(request, text, context, respond);
    if (!statements) return;
    query.statements = std::move(*statements);
  }
  if (answer_inline(request, query, context, respond)) return;
  // `request` stays valid until the answer is sent; the context outlives the pool's work.
  context.query_pool.post([&request, &context, respond = std::move(respond), query = std::move(query)] {
    guard_query_task(request, respond, [&] { run_query(request, query, context, respond); });
  });
}

}  // namespace strata::server
