// GET|POST /query: parameters, CREATE DATABASE, statement execution per database, and the
// InfluxDB JSON answer. Runs on the calling I/O thread (see docs/http-api.md).
#include "server/handlers/query_handlers.h"

#include <chrono>
#include <map>
#include <memory>

#include "query/create_database.h"
#include "query/encoders/influx_json_encoder.h"
#include "query/executor.h"
#include "query/parser.h"
#include "query/show_executor.h"
#include "server/http/responses.h"

namespace strata::server {
namespace {

// Per-query limits until they become server options (issue 4): generous enough for
// dashboards, small enough that one query cannot take the server's memory.
constexpr std::chrono::seconds kQueryTimeout{60};
constexpr uint64_t kMaxPointsScanned = 1'000'000'000;
constexpr uint64_t kMaxSeries = 1'000'000;
constexpr uint64_t kMaxRows = 1'000'000;

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

query::ExecutionOptions execution_options(const ServerContext& context) {
  query::ExecutionOptions options;
  options.now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  options.databases = context.engine.list_tenants();
  options.max_points_scanned = kMaxPointsScanned;
  options.max_series = kMaxSeries;
  options.max_rows = kMaxRows;
  options.deadline = std::chrono::steady_clock::now() + kQueryTimeout;
  return options;
}

// Runs each statement against its database, stopping at the first error: the statements
// after it answer "not executed", as InfluxDB's executor does.
std::vector<Result<query::StatementResult>> run_statements(const std::vector<query::Statement>& statements,
                                                           const std::string& default_database,
                                                           ServerContext& context) {
  const query::ExecutionOptions options = execution_options(context);
  std::map<std::string, std::unique_ptr<Snapshot>> snapshots;
  std::vector<Result<query::StatementResult>> results;
  bool failed = false;
  for (const query::Statement& statement : statements) {
    if (failed) {
      results.emplace_back(Status::cancelled("not executed"));
      continue;
    }
    if (!query::needs_database(statement)) {  // SHOW DATABASES reads no tenant
      results.emplace_back(query::execute_show_databases(options));
      continue;
    }
    std::string database = query::statement_database(statement);
    if (database.empty()) database = default_database;
    auto& snapshot = snapshots[database];
    if (!snapshot) {
      auto tenant = database.empty() ? Result<std::shared_ptr<Tenant>>(Status::invalid_argument("database name required"))
                                     : context.engine.tenant(database);
      if (!tenant) {
        failed = true;
        results.emplace_back(tenant.error().code() == StatusCode::kNotFound
                                 ? Status::not_found("database not found: " + database)
                                 : tenant.error());
        continue;
      }
      snapshot = (*tenant)->snapshot();
    }
    results.emplace_back(query::execute(statement, *snapshot, options));
    failed = !results.back().has_value();
  }
  return results;
}

}  // namespace

void handle_query(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond) {
  const QueryParams params(request, target);
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
  const bool pretty = params.get("pretty") == "true";
  std::vector<Result<query::StatementResult>> results;
  if (auto database = query::parse_create_database(text)) {
    // InfluxDB answers CREATE DATABASE for an existing database with success.
    Status created = context.engine.create_tenant(*database);
    if (created.code() == StatusCode::kAlreadyExists) created = Status::ok();
    if (created.is_ok()) {
      results.emplace_back(query::StatementResult{});
    } else {
      results.emplace_back(created);
    }
  } else {
    auto statements = query::parse_query(text);
    if (!statements) {
      respond(make_error_response(request, http::status::bad_request,
                                  "error parsing query: " + std::string(statements.error().message())));
      return;
    }
    results = run_statements(*statements, params.get("db"), context);
  }
  respond(make_response(request, http::status::ok, query::encode_influx_json(results, *time_format, pretty)));
}

}  // namespace strata::server
