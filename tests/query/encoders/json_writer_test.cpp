// JsonWriter's text for strings with escapes among long plain runs, for integers at their
// limits, and for floats: the fast decimal path prints what the shortest-digits search
// prints (the number forms are in influx_json_encoder_test.cpp).
#include "query/encoders/json_writer.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
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

// Integers are written in 8-digit pieces: every length, and each piece's leading zeros.
TEST(JsonWriterTest, IntegersOfEveryLengthMatchToChars) {
  std::vector<uint64_t> values = {0, 9, 10, 99'999'999, 100'000'000, 100'000'001, 9'999'999'999'999'999,
                                  10'000'000'000'000'000, 10'000'000'000'000'001, 1'767'225'600'000'000'000};
  std::mt19937_64 random(3);
  for (int index = 0; index < 100'000; ++index) values.push_back(random() >> (random() % 64));
  for (const uint64_t value : values) {
    JsonWriter writer;
    writer.begin_array();
    writer.unsigned_integer(value);
    writer.integer(static_cast<int64_t>(value));
    writer.integer(-static_cast<int64_t>(value >> 1));
    writer.end_array();
    const auto text = [](auto number) {
      char buffer[24];
      return std::string(buffer, static_cast<size_t>(std::to_chars(buffer, buffer + sizeof(buffer), number).ptr - buffer));
    };
    ASSERT_EQ(writer.take(), "[" + text(value) + "," + text(static_cast<int64_t>(value)) + "," +
                                 text(-static_cast<int64_t>(value >> 1)) + "]");
  }
}

// Go's float text by the shortest-digits search alone: fixed, exponent form below 1e-6
// and from 1e21 on, e-07 written e-7.
std::string shortest_text(double value) {
  char buffer[64];
  const double magnitude = std::fabs(value);
  const bool exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
  const char* end =
      std::to_chars(buffer, buffer + sizeof(buffer), value, exponent ? std::chars_format::scientific : std::chars_format::fixed).ptr;
  std::string text(buffer, static_cast<size_t>(end - buffer));
  if (const auto e = text.find("e-0"); e != std::string::npos) text.erase(e + 2, 1);
  return text;
}

std::string number_text(double value) {
  std::string text;
  append_json_number(text, value);
  return text;
}

TEST(JsonWriterTest, FloatsPrintTheShortestDigitsThatReadBack) {
  std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1e-6, 1.5e-6, 9.999999e-7, 0.000001, 0.0000015,
                                123456.789, 999999999.999999, 999999999.9999995, 1e9, 1e9 + 0.5, 123456789.123456,
                                0.1 + 0.2, 1.0 / 3, 2.0 / 3, 100.0 / 7, 4503599627370496.5, 1e15, 1e20, 1e21, 5e-324,
                                std::nextafter(1.0, 2.0), std::nextafter(0.5, 0.0), 2.675, 1.005, 0.015, 99.995};
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int64_t> mantissa(-2'000'000'000'000, 2'000'000'000'000);
  std::uniform_int_distribution<int> decimals(0, 9);
  std::uniform_int_distribution<uint64_t> bits;
  constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  for (int index = 0; index < 200'000; ++index) {
    // Decimals of every length, halfway cases among them, and arbitrary doubles.
    values.push_back(static_cast<double>(mantissa(random) % 100'000'000'000) / kPowers[decimals(random)]);
    values.push_back((static_cast<double>(mantissa(random) % 1'000'000) + 0.5) / kPowers[decimals(random)]);
    const double any = std::bit_cast<double>(bits(random));
    if (std::isfinite(any)) values.push_back(any);
  }
  int mismatches = 0;
  for (const double value : values) {
    if (number_text(value) == shortest_text(value)) continue;
    ADD_FAILURE() << "bits " << std::bit_cast<uint64_t>(value) << ": " << number_text(value) << " vs " << shortest_text(value);
    if (++mismatches == 10) break;
  }
  EXPECT_EQ(number_text(-0.0), "-0");
  EXPECT_EQ(number_text(12.5), "12.5");
  EXPECT_EQ(number_text(-0.000001), "-0.000001");
  EXPECT_EQ(number_text(std::nan("")), "null");
}

}  // namespace
}  // namespace strata::query
