// StratadTest: a fixture for integration tests against the real stratad — a temp data
// directory, a running server, a keep-alive client, and reading the data back through
// the engine once the server has stopped.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/support/http_client.h"
#include "tests/support/stratad_process.h"
#include "tests/support/temp_directory.h"
#include "tests/support/tenant_reader.h"

namespace strata::testing {

class StratadTest : public ::testing::Test {
 protected:
  std::string data_directory() const { return directory_.path() + "/data"; }

  // Starts stratad with `flags` (a previous one must have stopped).
  void start(std::vector<std::string> flags = {}) {
    server_ = std::make_unique<StratadProcess>(data_directory(), std::move(flags));
    ASSERT_NE(server_->port(), 0);
    client_ = std::make_unique<HttpClient>(server_->port());
  }
  // SIGTERM; expects a clean exit.
  void stop() {
    client_.reset();
    EXPECT_EQ(server_->stop(), 0) << server_->log();
  }
  StratadProcess& server() { return *server_; }
  HttpClient& client() { return *client_; }

  // The float points of `field` in `measurement` of tenant `default`, read offline.
  std::vector<std::pair<int64_t, double>> read_back(const std::string& measurement, const std::string& field,
                                                    const std::vector<TagMatcher>& matchers = {}) {
    EngineOptions options;
    options.data_directory = data_directory();
    auto engine = Engine::open(options);
    EXPECT_TRUE(engine.has_value()) << engine.status().to_string();
    if (!engine) return {};
    auto tenant = (*engine)->tenant("default");
    EXPECT_TRUE(tenant.has_value());
    if (!tenant) return {};
    return read_floats(**tenant, measurement, matchers, field);
  }

 private:
  TempDirectory directory_;
  std::unique_ptr<StratadProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace strata::testing
