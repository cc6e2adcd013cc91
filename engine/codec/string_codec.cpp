// Strings: a dictionary (distinct values once, then their indexes as a packed stream) when
// that is smaller, else every value length-prefixed. Every length read is checked against
// the bytes that remain. Layouts: docs/format/codecs.md.
#include <bit>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "engine/base/coding.h"
#include "engine/base/string_map.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"
#include "engine/codec/packed_stream.h"

namespace strata::codec {
namespace {

size_t varint_size(uint64_t value) { return static_cast<size_t>(std::bit_width(value | 1) + 6) / 7; }

using IndexByValue = boost::unordered_flat_map<std::string_view, uint64_t, TransparentStringHash, TransparentStringEqual>;

}  // namespace

void encode_strings(std::span<const std::string> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  IndexByValue index_by_value;
  // The thread's scratch (docs/architecture.md "Per-thread scratch buffers"): `distinct` holds views into
  // `values`, stale once this returns; both are cleared before use.
  thread_local std::vector<uint64_t> indexes;
  thread_local std::vector<std::string_view> distinct;
  indexes.clear();
  distinct.clear();
  size_t plain_size = 0;
  size_t distinct_size = 0;
  for (const std::string& value : values) {
    const size_t size = varint_size(value.size()) + value.size();
    plain_size += size;
    auto [it, inserted] = index_by_value.try_emplace(value, distinct.size());
    if (inserted) {
      distinct.push_back(value);
      distinct_size += size;
    }
    indexes.push_back(it->second);
  }
  // Width byte + empty exception count + the packed indexes (no index is an exception).
  const size_t dictionary_size = varint_size(distinct.size()) + distinct_size + 2 +
                                 (values.size() * std::bit_width(distinct.size() - 1) + 7) / 8;
  if (plain_size <= dictionary_size) {
    out.push_back(static_cast<char>(StringCodec::kPlain));
    for (const std::string& value : values) put_length_prefixed(out, value);
    return;
  }
  out.push_back(static_cast<char>(StringCodec::kDictionary));
  put_varint64(out, distinct.size());
  for (std::string_view value : distinct) put_length_prefixed(out, value);
  encode_packed_stream(indexes, out);
}

Status decode_strings(std::string_view in, std::span<std::string> out) {
  ByteReader reader(in);
  uint8_t codec = 0;
  if (!reader.get_u8(codec)) return Status::corruption("strings: empty stream");
  if (codec == kCodecEmpty) {
    return out.empty() && reader.at_end() ? Status::ok() : Status::corruption("strings: value count mismatch");
  }
  if (out.empty()) return Status::corruption("strings: value count mismatch");
  std::string_view text;
  if (codec == static_cast<uint8_t>(StringCodec::kPlain)) {
    for (std::string& value : out) {
      if (!reader.get_length_prefixed(text)) return Status::corruption("strings: truncated value");
      value.assign(text);
    }
    return reader.at_end() ? Status::ok() : Status::corruption("strings: trailing bytes");
  }
  if (codec != static_cast<uint8_t>(StringCodec::kDictionary) && codec != static_cast<uint8_t>(StringCodec::kDictionaryV1)) {
    return Status::corruption("strings: unknown codec " + std::to_string(codec));
  }
  uint64_t size = 0;
  // Every entry takes at least its length byte: the count is bounded by the input too.
  if (!reader.get_varint64(size) || size == 0 || size > out.size() || size > reader.remaining()) {
    return Status::corruption("strings: bad dictionary size");
  }
  // Views into `body`, valid only during this call (the thread's scratch, as in encoding).
  thread_local std::vector<std::string_view> distinct;
  distinct.resize(static_cast<size_t>(size));
  for (std::string_view& value : distinct) {
    if (!reader.get_length_prefixed(value)) return Status::corruption("strings: truncated dictionary");
  }
  thread_local std::vector<uint64_t> indexes;
  indexes.resize(out.size());
  const PackedLayout layout = codec == static_cast<uint8_t>(StringCodec::kDictionary) ? PackedLayout::kPatched : PackedLayout::kV1;
  STRATA_RETURN_IF_ERROR(decode_packed_stream(reader, indexes, layout).with_context("strings: indexes"));
  if (!reader.at_end()) return Status::corruption("strings: trailing bytes");
  for (size_t index = 0; index < out.size(); ++index) {
    if (indexes[index] >= size) return Status::corruption("strings: dictionary index out of range");
    out[index].assign(distinct[indexes[index]]);
  }
  return Status::ok();
}

}  // namespace strata::codec
