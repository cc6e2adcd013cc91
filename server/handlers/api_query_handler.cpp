// POST /api/v1/query: the JSON request, statement execution (inline or on the query pool) and
// the columnar JSON or CSV answer; see api_query_handler.h.
#include "server/handlers/api_query_handler.h"

#include <boost/json.hpp>

#include "query/encoders/columnar_json_encoder.h"
#include "query/encoders/csv_encoder.h"
#include "server/handlers/query_runner.h"
#include "server/http/responses.h"

namespace strata::server {
namespace {

enum class AnswerFormat : uint8_t { kJson, kCsv };

struct ApiQuery {
  std::string sql;
  std::vector<query::Statement> statements;  // parsed from `sql` on the I/O thread
  std::string database;
  AnswerFormat format = AnswerFormat::kJson;
  query::TimeFormat time_format = query::TimeFormat::kRfc3339;
};

// A string member of `body`: nullopt when absent, kInvalidArgument when not a string.
Result<std::optional<std::string>> string_member(const boost::json::object& body, std::string_view name) {
  const boost::json::value* value = body.if_contains(name);
  if (value == nullptr || value->is_null()) return std::optional<std::string>();
  if (!value->is_string()) return Status::invalid_argument("\"" + std::string(name) + "\" must be a string");
  return std::optional<std::string>(std::string(value->get_string()));
}

bool accepts_csv(const Request& request) {
  const std::string_view accept = request[http::field::accept];
  return accept.find("text/csv") != std::string_view::npos || accept.find("application/csv") != std::string_view::npos;
}

Result<ApiQuery> parse_request(const Request& request, const ServerOptions& options) {
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(request.body(), error);
  if (error) return Status::invalid_argument("request body is not JSON: " + error.message());
  if (!parsed.is_object()) return Status::invalid_argument("request body must be a JSON object with \"sql\"");
  const boost::json::object& body = parsed.get_object();
  ApiQuery query;
  STRATA_ASSIGN_OR_RETURN(auto sql, string_member(body, "sql"));
  if (!sql || sql->empty()) return Status::invalid_argument("missing required member \"sql\"");
  query.sql = std::move(*sql);
  STRATA_ASSIGN_OR_RETURN(auto database, string_member(body, "db"));
  query.database = database.value_or(options.default_database);
  STRATA_ASSIGN_OR_RETURN(auto format, string_member(body, "format"));
  if (!format) {
    query.format = accepts_csv(request) ? AnswerFormat::kCsv : AnswerFormat::kJson;
  } else if (*format == "json") {
    query.format = AnswerFormat::kJson;
  } else if (*format == "csv") {
    query.format = AnswerFormat::kCsv;
  } else {
    return Status::invalid_argument("invalid format \"" + *format + "\": expected json or csv");
  }
  STRATA_ASSIGN_OR_RETURN(auto epoch, string_member(body, "epoch"));
  STRATA_ASSIGN_OR_RETURN(query.time_format, query::parse_time_format(epoch.value_or("")));
  return query;
}

// What the client did wrong, or what stopped its query, is a 400 here; the engine's own
// failures (I/O, corruption) keep the status they map to.
http::status error_status(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kResourceExhausted:
    case StatusCode::kDeadlineExceeded:
    case StatusCode::kCancelled:
      return http::status::bad_request;
    default:
      return http_status_for(status);
  }
}

// Counts how the statements ended and answers: the first error, else every result as
// columnar JSON or CSV.
void answer(const Request& request, const ApiQuery& query, std::vector<Result<query::StatementResult>> results,
            ServerContext& context, const Responder& respond) {
  count_query(results, respond.cancelled(), context);
  std::vector<query::StatementResult> answered;
  answered.reserve(results.size());
  for (auto& result : results) {
    if (!result) {
      respond(make_error_response(request, error_status(result.error()), result.error().message()));
      return;
    }
    answered.push_back(std::move(*result));
  }
  if (query.format == AnswerFormat::kJson) {
    respond(make_response(request, http::status::ok, query::encode_columnar_json(answered, query.time_format)));
    return;
  }
  Response response = make_response(request, http::status::ok, query::encode_csv(answered, query.time_format));
  response.set(http::field::content_type, "text/csv; charset=utf-8");
  respond(std::move(response));
}

// On a query thread: run, count and answer.
void run_api_query(const Request& request, const ApiQuery& query, ServerContext& context, const Responder& respond) {
  // Read first, so that the timeout counts from here.
  const query::ExecutionOptions options = make_execution_options(context, respond.cancelled());
  wait_test_delay(context, respond.cancelled());
  if (stop_if_client_left(request, context, respond)) return;
  answer(request, query, run_statements(query.statements, query.database, context, options), context, respond);
}

// The first attempt on this I/O thread (try_statements_inline); true when it answered.
bool answer_inline(const Request& request, const ApiQuery& query, ServerContext& context, const Responder& respond) {
  auto results = try_statements_inline(query.statements, query.database, context, respond.cancelled());
  if (!results) return false;
  answer(request, query, std::move(*results), context, respond);
  return true;
}

}  // namespace

void handle_api_query(const Request& request, const RequestTarget&, ServerContext& context, Responder respond) {
  auto query = parse_request(request, context.options);
  if (!query) {
    respond(make_error_response(request, http::status::bad_request, query.error().message()));
    return;
  }
  if (stop_if_client_left(request, context, respond)) return;
  // Parsed here, once: shared by the inline attempt and the pool's run.
  auto statements = parse_statements(request, query->sql, context, respond);
  if (!statements) return;
  query->statements = std::move(*statements);
  if (answer_inline(request, *query, context, respond)) return;
  context.query_pool.post([&request, &context, respond = std::move(respond), query = std::move(*query)] {
    guard_query_task(request, respond, [&] { run_api_query(request, query, context, respond); });
  });
}

}  // namespace strata::server
