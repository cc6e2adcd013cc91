// JsonWriter: streams JSON text into a string, compact or indented as Go's
// json.MarshalIndent(v, "", "    ") prints it (what InfluxDB answers with pretty=true).
// Numbers follow Go's encoding/json too, so answers read as InfluxDB's do. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::query {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // Keys and strings take any bytes and always write valid JSON: control characters as
  // \u00XX (or \n, \t, ...), each maximal invalid UTF-8 subpart as U+FFFD
  // (docs/http-api.md "Text in answers").
  // REQUIRES: inside an object, before each value.
  void key(std::string_view name);
  void string(std::string_view text);
  // Go's float format: shortest round trip, exponent form below 1e-6 and from 1e21 on;
  // NaN and infinities (which JSON cannot carry) as null.
  void number(double value);
  void integer(int64_t value);
  void unsigned_integer(uint64_t value);
  void boolean(bool value);
  void null();

  // Room for `bytes` of text, so that a large answer is not copied as it grows.
  void reserve(size_t bytes) { out_.reserve(bytes); }
  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  // Inline: every value calls it, and a large answer has tens of thousands.
  void before_value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (has_items_.empty()) return;
    if (has_items_.back() != 0) out_ += ',';
    has_items_.back() = 1;
    if (pretty_) newline_and_indent();
  }
  void open(char bracket);
  void close(char bracket);
  void newline_and_indent();
  void append_quoted(std::string_view text);

  bool pretty_;
  std::string out_;
  std::vector<uint8_t> has_items_;  // per open container: 1 once it holds an item
  bool after_key_ = false;
};

// Appends `value` as JsonWriter::number writes it (Go's float text; null when not finite).
void append_json_number(std::string& out, double value);

}  // namespace strata::query
