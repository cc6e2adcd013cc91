// An engine on a temporary data directory with the POSIX back end, for the engine-level
// tests that open, close and reopen it (engine_test.cpp, engine_unavailable_tenant_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"

namespace strata::testing {

class EngineFixture : public ::testing::Test {
 protected:
  EngineOptions options() const {
    EngineOptions options;
    options.data_directory = directory_.path() + "/data";
    options.io_backend = IoBackend::kPosix;
    return options;
  }
  // The opened engine, or null (with a test failure saying why).
  std::unique_ptr<Engine> open() {
    auto engine = Engine::open(options());
    EXPECT_TRUE(engine.has_value()) << engine.status().to_string();
    return engine.has_value() ? std::move(engine).value() : nullptr;
  }

  TempDirectory directory_;
};

}  // namespace strata::testing
