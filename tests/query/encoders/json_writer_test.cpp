// JsonWriter's text for strings with escapes among long plain runs and for integers at
// their limits (the number forms are in influx_json_encoder_test.cpp).
#include "query/encoders/json_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace strata::query {
namespace {

TEST(JsonWriterTest, PlainRunsAroundEscapesAreKeptWhole) {
  JsonWriter writer;
  writer.begin_array();
  writer.string("<plain text between escapes>");
  writer.string(std::string("tab\there") + '\x1f' + "end\"");
  writer.string("");
  writer.end_array();
  EXPECT_EQ(writer.take(), R"(["\u003cplain text between escapes\u003e","tab\there\u001fend\"",""])");
}

TEST(JsonWriterTest, IntegersAtTheirLimits) {
  JsonWriter writer;
  writer.begin_array();
  writer.integer(std::numeric_limits<int64_t>::min());
  writer.integer(0);
  writer.integer(-7);
  writer.unsigned_integer(std::numeric_limits<uint64_t>::max());
  writer.end_array();
  EXPECT_EQ(writer.take(), "[-9223372036854775808,0,-7,18446744073709551615]");
}

}  // namespace
}  // namespace strata::query
