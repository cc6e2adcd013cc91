// HandlerTest: handlers through route_request without sockets — a real engine in a temp
// directory with tenant `tenant_name`, the server context, and call() to route one request
// and wait for its response (whole, or a streamed one collected into one body).
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>

#include "server/router.h"
#include "tests/support/temp_directory.h"

namespace strata::server {

class HandlerTest : public ::testing::Test {
 protected:
  explicit HandlerTest(std::string tenant_name = "default") : tenant_name_(std::move(tenant_name)) {}

  void SetUp() override {
    EngineOptions engine_options;
    engine_options.data_directory = directory_.path();
    engine_ = Engine::open(engine_options).value();
    ASSERT_TRUE(engine_->create_tenant(tenant_name_).is_ok());
    metrics_ = std::make_unique<ServerMetrics>(*engine_);
    context_ = std::make_unique<ServerContext>(*engine_, options_, *metrics_);
  }

  // Routes one request and waits for its response.
  Response call(http::verb method, const std::string& target, const std::string& body = {},
                const std::string& content_type = {}) {
    return call_with(make_request(method, target, body, content_type), false);
  }

  static Request make_request(http::verb method, const std::string& target, const std::string& body = {},
                              const std::string& content_type = {}) {
    Request request{method, target, 11};
    if (!content_type.empty()) request.set(http::field::content_type, content_type);
    request.body() = body;
    request.prepare_payload();
    return request;
  }

  // Routes `request` and waits for its response; with client_left, its client has already
  // disconnected (Responder::cancelled() is set).
  Response call_with(const Request& request, bool client_left) {
    std::promise<Response> answered;
    Responder respond([&answered](Response&& response) { answered.set_value(std::move(response)); },
                      Responder::Stream{}, std::make_shared<std::atomic<bool>>(client_left));
    route_request(request, *context_, respond);
    return answered.get_future().get();
  }

  const std::string tenant_name_;
  testing::TempDirectory directory_;
  ServerOptions options_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<ServerContext> context_;
};

}  // namespace strata::server
