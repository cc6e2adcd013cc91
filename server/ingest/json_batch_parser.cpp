// JSON points via Boost.JSON: the body is parsed into a DOM once, then each element is
// validated whole and only then appended to the batch.
#include "server/ingest/json_batch_parser.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "server/ingest/message_text.h"

namespace strata::server {

namespace {

namespace json = boost::json;

// Takes json::string_view, which json::string converts to without a copy; a
// `const json::string&` parameter would turn an object key into a temporary string.
std::string_view view(json::string_view text) { return {text.data(), text.size()}; }
std::string quoted(std::string_view text) { return quote_for_message(text); }

std::string_view kind_name(json::kind kind) {
  switch (kind) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "number";
    case json::kind::string: return "string";
    case json::kind::array: return "array";
    case json::kind::object: return "object";
  }
  return "value";
}

Status too_large(std::string what, size_t size, size_t limit) {
  return Status::invalid_argument(what + " is " + std::to_string(size) + " bytes, limit is " + std::to_string(limit));
}

// The number as an int64 when it is an integer in range; nullopt otherwise.
std::optional<int64_t> as_int64(const json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return static_cast<int64_t>(value.get_uint64());
  }
  return std::nullopt;
}

std::optional<uint64_t> as_uint64(const json::value& value) {
  if (value.is_uint64()) return value.get_uint64();
  if (value.is_int64() && value.get_int64() >= 0) return static_cast<uint64_t>(value.get_int64());
  return std::nullopt;
}

// {"int": n} or {"uint": n}: the explicit integer types, which plain JSON numbers lack.
Result<FieldValue> typed_integer(const json::object& object, std::string_view key) {
  const auto where = [key] { return "field " + quoted(key); };  // built only on failure
  if (object.size() != 1) return Status::invalid_argument(where() + ": an object value must be {\"int\": n} or {\"uint\": n}");
  const auto& [type, number] = *object.begin();
  if (type == "int") {
    if (auto value = as_int64(number)) return FieldValue(*value);
    return Status::invalid_argument(where() + ": {\"int\": n} needs an integer in int64 range");
  }
  if (type == "uint") {
    if (auto value = as_uint64(number)) return FieldValue(*value);
    return Status::invalid_argument(where() + ": {\"uint\": n} needs an integer in uint64 range");
  }
  return Status::invalid_argument(where() + ": unknown value type " + quoted(view(type)) + ", expected int or uint");
}

Result<FieldValue> field_value(const json::value& value, std::string_view key, const IngestLimits& limits) {
  switch (value.kind()) {
    case json::kind::bool_: return FieldValue(value.get_bool());
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: {
      const double number = value.to_number<double>();
      // Boost.JSON turns an overflowing literal such as 1e400 into infinity.
      if (!std::isfinite(number)) return Status::invalid_argument("field " + quoted(key) + ": number out of range");
      return FieldValue(number);
    }
    case json::kind::string: {
      const std::string_view text = view(value.get_string());
      if (text.size() > limits.max_value_bytes) {
        return too_large("string value of field " + quoted(key), text.size(), limits.max_value_bytes);
      }
      return FieldValue(text);
    }
    case json::kind::object: return typed_integer(value.get_object(), key);
    default:
      return Status::invalid_argument("field " + quoted(key) + " has unsupported value type " +
                                      std::string(kind_name(value.kind())));
  }
}

// Validates one element into reused scratch vectors, whose views point into the DOM.
class ElementReader {
 public:
  ElementReader(const IngestLimits& limits, Precision precision, int64_t default_timestamp_ns)
      : limits_(limits), precision_(precision), default_timestamp_ns_(default_timestamp_ns) {}

  Status read(const json::value& element) {
    if (!element.is_object()) {
      return Status::invalid_argument("point must be an object, got " + std::string(kind_name(element.kind())));
    }
    tags_.clear();
    fields_.clear();
    measurement_ = {};
    timestamp_ns_ = default_timestamp_ns_;
    bool has_fields = false;
    for (const auto& [name, member] : element.get_object()) {
      if (name == "measurement") {
        STRATA_RETURN_IF_ERROR(read_measurement(member));
      } else if (name == "tags") {
        STRATA_RETURN_IF_ERROR(read_tags(member));
      } else if (name == "fields") {
        STRATA_RETURN_IF_ERROR(read_fields(member));
        has_fields = true;
      } else if (name == "timestamp") {
        STRATA_RETURN_IF_ERROR(read_timestamp(member));
      } else {
        return Status::invalid_argument("unknown member " + quoted(view(name)) +
                                        ", expected measurement, tags, fields or timestamp");
      }
    }
    if (measurement_.empty()) return Status::invalid_argument("missing measurement");
    if (!has_fields) return Status::invalid_argument("missing fields");
    // The engine's own check: JSON names carry no line or column, so its message (the part
    // and the byte in it) is the one to report.
    return check_point_text(PointView{measurement_, {}, timestamp_ns_, tags_, fields_});
  }

  void append(WriteBatch& batch) const {
    batch.begin_point(measurement_, timestamp_ns_);
    for (const TagView& tag : tags_) batch.add_tag(tag.key, tag.value);
    for (const FieldView& field : fields_) batch.add_field(field.key, field.value);
  }

 private:
  Status read_measurement(const json::value& member) {
    if (!member.is_string() || member.get_string().empty()) {
      return Status::invalid_argument("measurement must be a non-empty string");
    }
    measurement_ = view(member.get_string());
    if (measurement_.size() > limits_.max_key_bytes) {
      return too_large("measurement", measurement_.size(), limits_.max_key_bytes);
    }
    return Status::ok();
  }

  Status read_tags(const json::value& member) {
    if (!member.is_object()) return Status::invalid_argument("tags must be an object of strings");
    const json::object& tags = member.get_object();
    if (tags.size() > limits_.max_tags_per_point) {
      return Status::invalid_argument("point has " + std::to_string(tags.size()) + " tags, limit is " +
                                      std::to_string(limits_.max_tags_per_point));
    }
    for (const auto& [name, value] : tags) {
      const std::string_view key = view(name);
      if (key.empty()) return Status::invalid_argument("empty tag key");
      if (key.size() > limits_.max_key_bytes) return too_large("tag key " + quoted(key), key.size(), limits_.max_key_bytes);
      if (!value.is_string()) {
        return Status::invalid_argument("tag " + quoted(key) + " must be a string, got " +
                                        std::string(kind_name(value.kind())));
      }
      const std::string_view text = view(value.get_string());
      if (text.empty()) return Status::invalid_argument("empty value for tag " + quoted(key));
      if (text.size() > limits_.max_value_bytes) {
        return too_large("value of tag " + quoted(key), text.size(), limits_.max_value_bytes);
      }
      tags_.push_back(TagView{key, text});
    }
    return Status::ok();
  }

  Status read_fields(const json::value& member) {
    if (!member.is_object() || member.get_object().empty()) {
      return Status::invalid_argument("fields must be an object with at least one field");
    }
    const json::object& fields = member.get_object();
    if (fields.size() > limits_.max_fields_per_point) {
      return Status::invalid_argument("point has " + std::to_string(fields.size()) + " fields, limit is " +
                                      std::to_string(limits_.max_fields_per_point));
    }
    for (const auto& [name, value] : fields) {
      const std::string_view key = view(name);
      if (key.empty()) return Status::invalid_argument("empty field key");
      if (key.size() > limits_.max_key_bytes) {
        return too_large("field key " + quoted(key), key.size(), limits_.max_key_bytes);
      }
      STRATA_ASSIGN_OR_RETURN(FieldValue parsed, field_value(value, key, limits_));
      fields_.push_back(FieldView{key, parsed});
    }
    return Status::ok();
  }

  Status read_timestamp(const json::value& member) {
    const std::optional<int64_t> timestamp = as_int64(member);
    if (!timestamp) {
      return Status::invalid_argument("timestamp must be an integer in int64 range, got " +
                                      (member.is_number() ? json::serialize(member) : std::string(kind_name(member.kind()))));
    }
    if (!scale_timestamp(*timestamp, precision_, timestamp_ns_)) {
      return Status::invalid_argument("timestamp " + std::to_string(*timestamp) + " out of range for precision " +
                                      std::string(precision_name(precision_)));
    }
    return Status::ok();
  }

  const IngestLimits& limits_;
  const Precision precision_;
  const int64_t default_timestamp_ns_;
  std::string_view measurement_;
  int64_t timestamp_ns_ = 0;
  std::vector<TagView> tags_;
  std::vector<FieldView> fields_;
};

}  // namespace

Result<ParseReport> parse_json_batch(std::string_view body, const IngestLimits& limits, Precision precision,
                                     int64_t default_timestamp_ns, WriteBatch& batch) {
  // Bytes that are not UTF-8 are let through to be rejected point by point (by
  // check_point_text), so that one bad string costs its point, not the whole batch.
  json::parse_options options;
  options.allow_invalid_utf8 = true;
  json::parser parser(json::storage_ptr(), options);
  boost::system::error_code error;
  const size_t consumed = parser.write(body.data(), body.size(), error);
  if (error) {
    // Boost's messages ("incomplete JSON") are lowercased to match ours.
    std::string message = error.message();
    for (char& byte : message) byte = static_cast<char>(std::tolower(static_cast<unsigned char>(byte)));
    return Status::invalid_argument("invalid json at offset " + std::to_string(consumed) + ": " + message);
  }
  const json::value document = parser.release();
  if (!document.is_array()) {
    return Status::invalid_argument("json body must be an array of points, got " + std::string(kind_name(document.kind())));
  }
  ParseReport report;
  ElementReader reader(limits, precision, default_timestamp_ns);
  const json::array& elements = document.get_array();
  for (size_t index = 0; index < elements.size(); ++index) {
    const Status status = reader.read(elements[index]);
    if (!status.is_ok()) {
      report.reject(index + 1, std::string(status.message()));
      continue;
    }
    reader.append(batch);
    ++report.points;
  }
  return report;
}

}  // namespace strata::server
