// Recognizes `CREATE DATABASE <name>`, which Telegraf and the influx CLI send before
// writing. It is the one CREATE statement Strata answers (by creating a tenant), so it is
// read here rather than in the parser, whose grammar refuses every CREATE.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::query {

// The database name when `text` is exactly one `CREATE DATABASE <identifier>` statement
// (any case, an optional trailing ';'); nullopt for anything else, which then goes to
// parse_query and gets its usual error. Options after the name (WITH DURATION ...) are
// not accepted: retention is set per tenant through the admin API.
std::optional<std::string> parse_create_database(std::string_view text);

}  // namespace strata::query
