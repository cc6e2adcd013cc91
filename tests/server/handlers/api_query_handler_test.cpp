// POST /api/v1/query through the router, without sockets: the JSON request, columnar JSON
// and CSV answers, the default tenant, and 400s naming each cause.
#include "server/handlers/api_query_handler.h"

#include <gtest/gtest.h>

#include "tests/server/handler_fixture.h"

namespace strata::server {
namespace {

class ApiQueryHandlerTest : public HandlerTest {
 protected:
  ApiQueryHandlerTest() : HandlerTest("db") {}
  void SetUp() override {
    HandlerTest::SetUp();
    const Response written = call(http::verb::post, "/write?db=db&precision=s", "cpu,host=a v=1.5 1\ncpu,host=b v=3 2\n");
    ASSERT_EQ(written.result(), http::status::no_content) << written.body();
  }
  Response query(const std::string& body, const std::string& accept = {}) {
    Request request = make_request(http::verb::post, "/api/v1/query", body, "application/json");
    if (!accept.empty()) request.set(http::field::accept, accept);
    return call_with(request, false);
  }
};

TEST_F(ApiQueryHandlerTest, ColumnarJsonPerStatementAndSeries) {
  const Response response = query(R"({"sql": "SELECT v FROM cpu GROUP BY host", "db": "db", "epoch": "s"})");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  EXPECT_EQ(response.body(),
            R"({"results":[{"statement_id":0,"series":[)"
            R"({"name":"cpu","tags":{"host":"a"},"columns":{"time":[1],"v":[1.5]}},)"
            R"({"name":"cpu","tags":{"host":"b"},"columns":{"time":[2],"v":[3]}}]}]})");
}

TEST_F(ApiQueryHandlerTest, CsvByFormatOrAcceptWithRfc3339Times) {
  const std::string expected =
      "name,tags,time,v\n"
      "cpu,host=a,1970-01-01T00:00:01Z,1.5\n"
      "cpu,host=b,1970-01-01T00:00:02Z,3\n";
  const Response by_format = query(R"({"sql": "SELECT v FROM cpu GROUP BY host", "db": "db", "format": "csv"})");
  EXPECT_EQ(by_format.result(), http::status::ok);
  EXPECT_EQ(by_format[http::field::content_type], "text/csv; charset=utf-8");
  EXPECT_EQ(by_format.body(), expected);
  EXPECT_EQ(query(R"({"sql": "SELECT v FROM cpu GROUP BY host", "db": "db"})", "text/csv").body(), expected);
  // An explicit format wins over Accept.
  EXPECT_EQ(query(R"({"sql": "SHOW MEASUREMENTS", "db": "db", "format": "json"})", "text/csv").body(),
            R"({"results":[{"statement_id":0,"series":[{"name":"measurements","tags":{},"columns":{"name":["cpu"]}}]}]})");
}

TEST_F(ApiQueryHandlerTest, WithoutDbReadsTheServersDefaultDatabase) {
  options_.default_database = "db";
  EXPECT_EQ(query(R"({"sql": "SELECT count(v) FROM cpu", "epoch": "s"})").body(),
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{},"columns":{"time":[0],"count":[2]}}]}]})");
  options_.default_database = "default";
  const Response missing = query(R"({"sql": "SELECT count(v) FROM cpu"})");
  EXPECT_EQ(missing.result(), http::status::bad_request);
  EXPECT_EQ(missing.body(), R"({"error":"database not found: default"})");
}

TEST_F(ApiQueryHandlerTest, ErrorsAre400NamingTheCause) {
  struct Case {
    const char* what;
    std::string body;
    std::string error;
  };
  const Case cases[] = {
      {"a statement that does not parse", R"({"sql": "SELECT FROM cpu", "db": "db"})",
       R"({"error":"error parsing query: found FROM, expected identifier, string, number, bool at line 1, char 8"})"},
      {"an unknown database", R"({"sql": "SHOW MEASUREMENTS", "db": "nope"})", R"({"error":"database not found: nope"})"},
      {"a body that is not JSON", "sql=SHOW", R"({"error":"request body is not JSON: syntax error"})"},
      {"no sql", R"({"db": "db"})", R"({"error":"missing required member \"sql\""})"},
      {"sql not a string", R"({"sql": 5})", R"({"error":"\"sql\" must be a string"})"},
      {"an unknown format", R"({"sql": "SHOW DATABASES", "format": "xml"})",
       R"({"error":"invalid format \"xml\": expected json or csv"})"},
      {"a bad epoch", R"({"sql": "SHOW DATABASES", "epoch": "days"})",
       R"({"error":"invalid epoch days: expected ns, u, ms, s, m or h"})"},
  };
  for (const Case& each : cases) {
    const Response response = query(each.body);
    EXPECT_EQ(response.result(), http::status::bad_request) << each.what;
    EXPECT_EQ(response.body(), each.error) << each.what;
  }
}

TEST_F(ApiQueryHandlerTest, ALimitIs400NamingIt) {
  options_.query.max_rows = 1;
  const Response response = query(R"({"sql": "SELECT v FROM cpu", "db": "db"})");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_EQ(response.body(), R"({"error":"query limit exceeded: max rows returned (1) reached"})");
}

TEST_F(ApiQueryHandlerTest, OnlyPostIsAllowed) {
  const Response response = call(http::verb::get, "/api/v1/query");
  EXPECT_EQ(response.result(), http::status::method_not_allowed);
  EXPECT_EQ(response[http::field::allow], "POST");
}

}  // namespace
}  // namespace strata::server
