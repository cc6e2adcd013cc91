// Parses arbitrary bytes as a query (docs/query-language.md); whatever parses must print
// with to_string to text that parses back to an equal tree and prints the same again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "query/parser/ast.h"
#include "query/parser/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace query = strata::query;
  auto first = query::parse_query(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!first.has_value()) return 0;
  std::string printed = query::to_string(*first);
  auto second = query::parse_query(printed);
  if (!second.has_value() || *second != *first) __builtin_trap();
  if (query::to_string(*second) != printed) __builtin_trap();
  return 0;
}
