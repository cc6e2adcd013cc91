#include "engine/segment/segment_reader.h"

#include <algorithm>

#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/codec/codec.h"
#include "engine/segment/block_stats_builder.h"
#include "engine/segment/segment_format.h"

namespace strata {

SegmentReader::SegmentReader(std::unique_ptr<RandomAccessFile> file, std::string path)
    : file_(std::move(file)), path_(std::move(path)) {}

Status SegmentReader::corruption(std::string_view check, uint64_t offset) const {
  return Status::corruption(path_ + ": segment " + std::string(check) + " at offset " + std::to_string(offset));
}

Result<std::unique_ptr<SegmentReader>> SegmentReader::open(FileSystem& fs, std::string path) {
  STRATA_ASSIGN_OR_RETURN(auto file, fs.open_for_read(path));
  auto reader = std::make_unique<SegmentReader>(std::move(file), std::move(path));
  STRATA_RETURN_IF_ERROR(reader->load());
  return reader;
}

Status SegmentReader::load() {
  const uint64_t size = file_->size();
  if (size < kSegmentHeaderBytes + kSegmentFooterBytes) return corruption("file too short", size);
  std::string header, footer, index;
  STRATA_RETURN_IF_ERROR(file_->read_at(0, kSegmentHeaderBytes, header));
  STRATA_RETURN_IF_ERROR(file_->read_at(size - kSegmentFooterBytes, kSegmentFooterBytes, footer));
  if (header.size() != kSegmentHeaderBytes || footer.size() != kSegmentFooterBytes) return corruption("short read", 0);
  if (load_fixed64(header.data() + 16) != checksum64(std::string_view(header).substr(0, 16))) {
    return corruption("header checksum mismatch", 16);
  }
  if (load_fixed64(header.data()) != kSegmentMagic) return corruption("bad magic", 0);
  if (load_fixed16(header.data() + 8) != kSegmentVersion) return corruption("unsupported version", 8);
  if (load_fixed16(header.data() + 10) != 0 || load_fixed32(header.data() + 12) != 0) {
    return corruption("reserved header bits set", 10);
  }
  const uint64_t footer_offset = size - kSegmentFooterBytes;
  if (load_fixed64(footer.data() + 32) != checksum64(std::string_view(footer).substr(0, 32))) {
    return corruption("footer checksum mismatch", footer_offset + 32);
  }
  if (load_fixed64(footer.data() + 24) != kSegmentMagic) return corruption("bad footer magic", footer_offset + 24);
  const uint64_t index_offset = load_fixed64(footer.data());
  const uint64_t index_length = load_fixed64(footer.data() + 8);
  if (index_offset < kSegmentHeaderBytes || index_offset > footer_offset || index_length != footer_offset - index_offset) {
    return corruption("index bounds do not match the file", footer_offset);
  }
  STRATA_RETURN_IF_ERROR(file_->read_at(index_offset, index_length, index));
  if (index.size() != index_length || checksum64(index) != load_fixed64(footer.data() + 16)) {
    return corruption("index checksum mismatch", index_offset);
  }
  summary_.size_bytes = size;
  return parse_index(index, index_offset);
}

Status SegmentReader::parse_index(std::string_view index, uint64_t index_offset) {
  ByteReader reader(index);
  uint64_t column_count = 0;
  if (!reader.get_varint64(column_count) || column_count > index.size()) return corruption("bad column count", index_offset);
  columns_.reserve(column_count);
  bool first = true;
  for (uint64_t column = 0; column < column_count; ++column) {
    ColumnEntry entry;
    uint64_t series = 0, field = 0, block_count = 0;
    uint8_t type_byte = 0;
    const uint64_t at = index_offset + reader.position();
    if (!reader.get_fixed64(series) || !reader.get_varint64(field) || field > UINT32_MAX || !reader.get_u8(type_byte) ||
        !value_type_from_byte(type_byte) || !reader.get_varint64(block_count) || block_count == 0 ||
        block_count > reader.remaining()) {
      return corruption("bad column entry", at);
    }
    entry.key = ColumnKey{SeriesId{series}, FieldId{static_cast<uint32_t>(field)}};
    entry.type = *value_type_from_byte(type_byte);
    if (!first && !(columns_.back().key < entry.key)) return corruption("columns out of order", at);
    first = false;
    for (uint64_t block = 0; block < block_count; ++block) {
      BlockHandle handle;
      uint64_t offset = 0, length = 0;
      const uint64_t block_at = index_offset + reader.position();
      if (!reader.get_varint64(offset) || !reader.get_varint64(length) || length == 0 || length > UINT32_MAX ||
          offset < kSegmentHeaderBytes || offset + length + kBlockChecksumBytes > index_offset ||
          !decode_block_stats(reader, entry.type, handle.stats)) {
        return corruption("bad block entry", block_at);
      }
      handle.offset = offset;
      handle.length = static_cast<uint32_t>(length);
      summary_.point_count += handle.stats.count;
      summary_.min_time_ns = columns_.empty() && block == 0 ? handle.stats.min_time_ns
                                                            : std::min(summary_.min_time_ns, handle.stats.min_time_ns);
      summary_.max_time_ns = columns_.empty() && block == 0 ? handle.stats.max_time_ns
                                                            : std::max(summary_.max_time_ns, handle.stats.max_time_ns);
      entry.blocks.push_back(handle);
    }
    columns_.push_back(std::move(entry));
  }
  if (!reader.at_end()) return corruption("trailing bytes in index", index_offset + reader.position());
  summary_.column_count = columns_.size();
  column_index_.reserve(columns_.size());
  for (uint32_t index = 0; index < columns_.size(); ++index) column_index_.emplace(columns_[index].key, index);
  return Status::ok();
}

const ColumnEntry* SegmentReader::find_column(ColumnKey key) const {
  const auto found = column_index_.find(key);
  return found == column_index_.end() ? nullptr : &columns_[found->second];
}

Status SegmentReader::read_block(const ColumnEntry& column, const BlockHandle& block, DecodedBlock& out) const {
  // The reading thread's buffers (docs/architecture.md "Per-thread scratch buffers"): the checked
  // block bytes and the decompressed block, dead once `out` is decoded from them.
  thread_local std::string copy, scratch;
  const uint64_t length = block.length + kBlockChecksumBytes;
  std::string_view stored;
  if (const auto map = file_->mapped()) {
    if (block.offset > map->size() || map->size() - block.offset < length) {
      return corruption("block runs past the end", block.offset);
    }
    stored = map->substr(block.offset, length);
  } else {
    STRATA_RETURN_IF_ERROR(file_->read_at(block.offset, length, copy));
    if (copy.size() != length) return corruption("block runs past the end", block.offset);
    stored = copy;
  }
  const std::string_view body = stored.substr(0, block.length);
  if (checksum64(body) != load_fixed64(stored.data() + block.length)) return corruption("block checksum mismatch", block.offset);
  auto raw = codec::decompressed_view(body, kMaxDecodedBlockBytes, scratch);
  if (!raw) return corruption(raw.status().message(), block.offset);
  ByteReader reader(*raw);
  uint64_t count = 0;
  std::string_view timestamps;
  if (!reader.get_varint64(count) || count != block.stats.count || !reader.get_length_prefixed(timestamps)) {
    return corruption("bad block header", block.offset);
  }
  // `out` may be a block read before: its vectors are reused when the type matches.
  out.timestamps_ns.resize(count);
  if (value_type_of(out.values) != column.type) out.values = make_column_values(column.type);
  Status decoded = codec::decode_timestamps(timestamps, out.timestamps_ns);
  if (decoded.is_ok()) {
    decoded = std::visit(
        [&](auto& vector) -> Status {
          vector.resize(count);
          using Element = typename std::decay_t<decltype(vector)>::value_type;
          if constexpr (std::is_same_v<Element, double>) return codec::decode_floats(reader.rest(), vector);
          if constexpr (std::is_same_v<Element, int64_t>) return codec::decode_int64s(reader.rest(), vector);
          if constexpr (std::is_same_v<Element, uint64_t>) return codec::decode_uint64s(reader.rest(), vector);
          if constexpr (std::is_same_v<Element, uint8_t>) return codec::decode_bools(reader.rest(), vector);
          if constexpr (std::is_same_v<Element, std::string>) return codec::decode_strings(reader.rest(), vector);
        },
        out.values);
  }
  if (!decoded.is_ok()) return corruption(decoded.message(), block.offset);
  return Status::ok();
}

}  // namespace strata
