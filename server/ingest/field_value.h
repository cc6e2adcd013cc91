// The typed values of line protocol's unquoted field values: floats, integers (`12i`),
// unsigned integers (`12u`) and booleans, with InfluxDB 1.x's spellings and range checks
// (docs/line-protocol.md "Field values").
#pragma once

#include <string_view>

#include "engine/base/result.h"
#include "engine/write_batch.h"

namespace strata::server {

// Parses one unquoted field value token (non-empty, without separators). On failure,
// kInvalidArgument with a message naming the token, such as "invalid integer '12x3i'";
// the caller adds the field and the column.
Result<FieldValue> parse_unquoted_field_value(std::string_view token);

}  // namespace strata::server
