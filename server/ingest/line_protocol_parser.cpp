// InfluxDB 1.x line protocol (docs/line-protocol.md): a line is validated whole into
// scratch views, then copied into the WriteBatch, so a bad line never touches the batch.
#include "server/ingest/line_protocol_parser.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <numeric>

#include "engine/base/utf8.h"
#include "server/ingest/field_value.h"
#include "server/ingest/line_scanner.h"
#include "server/ingest/message_text.h"

namespace strata::server {

namespace {

// The bytes a backslash escapes in each part of a line; before any other byte a
// backslash is literal.
constexpr std::string_view kMeasurementSpecials = ", ";
constexpr std::string_view kKeySpecials = ",= ";  // tag keys and values, field keys
constexpr std::string_view kStringSpecials = "\"\\";
// Past this many keys, duplicate detection sorts instead of comparing every pair.
constexpr size_t kMaxKeysForPairwiseCheck = 16;

bool is_blank(char byte) { return byte == ' ' || byte == '\t'; }

// A set of bytes tested with one table lookup. The stop-byte scans below run for every
// byte of every line; testing membership with string_view::find (a memchr per byte) cost
// a seventh of the server's CPU under load.
class ByteSet {
 public:
  constexpr explicit ByteSet(std::string_view bytes) {
    for (char byte : bytes) members_[static_cast<unsigned char>(byte)] = true;
  }
  constexpr bool contains(char byte) const { return members_[static_cast<unsigned char>(byte)]; }

 private:
  std::array<bool, 256> members_{};
};

constexpr ByteSet kMeasurementStops(kMeasurementSpecials);
constexpr ByteSet kKeyStops(kKeySpecials);
constexpr ByteSet kFieldValueStops(", ");

// The first byte at or after `pos` that is one of `stops` and not escaped (preceded by a
// backslash); line.size() when there is none.
size_t find_unescaped(std::string_view line, size_t pos, const ByteSet& stops) {
  const size_t begin = pos;
  for (; pos < line.size(); ++pos) {
    if (stops.contains(line[pos]) && !(pos > begin && line[pos - 1] == '\\')) return pos;
  }
  return line.size();
}

// The first byte at or after `pos` that is one of `stops`; line.size() when there is none.
size_t find_any(std::string_view line, size_t pos, const ByteSet& stops) {
  while (pos < line.size() && !stops.contains(line[pos])) ++pos;
  return pos;
}

std::string quoted(std::string_view text) { return quote_for_message(text); }

}  // namespace

LineProtocolParser::LineProtocolParser(IngestLimits limits, Precision precision, int64_t default_timestamp_ns)
    : limits_(limits), precision_(precision), default_timestamp_ns_(default_timestamp_ns) {}

ParseReport LineProtocolParser::parse(std::string_view body, WriteBatch& batch) {
  ParseReport report;
  uint64_t line_number = 1;
  for (size_t offset = 0; offset < body.size();) {
    const LineSpan span = find_line(body, offset);
    const uint64_t number = line_number;
    line_number += 1 + span.inner_newlines;
    offset = span.next;
    std::string_view raw = body.substr(span.begin, span.end - span.begin);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    size_t first = 0;
    while (first < raw.size() && is_blank(raw[first])) ++first;
    size_t last = raw.size();
    while (last > first && (is_blank(raw[last - 1]) || raw[last - 1] == '\r')) --last;
    if (first == last || raw[first] == '#') continue;  // blank line or comment
    if (raw.size() > limits_.max_line_bytes) {
      report.reject(number, "line exceeds " + std::to_string(limits_.max_line_bytes) + " bytes");
      continue;
    }
    const Status status = parse_line(raw.substr(first, last - first), first);
    if (!status.is_ok()) {
      report.reject(number, std::string(status.message()));
      continue;
    }
    append_point(batch);
    ++report.points;
  }
  return report;
}

Status LineProtocolParser::parse_line(std::string_view line, size_t column_base) {
  line_ = line;
  pos_ = 0;
  column_base_ = column_base;
  // Unescaped text is never longer than the line, so views into scratch_ stay valid.
  if (scratch_.size() < line.size()) scratch_.resize(line.size());
  scratch_used_ = 0;
  tags_.clear();
  fields_.clear();
  tag_count_ = 0;
  field_count_ = 0;
  // One pass over the whole line (eight bytes a step) clears every name and string in it
  // at once; only a line that fails it has its parts checked one by one, to find which.
  line_is_plain_ = check_name(line).is_ok();
  STRATA_RETURN_IF_ERROR(parse_series());
  STRATA_RETURN_IF_ERROR(parse_fields());
  return parse_timestamp();
}

Status LineProtocolParser::parse_series() {
  if (line_[0] == ',') return error_at("missing measurement", 0);
  pos_ = find_unescaped(line_, 0, kMeasurementStops);
  measurement_ = unescape(line_.substr(0, pos_), kMeasurementSpecials);
  STRATA_RETURN_IF_ERROR(check_size("measurement", measurement_, limits_.max_key_bytes, 0));
  if (const NameCheck check = check_name_in_line(0, pos_); !check.is_ok()) return name_error(check, "measurement", 0);
  while (pos_ < line_.size() && line_[pos_] == ',') {
    ++pos_;
    STRATA_RETURN_IF_ERROR(parse_tag());
  }
  if (pos_ == line_.size()) return error_at("missing field set", pos_);
  raw_series_ = line_.substr(0, pos_);
  if (tag_count_ > limits_.max_tags_per_point) {
    return Status::invalid_argument("point has " + std::to_string(tag_count_) + " tags, limit is " +
                                    std::to_string(limits_.max_tags_per_point));
  }
  return check_duplicate_tags();
}

Status LineProtocolParser::parse_tag() {
  const size_t key_begin = pos_;
  const size_t key_end = find_unescaped(line_, key_begin, kKeyStops);
  if (key_end == key_begin) return error_at("missing tag key", key_begin);
  const std::string_view key = unescape(line_.substr(key_begin, key_end - key_begin), kKeySpecials);
  if (key_end == line_.size() || line_[key_end] != '=') {
    return error_at("missing '=' after tag key " + quoted(key), key_end);
  }
  STRATA_RETURN_IF_ERROR(check_size("tag key", key, limits_.max_key_bytes, key_begin));
  if (const NameCheck check = check_name_in_line(key_begin, key_end); !check.is_ok()) {
    return name_error(check, "tag key", key_begin);
  }
  const size_t value_begin = key_end + 1;
  const size_t value_end = find_unescaped(line_, value_begin, kKeyStops);
  if (value_end == value_begin) return error_at("missing tag value for key " + quoted(key), value_begin);
  if (value_end < line_.size() && line_[value_end] == '=') {
    return error_at("unescaped '=' in tag value for key " + quoted(key), value_end);
  }
  const std::string_view value = unescape(line_.substr(value_begin, value_end - value_begin), kKeySpecials);
  if (value.size() > limits_.max_value_bytes) {  // checked here so the message is built only on failure
    return check_size("value of tag " + quoted(key), value, limits_.max_value_bytes, value_begin);
  }
  if (const NameCheck check = check_name_in_line(value_begin, value_end); !check.is_ok()) {
    return name_error(check, "value of tag " + quoted(key), value_begin);
  }
  // Past the limit only the count grows, so a hostile line cannot grow tags_ further.
  if (++tag_count_ <= limits_.max_tags_per_point) tags_.push_back(TagView{key, value});
  pos_ = value_end;
  return Status::ok();
}

Status LineProtocolParser::check_duplicate_tags() {
  auto duplicate = [](std::string_view key) { return Status::invalid_argument("duplicate tag key " + quoted(key)); };
  if (tags_.size() <= kMaxKeysForPairwiseCheck) {
    for (size_t i = 0; i < tags_.size(); ++i) {
      for (size_t j = i + 1; j < tags_.size(); ++j) {
        if (tags_[i].key == tags_[j].key) return duplicate(tags_[j].key);
      }
    }
    return Status::ok();
  }
  order_.resize(tags_.size());
  std::iota(order_.begin(), order_.end(), 0u);
  std::sort(order_.begin(), order_.end(), [this](uint32_t a, uint32_t b) { return tags_[a].key < tags_[b].key; });
  for (size_t i = 1; i < order_.size(); ++i) {
    if (tags_[order_[i - 1]].key == tags_[order_[i]].key) return duplicate(tags_[order_[i]].key);
  }
  return Status::ok();
}

Status LineProtocolParser::parse_fields() {
  while (pos_ < line_.size() && is_blank(line_[pos_])) ++pos_;
  if (pos_ == line_.size()) return error_at("missing field set", pos_);
  while (true) {
    STRATA_RETURN_IF_ERROR(parse_field());
    if (pos_ == line_.size() || line_[pos_] != ',') break;
    ++pos_;
  }
  if (field_count_ > limits_.max_fields_per_point) {
    return Status::invalid_argument("point has " + std::to_string(field_count_) + " fields, limit is " +
                                    std::to_string(limits_.max_fields_per_point));
  }
  mark_shadowed_fields();
  return Status::ok();
}

Status LineProtocolParser::parse_field() {
  const size_t key_begin = pos_;
  const size_t key_end = find_unescaped(line_, key_begin, kKeyStops);
  if (key_end == key_begin) return error_at("missing field key", key_begin);
  const std::string_view key = unescape(line_.substr(key_begin, key_end - key_begin), kKeySpecials);
  if (key_end == line_.size() || line_[key_end] != '=') {
    return error_at("missing '=' after field key " + quoted(key), key_end);
  }
  STRATA_RETURN_IF_ERROR(check_size("field key", key, limits_.max_key_bytes, key_begin));
  if (const NameCheck check = check_name_in_line(key_begin, key_end); !check.is_ok()) {
    return name_error(check, "field key", key_begin);
  }
  pos_ = key_end + 1;
  if (pos_ == line_.size() || line_[pos_] == ',' || line_[pos_] == ' ') {
    return error_at("missing field value for key " + quoted(key), pos_);
  }
  FieldValue value;
  if (line_[pos_] == '"') {
    STRATA_ASSIGN_OR_RETURN(value, parse_string_value(key));
  } else {
    const size_t value_begin = pos_;
    pos_ = find_any(line_, value_begin, kFieldValueStops);
    Result<FieldValue> parsed = parse_unquoted_field_value(line_.substr(value_begin, pos_ - value_begin));
    if (!parsed) return error_at(std::string(parsed.error().message()) + " for field " + quoted(key), value_begin);
    value = *parsed;
  }
  if (++field_count_ <= limits_.max_fields_per_point) fields_.push_back(FieldView{key, value});
  return Status::ok();
}

Result<std::string_view> LineProtocolParser::parse_string_value(std::string_view key) {
  const size_t open = pos_;
  size_t close = open + 1;
  while (close < line_.size() && line_[close] != '"') {
    const bool escape = line_[close] == '\\' && close + 1 < line_.size() &&
                        (line_[close + 1] == '"' || line_[close + 1] == '\\');
    close += escape ? 2 : 1;
  }
  if (close >= line_.size()) return error_at("unterminated string value for field " + quoted(key), open);
  const std::string_view value = unescape(line_.substr(open + 1, close - open - 1), kStringSpecials);
  if (value.size() > limits_.max_value_bytes) {
    return check_size("string value of field " + quoted(key), value, limits_.max_value_bytes, open);
  }
  // Any valid UTF-8 is a string value, controls and NUL included (as in InfluxDB).
  const size_t bad = line_is_plain_ ? std::string_view::npos : find_invalid_utf8(line_.substr(open + 1, close - open - 1));
  if (bad != std::string_view::npos) return error_at("invalid UTF-8 in string value of field " + quoted(key), open + 1 + bad);
  pos_ = close + 1;
  if (pos_ < line_.size() && line_[pos_] != ',' && line_[pos_] != ' ') {
    return error_at("unexpected text after string value of field " + quoted(key), pos_);
  }
  return value;
}

Status LineProtocolParser::parse_timestamp() {
  while (pos_ < line_.size() && is_blank(line_[pos_])) ++pos_;
  if (pos_ == line_.size()) {
    timestamp_ns_ = default_timestamp_ns_;
    return Status::ok();
  }
  const size_t begin = pos_;
  while (pos_ < line_.size() && !is_blank(line_[pos_])) ++pos_;
  const std::string_view token = line_.substr(begin, pos_ - begin);
  int64_t timestamp = 0;
  const auto [stop, error] = std::from_chars(token.data(), token.data() + token.size(), timestamp);
  const bool whole = stop == token.data() + token.size();
  if (error == std::errc::result_out_of_range && whole) {
    return error_at("timestamp " + std::string(token.substr(0, 64)) + " out of range", begin);
  }
  if (error != std::errc() || !whole) return error_at("invalid timestamp " + quoted(token), begin);
  if (!scale_timestamp(timestamp, precision_, timestamp_ns_)) {
    return error_at("timestamp " + std::string(token) + " out of range for precision " +
                        std::string(precision_name(precision_)),
                    begin);
  }
  while (pos_ < line_.size() && is_blank(line_[pos_])) ++pos_;
  if (pos_ < line_.size()) return error_at("unexpected text " + quoted(line_.substr(pos_)) + " after timestamp", pos_);
  return Status::ok();
}

void LineProtocolParser::mark_shadowed_fields() {
  shadowed_.assign(fields_.size(), false);
  if (fields_.size() <= kMaxKeysForPairwiseCheck) {
    for (size_t i = 0; i < fields_.size(); ++i) {
      for (size_t j = i + 1; j < fields_.size() && !shadowed_[i]; ++j) shadowed_[i] = fields_[i].key == fields_[j].key;
    }
    return;
  }
  order_.resize(fields_.size());
  std::iota(order_.begin(), order_.end(), 0u);
  // Stable, so within a run of equal keys the last one sent comes last and wins.
  std::stable_sort(order_.begin(), order_.end(),
                   [this](uint32_t a, uint32_t b) { return fields_[a].key < fields_[b].key; });
  for (size_t i = 0; i + 1 < order_.size(); ++i) {
    shadowed_[order_[i]] = fields_[order_[i]].key == fields_[order_[i + 1]].key;
  }
}

void LineProtocolParser::append_point(WriteBatch& batch) const {
  batch.begin_point(measurement_, timestamp_ns_, raw_series_);
  for (const TagView& tag : tags_) batch.add_tag(tag.key, tag.value);
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!shadowed_[i]) batch.add_field(fields_[i].key, fields_[i].value);
  }
}

std::string_view LineProtocolParser::unescape(std::string_view raw, std::string_view specials) {
  if (raw.find('\\') == std::string_view::npos) return raw;
  char* const begin = scratch_.data() + scratch_used_;
  char* out = begin;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && specials.find(raw[i + 1]) != std::string_view::npos) ++i;
    *out++ = raw[i];
  }
  scratch_used_ += static_cast<size_t>(out - begin);
  return {begin, static_cast<size_t>(out - begin)};
}

Status LineProtocolParser::check_size(std::string_view what, std::string_view text, size_t limit, size_t pos) const {
  if (text.size() <= limit) return Status::ok();
  return error_at(std::string(what) + " is " + std::to_string(text.size()) + " bytes, limit is " + std::to_string(limit),
                  pos);
}

Status LineProtocolParser::name_error(const NameCheck& check, std::string_view what, size_t raw_begin) const {
  return error_at(check.description() + " in " + std::string(what), raw_begin + check.offset);
}

Status LineProtocolParser::error_at(std::string message, size_t pos) const {
  return Status::invalid_argument(std::move(message) + " at column " + std::to_string(column(pos)));
}

}  // namespace strata::server
