#include "engine/segment/segment_writer.h"

#include <algorithm>

#include "engine/base/assert.h"
#include "engine/base/checksum.h"
#include "engine/base/coding.h"
#include "engine/codec/codec.h"
#include "engine/segment/block_cutter.h"
#include "engine/segment/block_stats_builder.h"
#include "engine/segment/segment_format.h"

namespace strata {
namespace {

// Hand bytes to the file in large writes.
constexpr size_t kWriteChunkBytes = 1 << 20;

// A block before compression: count, the timestamp stream (length-prefixed), the values.
void encode_block(std::span<const int64_t> timestamps, const ColumnValues& values, size_t begin, size_t end,
                  std::string& out) {
  // Scratch buffers in this file are the writing thread's, cleared on entry, dead after the
  // call (docs/architecture.md "Per-thread scratch buffers").
  thread_local std::string streams;
  streams.clear();
  codec::encode_timestamps(timestamps.subspan(begin, end - begin), streams);
  put_varint64(out, end - begin);
  put_length_prefixed(out, streams);
  std::visit(
      [&](const auto& vector) {
        using Element = typename std::decay_t<decltype(vector)>::value_type;
        const std::span<const Element> slice(vector.data() + begin, end - begin);
        if constexpr (std::is_same_v<Element, double>) codec::encode_floats(slice, out);
        if constexpr (std::is_same_v<Element, int64_t>) codec::encode_int64s(slice, out);
        if constexpr (std::is_same_v<Element, uint64_t>) codec::encode_uint64s(slice, out);
        if constexpr (std::is_same_v<Element, uint8_t>) codec::encode_bools(slice, out);
        if constexpr (std::is_same_v<Element, std::string>) codec::encode_strings(slice, out);
      },
      values);
}

}  // namespace

SegmentWriter::SegmentWriter(std::unique_ptr<WritableFile> file, std::string path, SegmentWriterOptions options)
    : file_(std::move(file)), path_(std::move(path)), options_(options) {}

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::create(FileSystem& fs, std::string path,
                                                             SegmentWriterOptions options) {
  STRATA_ASSIGN_OR_RETURN(auto file, fs.create_file(path));
  auto writer = std::make_unique<SegmentWriter>(std::move(file), std::move(path), options);
  put_fixed64(writer->buffer_, kSegmentMagic);
  put_fixed16(writer->buffer_, kSegmentVersion);
  put_fixed16(writer->buffer_, 0);
  put_fixed32(writer->buffer_, 0);
  put_fixed64(writer->buffer_, checksum64(writer->buffer_));
  writer->offset_ = writer->buffer_.size();
  return writer;
}

Status SegmentWriter::flush_buffer() {
  if (buffer_.empty()) return Status::ok();
  STRATA_RETURN_IF_ERROR(file_->append(buffer_).with_context("write segment " + path_));
  buffer_.clear();
  return Status::ok();
}

Status SegmentWriter::add_column(ColumnKey key, std::span<const int64_t> timestamps_ns, const ColumnValues& values) {
  STRATA_CHECK(!has_key_ || last_key_ < key, "segment columns must be added in ascending key order");
  STRATA_CHECK(!timestamps_ns.empty() && column_size(values) == timestamps_ns.size(), "column sizes disagree");
  has_key_ = true;
  last_key_ = key;
  const ValueType type = value_type_of(values);
  const int64_t span_ns = block_span_ns(timestamps_ns);
  thread_local std::vector<size_t> ends;
  ends.clear();
  for (size_t begin = 0; begin < timestamps_ns.size(); begin = ends.back()) {
    ends.push_back(block_end(timestamps_ns, begin, span_ns, options_.max_points_per_block));
  }
  put_fixed64(index_, key.series.value);
  put_varint64(index_, key.field.value);
  index_.push_back(static_cast<char>(type));
  put_varint64(index_, ends.size());

  thread_local std::string raw;
  size_t begin = 0;
  for (const size_t end : ends) {
    raw.clear();
    encode_block(timestamps_ns, values, begin, end, raw);
    const size_t stored_start = buffer_.size();
    codec::compress_block(raw, options_.zstd_level, buffer_);
    const size_t stored_length = buffer_.size() - stored_start;
    put_fixed64(buffer_, checksum64(std::string_view(buffer_).substr(stored_start, stored_length)));

    put_varint64(index_, offset_);
    put_varint64(index_, stored_length);
    encode_block_stats(compute_block_stats(timestamps_ns, values, begin, end), type, index_);
    offset_ += stored_length + kBlockChecksumBytes;
    if (buffer_.size() >= kWriteChunkBytes) STRATA_RETURN_IF_ERROR(flush_buffer());
    begin = end;
  }
  summary_.min_time_ns = summary_.column_count == 0 ? timestamps_ns.front() : std::min(summary_.min_time_ns, timestamps_ns.front());
  summary_.max_time_ns = summary_.column_count == 0 ? timestamps_ns.back() : std::max(summary_.max_time_ns, timestamps_ns.back());
  summary_.point_count += timestamps_ns.size();
  ++summary_.column_count;
  return Status::ok();
}

Result<SegmentSummary> SegmentWriter::finish() {
  std::string index;
  put_varint64(index, summary_.column_count);
  index.append(index_);
  const uint64_t index_offset = offset_;
  buffer_.append(index);
  std::string footer;
  put_fixed64(footer, index_offset);
  put_fixed64(footer, index.size());
  put_fixed64(footer, checksum64(index));
  put_fixed64(footer, kSegmentMagic);
  put_fixed64(footer, checksum64(footer));
  buffer_.append(footer);
  STRATA_RETURN_IF_ERROR(flush_buffer());
  STRATA_RETURN_IF_ERROR(file_->sync().with_context("sync segment " + path_));
  STRATA_RETURN_IF_ERROR(file_->close());
  summary_.size_bytes = index_offset + index.size() + footer.size();
  return summary_;
}

}  // namespace strata
