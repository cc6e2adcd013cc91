// DecodedBlock: one block of one column in memory: strictly ascending timestamps and
// their values, as the read API hands them to the query layer.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/column_values.h"

namespace strata {

struct DecodedBlock {
  std::vector<int64_t> timestamps_ns;
  ColumnValues values;  // same length as timestamps_ns
};

}  // namespace strata
