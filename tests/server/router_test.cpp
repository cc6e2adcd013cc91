// The routing table and the write handler as plain functions, without sockets: a request
// in, a response out, the points in a real engine in a temp directory.
#include "server/router.h"

#include <gtest/gtest.h>

#include "tests/server/handler_fixture.h"
#include "tests/support/tenant_reader.h"

namespace strata::server {
namespace {

using RouterTest = HandlerTest;

TEST_F(RouterTest, EveryEndpointIsRouted) {
  for (const char* path :
       {"/write", "/api/v2/write", "/api/v1/write", "/query", "/api/v1/query", "/ping", "/health", "/ready", "/metrics"}) {
    ASSERT_NE(find_route(path), nullptr) << path;
    EXPECT_EQ(find_route(path)->path, path);
  }
  EXPECT_EQ(find_route("/ping/"), find_route("/ping"));
  EXPECT_EQ(find_route("/queries"), nullptr);
}

TEST_F(RouterTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  EXPECT_EQ(call(http::verb::get, "/nope").result(), http::status::not_found);
  const Response wrong = call(http::verb::delete_, "/ping");
  EXPECT_EQ(wrong.result(), http::status::method_not_allowed);
  EXPECT_EQ(wrong[http::field::allow], "GET, HEAD");
}

TEST_F(RouterTest, WriteStoresPointsAndAnswers204) {
  const Response response = call(http::verb::post, "/write?db=default&precision=ms", "m,k=a v=1.25 7\n");
  EXPECT_EQ(response.result(), http::status::no_content) << response.body();
  auto tenant = engine_->tenant("default").value();
  EXPECT_EQ(testing::read_floats(*tenant, "m", {}, "v"), (std::vector<std::pair<int64_t, double>>{{7'000'000, 1.25}}));
}

TEST_F(RouterTest, ResponsesCarryTheInfluxVersionHeaders) {
  const Response ping = call(http::verb::get, "/ping");
  EXPECT_EQ(ping.result(), http::status::no_content);
  EXPECT_EQ(ping["X-Influxdb-Version"], "1.8.10");
  EXPECT_EQ(ping["X-Influxdb-Build"], "OSS");
}

TEST_F(RouterTest, DrainingServerIsNotReady) {
  EXPECT_EQ(call(http::verb::get, "/ready").result(), http::status::ok);
  context_->draining = true;
  EXPECT_EQ(call(http::verb::get, "/ready").result(), http::status::service_unavailable);
  EXPECT_EQ(call(http::verb::get, "/health").result(), http::status::service_unavailable);
}

}  // namespace
}  // namespace strata::server
