// The property ingest_answers_fuzz checks, shared with its gtest twin
// (tests/server/ingest_answers_test.cpp): whatever a line protocol body gets written, every
// SHOW and SELECT * answer of /query and /api/v1/query is JSON that Boost.JSON parses
// (docs/http-api.md "Text in answers").
#pragma once

#include <boost/json.hpp>
#include <cstdlib>
#include <future>
#include <memory>
#include <string>
#include <string_view>

#include "server/router.h"

namespace strata::server {

// An engine and server context over `directory` (which must exist), answering requests
// through the router. Writes are not synced: the property is about text, and a sync per
// input would slow a fuzzer down for nothing. Not thread-safe.
class IngestAnswers {
 public:
  explicit IngestAnswers(const std::string& directory) {
    EngineOptions engine_options;
    engine_options.data_directory = directory;
    engine_options.durability.mode = DurabilityMode::kNone;
    auto engine = Engine::open(engine_options);
    if (!engine) std::abort();
    engine_ = std::move(*engine);
    options_.query.threads = 1;
    metrics_ = std::make_unique<ServerMetrics>(*engine_);
    context_ = std::make_unique<ServerContext>(*engine_, options_, *metrics_);
  }

  // Writes `body` (precision s) to a new tenant through POST /write, then asks every SHOW
  // and SELECT * through both query endpoints, and drops the tenant. "" when every answer
  // is JSON; else the request and the answer that is not.
  std::string check(std::string_view body) {
    if (!engine_->create_tenant("fuzz").is_ok()) std::abort();
    call(http::verb::post, "/write?db=fuzz&precision=s", std::string(body));
    std::string failure;
    for (const char* statement : {"SHOW MEASUREMENTS", "SHOW TAG KEYS", "SHOW FIELD KEYS", "SHOW SERIES",
                                  "SHOW TAG VALUES WITH KEY =~ /.*/", "SELECT * FROM /.*/"}) {
      const std::string query = boost::json::serialize(boost::json::object{{"sql", statement}, {"db", "fuzz"}});
      for (const auto& [target, request_body] :
           {std::pair<std::string, std::string>{"/query?db=fuzz&q=" + url_encoded(statement), ""},
            std::pair<std::string, std::string>{"/api/v1/query", query}}) {
        const Response answer = call(request_body.empty() ? http::verb::get : http::verb::post, target, request_body);
        boost::system::error_code error;
        boost::json::parse(answer.body(), error);
        if (error && failure.empty()) failure = target + " " + request_body + " answered " + answer.body();
      }
    }
    if (!engine_->drop_tenant("fuzz").is_ok()) std::abort();
    return failure;
  }

 private:
  Response call(http::verb method, const std::string& target, const std::string& body) {
    Request request{method, target, 11};
    request.body() = body;
    request.prepare_payload();
    std::promise<Response> answered;
    route_request(request, *context_, Responder([&answered](Response&& response) { answered.set_value(std::move(response)); }));
    return answered.get_future().get();
  }

  static std::string url_encoded(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char byte : text) {
      encoded += '%';
      encoded += kHex[static_cast<unsigned char>(byte) >> 4];
      encoded += kHex[static_cast<unsigned char>(byte) & 0xF];
    }
    return encoded;
  }

  ServerOptions options_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<ServerContext> context_;  // destroyed first: it borrows the others
};

}  // namespace strata::server
