// GET|POST /query through the router, without sockets: parameters, form bodies, errors,
// chunking, limits and cancellation, and the JSON InfluxDB clients read, over a real
// engine in a temp directory.
#include "server/handlers/query_handlers.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "server/http/responses.h"
#include "tests/server/handler_fixture.h"

namespace strata::server {
namespace {

class QueryHandlersTest : public HandlerTest {
 protected:
  QueryHandlersTest() : HandlerTest("db") {}
  void SetUp() override {
    HandlerTest::SetUp();
    const Response written = call(http::verb::post, "/write?db=db&precision=s", "cpu,host=a v=1.5 1\ncpu,host=b v=3 2\n");
    ASSERT_EQ(written.result(), http::status::no_content) << written.body();
  }
};

TEST_F(QueryHandlersTest, GetSelectAnswersInfluxJson) {
  const Response response = call(http::verb::get, "/query?db=db&q=SELECT+v+FROM+cpu&epoch=s");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  EXPECT_EQ(response.body(),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","v"],"values":[[1,1.5],[2,3]]}]}]})");
}

// Two points of one series in the memtable: count() decodes them as one run; after a
// flush, the segment block lies in one bucket of GROUP BY time(1h) and answers from its
// statistics.
TEST_F(QueryHandlersTest, QueryWorkIsCountedInMetrics) {
  ASSERT_EQ(call(http::verb::get, "/query?db=db&q=SELECT+count(v)+FROM+cpu+WHERE+host%3D%27a%27").result(),
            http::status::ok);
  std::string text = metrics_->render();
  EXPECT_NE(text.find("strata_query_series_selected_total 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("strata_query_points_scanned_total 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("strata_query_blocks_total{source=\"decoded\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("strata_query_blocks_total{source=\"stats\"} 0\n"), std::string::npos) << text;

  ASSERT_TRUE(engine_->flush_all().is_ok());
  ASSERT_EQ(call(http::verb::get, "/query?db=db&q=SELECT+count(v)+FROM+cpu+WHERE+time+%3E%3D+0+AND+time+%3C+3600s+GROUP+BY+time(1h)").result(),
            http::status::ok);
  text = metrics_->render();
  EXPECT_NE(text.find("strata_query_series_selected_total 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("strata_query_points_scanned_total 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("strata_query_blocks_total{source=\"stats\"} 2\n"), std::string::npos) << text;
}

TEST_F(QueryHandlersTest, PostFormBodyCarriesTheQuery) {
  const Response response = call(http::verb::post, "/query?db=db", "q=SELECT%20sum(v)%20FROM%20cpu",
                                 "application/x-www-form-urlencoded");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response.body(),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","sum"],)"
            R"("values":[["1970-01-01T00:00:00Z",4.5]]}]}]})");
}

TEST_F(QueryHandlersTest, ParseErrorIs400WithErrorObject) {
  const Response response = call(http::verb::get, "/query?db=db&q=SELECT+FROM+cpu");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_EQ(response.body(),
            R"({"error":"error parsing query: found FROM, expected identifier, string, number, bool at line 1, char 8"})");
  EXPECT_EQ(call(http::verb::get, "/query?db=db").result(), http::status::bad_request);
  EXPECT_EQ(call(http::verb::get, "/query?db=db&q=SHOW+DATABASES&epoch=days").result(), http::status::bad_request);
}

TEST_F(QueryHandlersTest, UnknownDatabaseIsAStatementErrorAndLaterStatementsAreNotExecuted) {
  const Response response = call(http::verb::get, "/query?db=nope&q=SHOW+MEASUREMENTS%3BSHOW+DATABASES");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response.body(),
            R"({"results":[{"statement_id":0,"error":"database not found: nope"},)"
            R"({"statement_id":1,"error":"not executed"}]})");
}

TEST_F(QueryHandlersTest, ShowDatabasesListsTenantsWithoutDb) {
  const Response response = call(http::verb::get, "/query?q=SHOW+DATABASES");
  EXPECT_EQ(response.body(),
            R"({"results":[{"statement_id":0,"series":[{"name":"databases","columns":["name"],"values":[["db"]]}]}]})");
}

TEST_F(QueryHandlersTest, OnClauseChoosesTheDatabase) {
  const Response response = call(http::verb::get, "/query?q=SHOW+MEASUREMENTS+ON+db");
  EXPECT_EQ(response.body(),
            R"({"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["cpu"]]}]}]})");
}

TEST_F(QueryHandlersTest, CreateDatabaseCreatesTheTenantAndIsIdempotent) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    const Response response = call(http::verb::post, "/query", "q=CREATE+DATABASE+%22telegraf%22",
                                   "application/x-www-form-urlencoded");
    EXPECT_EQ(response.result(), http::status::ok);
    EXPECT_EQ(response.body(), R"({"results":[{"statement_id":0}]})");
  }
  EXPECT_TRUE(engine_->tenant("telegraf").has_value());
}

TEST_F(QueryHandlersTest, ChunkedAnswerIsOneResponsePerChunkSizeRows) {
  const Response response = call(http::verb::get, "/query?db=db&q=SELECT+v+FROM+cpu&epoch=s&chunked=true&chunk_size=1");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  EXPECT_EQ(response.body(),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","v"],"values":[[1,1.5]],)"
            R"("partial":true}],"partial":true}]})"
            "\n"
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","v"],"values":[[2,3]]}]}]})"
            "\n");
  // Without chunk_size: InfluxDB's 10,000 rows per piece, so both rows in one.
  EXPECT_EQ(call(http::verb::get, "/query?db=db&q=SELECT+v+FROM+cpu&epoch=s&chunked=true").body(),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","v"],"values":[[1,1.5],[2,3]]}]}]})"
            "\n");
}

TEST_F(QueryHandlersTest, LimitsComeFromTheServerOptionsAndAreNamed) {
  options_.query.max_rows = 1;
  EXPECT_EQ(call(http::verb::get, "/query?db=db&q=SELECT+v+FROM+cpu").body(),
            R"({"results":[{"statement_id":0,"error":"query limit exceeded: max rows returned (1) reached"}]})");
  options_.query.max_rows = 0;
  options_.query.max_series = 1;
  EXPECT_EQ(call(http::verb::get, "/query?db=db&q=SELECT+v+FROM+cpu").body(),
            R"({"results":[{"statement_id":0,"error":"query limit exceeded: max series (1) reached"}]})");
  options_.query.max_series = 0;
  options_.query.timeout = std::chrono::milliseconds(1);
  options_.query.test_delay = std::chrono::milliseconds(20);
  EXPECT_EQ(call(http::verb::get, "/query?db=db&q=SELECT+v+FROM+cpu").body(),
            R"({"results":[{"statement_id":0,"error":"query timeout: the statement ran past its deadline"}]})");
  EXPECT_NE(metrics_->render().find("strata_queries_total{outcome=\"limit\"} 2"), std::string::npos);
  EXPECT_NE(metrics_->render().find("strata_queries_total{outcome=\"timeout\"} 1"), std::string::npos);
}

TEST_F(QueryHandlersTest, AClientThatLeftCancelsTheQueryAndIsCounted) {
  const Response response = call_with(make_request(http::verb::get, "/query?db=db&q=SELECT+v+FROM+cpu"), true);
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_EQ(response.body(), R"({"error":"query cancelled: the client went away"})");
  EXPECT_NE(metrics_->render().find("strata_queries_total{outcome=\"cancelled\"} 1"), std::string::npos);
}

TEST_F(QueryHandlersTest, ASmallQueryIsAnsweredOnTheCallersThreadALargerOneOnAQueryThread) {
  const Request request = make_request(http::verb::get, "/query?db=db&q=SELECT+v+FROM+cpu&epoch=s");
  const auto answered_on = [&] {
    std::promise<std::thread::id> thread;
    std::promise<std::string> body;
    route_request(request, *context_, [&](Response&& response) {
      body.set_value(response.body());
      thread.set_value(std::this_thread::get_id());
    });
    return std::pair{thread.get_future().get(), body.get_future().get()};
  };
  options_.query.inline_max_time = std::chrono::minutes(1);  // no time bound on a slow (sanitizer) build
  const auto [inline_thread, inline_body] = answered_on();
  EXPECT_EQ(inline_thread, std::this_thread::get_id());
  options_.query.inline_max_points = 1;  // cpu holds 2 points: the attempt gives up
  const auto [pool_thread, pool_body] = answered_on();
  EXPECT_NE(pool_thread, std::this_thread::get_id());
  EXPECT_EQ(pool_body, inline_body);
  EXPECT_EQ(pool_body,
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","v"],"values":[[1,1.5],[2,3]]}]}]})");
  EXPECT_NE(metrics_->render().find("strata_queries_total{outcome=\"ok\"} 2"), std::string::npos);
}

}  // namespace
}  // namespace strata::server
