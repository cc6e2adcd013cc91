// Reads a tenant back through the public read API, for tests.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "engine/tenant.h"

namespace strata::testing {

// Every (timestamp, value) of a float field over all matching series, in time order per
// series and series in id order.
std::vector<std::pair<int64_t, double>> read_floats(const Tenant& tenant, const std::string& measurement,
                                                    const std::vector<TagMatcher>& matchers, const std::string& field,
                                                    int64_t start_ns = std::numeric_limits<int64_t>::min(),
                                                    int64_t end_ns = std::numeric_limits<int64_t>::max());
// The same through a snapshot taken earlier.
std::vector<std::pair<int64_t, double>> read_floats(const Snapshot& snapshot, const std::string& measurement,
                                                    const std::vector<TagMatcher>& matchers, const std::string& field,
                                                    int64_t start_ns = std::numeric_limits<int64_t>::min(),
                                                    int64_t end_ns = std::numeric_limits<int64_t>::max());

}  // namespace strata::testing
