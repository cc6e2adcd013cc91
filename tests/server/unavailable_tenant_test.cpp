// stratad with one damaged tenant: it starts and serves the others; the damaged one's
// requests are 503 with the reason, and /health, /metrics and SHOW DATABASES name it.
#include <boost/json.hpp>

#include <fstream>
#include <iterator>

#include "tests/server/stratad_fixture.h"

namespace strata::testing {
namespace {

// A byte of partition_duration_ns in the 32-byte TENANT file; the checksum at offset 24
// covers it (docs/format/tenant.md §3).
constexpr size_t kFlippedSettingsByte = 17;

class UnavailableTenantTest : public StratadTest {
 protected:
  std::string settings_path(const std::string& tenant) const {
    return data_directory() + "/tenants/" + tenant + "/TENANT";
  }
  // Tenants `default` and `bad`, a point in each; then bad's TENANT damaged and stratad
  // started again.
  void start_with_a_damaged_tenant() {
    start();
    ASSERT_EQ(client().post("/query?q=CREATE+DATABASE+bad", "").status, 200);
    ASSERT_EQ(client().post("/write?db=default", "m v=1.5 1").status, 204);
    ASSERT_EQ(client().post("/write?db=bad", "m v=1.5 1").status, 204);
    stop();
    std::string bytes;
    {
      std::ifstream in(settings_path("bad"), std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    ASSERT_EQ(bytes.size(), 32u);
    bytes[kFlippedSettingsByte] = static_cast<char>(bytes[kFlippedSettingsByte] ^ 0x01);
    std::ofstream(settings_path("bad"), std::ios::binary | std::ios::trunc) << bytes;
    start();
  }
  // The reason every answer about `bad` must carry: the tenant, the file and the offset.
  void expect_reason(const std::string& body) {
    EXPECT_NE(body.find("tenant bad is unavailable: corruption: "), std::string::npos) << body;
    EXPECT_NE(body.find(settings_path("bad")), std::string::npos) << body;
    EXPECT_NE(body.find("offset 24"), std::string::npos) << body;
  }
};

TEST_F(UnavailableTenantTest, OtherTenantsServeAndTheDamagedOneIs503WithTheReason) {
  start_with_a_damaged_tenant();
  EXPECT_NE(server().log().find("level=error msg=\"tenant unavailable"), std::string::npos) << server().log();

  EXPECT_EQ(client().post("/write?db=default", "m v=2.5 2").status, 204);
  const HttpReply good = client().get("/query?db=default&epoch=ns&q=SELECT+v+FROM+m");
  EXPECT_EQ(good.status, 200);
  EXPECT_NE(good.body.find("[[1,1.5],[2,2.5]]"), std::string::npos) << good.body;

  const HttpReply query = client().get("/query?db=bad&q=SELECT+v+FROM+m");
  EXPECT_EQ(query.status, 503);
  expect_reason(query.body);
  const HttpReply api_query = client().post("/api/v1/query", R"({"sql": "SELECT v FROM m", "db": "bad"})");
  EXPECT_EQ(api_query.status, 503);
  expect_reason(api_query.body);

  // It still exists: listed, and its name cannot be taken by a new, empty tenant.
  const HttpReply databases = client().get("/query?q=SHOW+DATABASES");
  EXPECT_NE(databases.body.find("[\"bad\"]"), std::string::npos) << databases.body;
  EXPECT_EQ(client().post("/query?q=CREATE+DATABASE+bad", "").status, 200);
  EXPECT_EQ(client().get("/query?db=bad&q=SELECT+v+FROM+m").status, 503);
  stop();
}

TEST_F(UnavailableTenantTest, WritesToTheDamagedTenantAre503WithTheReason) {
  start_with_a_damaged_tenant();
  const HttpReply v1 = client().post("/write?db=bad", "m v=2.5 2");
  EXPECT_EQ(v1.status, 503);
  expect_reason(v1.body);
  const HttpReply v2 = client().post("/api/v2/write?bucket=bad", "m v=2.5 2");
  EXPECT_EQ(v2.status, 503);
  expect_reason(v2.body);
  stop();
}

TEST_F(UnavailableTenantTest, HealthAndMetricsNameTheDamagedTenant) {
  start_with_a_damaged_tenant();
  const HttpReply health = client().get("/health");
  EXPECT_EQ(health.status, 200) << "the server serves the other tenants";
  const boost::json::object body = boost::json::parse(health.body).as_object();
  EXPECT_EQ(body.at("status").as_string(), "warn");
  EXPECT_EQ(body.at("message").as_string(), "degraded: 1 of 2 tenants unavailable (bad)");
  const boost::json::array& checks = body.at("checks").as_array();
  ASSERT_EQ(checks.size(), 1u) << health.body;
  const boost::json::object& check = checks[0].as_object();
  EXPECT_EQ(check.at("tenant").as_string(), "bad");
  EXPECT_EQ(check.at("status").as_string(), "fail");
  const std::string reason(check.at("message").as_string());
  EXPECT_TRUE(reason.starts_with("corruption: " + settings_path("bad"))) << reason;

  EXPECT_EQ(client().get("/ready").status, 200);
  const HttpReply metrics = client().get("/metrics");
  EXPECT_NE(metrics.body.find("# TYPE strata_tenant_unavailable gauge"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("strata_tenant_unavailable{tenant=\"bad\"} 1\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("strata_tenant_unavailable{tenant=\"default\"} 0\n"), std::string::npos)
      << metrics.body;
  stop();
}

}  // namespace
}  // namespace strata::testing
