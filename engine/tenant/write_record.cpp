#include "engine/tenant/write_record.h"

#include <bit>

#include "engine/base/coding.h"

namespace strata {
namespace {

void put_value(std::string& out, const FieldValue& value) {
  out.push_back(static_cast<char>(value_type_of(value)));
  switch (value.index()) {
    case 0: put_fixed64(out, std::bit_cast<uint64_t>(std::get<double>(value))); break;
    case 1: put_varint64(out, zigzag_encode(std::get<int64_t>(value))); break;
    case 2: put_varint64(out, std::get<uint64_t>(value)); break;
    case 3: out.push_back(std::get<bool>(value) ? 1 : 0); break;
    default: put_length_prefixed(out, std::get<std::string_view>(value)); break;
  }
}

bool get_value(ByteReader& reader, FieldValue& value) {
  uint8_t type_byte = 0;
  if (!reader.get_u8(type_byte)) return false;
  const auto type = value_type_from_byte(type_byte);
  if (!type) return false;
  switch (*type) {
    case ValueType::kFloat64: {
      uint64_t bits = 0;
      if (!reader.get_fixed64(bits)) return false;
      value = std::bit_cast<double>(bits);
      return true;
    }
    case ValueType::kInt64: {
      uint64_t encoded = 0;
      if (!reader.get_varint64(encoded)) return false;
      value = zigzag_decode(encoded);
      return true;
    }
    case ValueType::kUint64: {
      uint64_t number = 0;
      if (!reader.get_varint64(number)) return false;
      value = number;
      return true;
    }
    case ValueType::kBool: {
      uint8_t flag = 0;
      if (!reader.get_u8(flag) || flag > 1) return false;
      value = flag == 1;
      return true;
    }
    case ValueType::kString: {
      std::string_view text;
      if (!reader.get_length_prefixed(text)) return false;
      value = text;
      return true;
    }
  }
  return false;
}

}  // namespace

void encode_write_record(std::span<const ResolvedValue> values, std::string& out) {
  out.push_back(static_cast<char>(kWriteRecordKind));
  put_varint64(out, values.size());
  size_t index = 0;
  while (index < values.size()) {
    size_t end = index + 1;
    while (end < values.size() && values[end].column.series == values[index].column.series &&
           values[end].timestamp_ns == values[index].timestamp_ns) {
      ++end;
    }
    put_fixed64(out, values[index].column.series.value);
    put_varint64(out, zigzag_encode(values[index].timestamp_ns));
    put_varint64(out, end - index);
    for (size_t field = index; field < end; ++field) {
      put_varint64(out, values[field].column.field.value);
      put_value(out, values[field].value);
    }
    index = end;
  }
}

Status decode_write_record(std::string_view payload, std::vector<ResolvedValue>& out) {
  out.clear();
  ByteReader reader(payload);
  auto corrupt = [&reader](std::string_view what) {
    return Status::corruption("write record: " + std::string(what) + " at payload offset " +
                              std::to_string(reader.position()));
  };
  uint8_t kind = 0;
  if (!reader.get_u8(kind) || kind != kWriteRecordKind) return corrupt("unknown record kind");
  uint64_t total = 0;
  // Every value takes at least 3 bytes, which bounds what a damaged count may reserve.
  if (!reader.get_varint64(total) || total > reader.remaining() / 3 + 1) return corrupt("bad value count");
  out.reserve(total);
  while (out.size() < total) {
    uint64_t series = 0, zigzag_ts = 0, field_count = 0;
    if (!reader.get_fixed64(series) || !reader.get_varint64(zigzag_ts) || !reader.get_varint64(field_count) ||
        field_count == 0 || field_count > total - out.size()) {
      return corrupt("bad point header");
    }
    for (uint64_t field = 0; field < field_count; ++field) {
      uint64_t field_id = 0;
      ResolvedValue value{};
      if (!reader.get_varint64(field_id) || field_id > UINT32_MAX || !get_value(reader, value.value)) {
        return corrupt("bad field value");
      }
      value.column = ColumnKey{SeriesId{series}, FieldId{static_cast<uint32_t>(field_id)}};
      value.timestamp_ns = zigzag_decode(zigzag_ts);
      out.push_back(value);
    }
  }
  if (!reader.at_end()) return corrupt("trailing bytes");
  return Status::ok();
}

}  // namespace strata
