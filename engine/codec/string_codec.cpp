// Strings: a dictionary (distinct values once, then bit-packed indexes) when values repeat
// enough to pay, else each value length-prefixed.
#include <vector>

#include "engine/base/coding.h"
#include "engine/base/string_map.h"
#include "engine/codec/bit_packing.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {

void encode_strings(std::span<const std::string> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  StringMap<uint64_t> dictionary;
  std::vector<uint64_t> indexes;
  std::vector<const std::string*> distinct;
  for (const std::string& value : values) {
    auto [it, inserted] = dictionary.try_emplace(value, distinct.size());
    if (inserted) distinct.push_back(&value);
    indexes.push_back(it->second);
  }
  if (distinct.size() * 2 > values.size()) {
    out.push_back(static_cast<char>(StringCodec::kPlain));
    for (const std::string& value : values) put_length_prefixed(out, value);
    return;
  }
  out.push_back(static_cast<char>(StringCodec::kDictionary));
  put_varint64(out, distinct.size());
  for (const std::string* value : distinct) put_length_prefixed(out, *value);
  const unsigned width = bit_width_of(indexes);
  out.push_back(static_cast<char>(width));
  pack_bits(indexes, width, out);
}

Status decode_strings(std::string_view in, std::span<std::string> out) {
  ByteReader reader(in);
  uint8_t codec = 0;
  if (!reader.get_u8(codec)) return Status::corruption("strings: empty stream");
  if (codec == kCodecEmpty) return out.empty() && reader.at_end() ? Status::ok() : Status::corruption("strings: count mismatch");
  if (out.empty()) return Status::corruption("strings: count mismatch");
  std::string_view text;
  if (codec == static_cast<uint8_t>(StringCodec::kPlain)) {
    for (std::string& value : out) {
      if (!reader.get_length_prefixed(text)) return Status::corruption("strings: truncated value");
      value.assign(text);
    }
    return reader.at_end() ? Status::ok() : Status::corruption("strings: trailing bytes");
  }
  uint64_t size = 0;
  if (codec != static_cast<uint8_t>(StringCodec::kDictionary) || !reader.get_varint64(size) || size == 0 ||
      size > out.size()) {
    return Status::corruption("strings: bad dictionary");
  }
  std::vector<std::string_view> distinct(size);
  for (std::string_view& value : distinct) {
    if (!reader.get_length_prefixed(value)) return Status::corruption("strings: truncated dictionary");
  }
  uint8_t width = 0;
  if (!reader.get_u8(width) || width > 64 || reader.remaining() != packed_bytes(out.size(), width)) {
    return Status::corruption("strings: bad index stream");
  }
  std::vector<uint64_t> indexes(out.size());
  unpack_bits(reader.rest(), width, indexes);
  for (size_t index = 0; index < out.size(); ++index) {
    if (indexes[index] >= size) return Status::corruption("strings: index out of range");
    out[index].assign(distinct[indexes[index]]);
  }
  return Status::ok();
}

}  // namespace strata::codec
