#include "engine/write_batch.h"

#include <cstring>

#include "engine/base/assert.h"
#include "engine/base/utf8.h"

namespace strata {
namespace {

// A key already checked, quoted for a message: cut to 64 bytes at a character boundary.
std::string quoted_key(std::string_view key) {
  constexpr size_t kMaxQuotedBytes = 64;
  if (key.size() <= kMaxQuotedBytes) return "'" + std::string(key) + "'";
  size_t size = kMaxQuotedBytes;
  while (size > 0 && (static_cast<unsigned char>(key[size]) & 0xC0) == 0x80) --size;
  return "'" + std::string(key.substr(0, size)) + "...'";
}

Status name_error(const NameCheck& check, std::string_view what) {
  return Status::invalid_argument(check.description() + " in " + std::string(what) + " at byte " +
                                  std::to_string(check.offset + 1));
}

}  // namespace

Status check_series_text(const PointView& point) {
  if (NameCheck check = check_name(point.measurement); !check.is_ok()) return name_error(check, "measurement");
  for (const TagView& tag : point.tags) {
    if (NameCheck check = check_name(tag.key); !check.is_ok()) return name_error(check, "tag key");
    if (NameCheck check = check_name(tag.value); !check.is_ok()) {
      return name_error(check, "value of tag " + quoted_key(tag.key));
    }
  }
  return Status::ok();
}

Status check_field_keys(const PointView& point) {
  for (const FieldView& field : point.fields) {
    if (NameCheck check = check_name(field.key); !check.is_ok()) return name_error(check, "field key");
  }
  return Status::ok();
}

Status check_string_values(const PointView& point) {
  for (const FieldView& field : point.fields) {
    const auto* text = std::get_if<std::string_view>(&field.value);
    if (text == nullptr) continue;
    if (const size_t offset = find_invalid_utf8(*text); offset != std::string_view::npos) {
      return Status::invalid_argument("invalid UTF-8 in string value of field " + quoted_key(field.key) + " at byte " +
                                      std::to_string(offset + 1));
    }
  }
  return Status::ok();
}

Status check_point_text(const PointView& point) {
  STRATA_RETURN_IF_ERROR(check_series_text(point));
  STRATA_RETURN_IF_ERROR(check_field_keys(point));
  return check_string_values(point);
}

std::string_view WriteBatch::intern(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > kArenaBlockBytes / 4) {
    // Large strings get a block of their own so they do not waste the current one.
    auto block = std::make_unique<char[]>(text.size());
    std::memcpy(block.get(), text.data(), text.size());
    std::string_view view(block.get(), text.size());
    large_strings_.push_back(std::move(block));
    return view;
  }
  if (block_used_ + text.size() > kArenaBlockBytes) {
    arena_blocks_.push_back(std::make_unique<char[]>(kArenaBlockBytes));
    block_used_ = 0;
  }
  char* destination = arena_blocks_.back().get() + block_used_;
  std::memcpy(destination, text.data(), text.size());
  block_used_ += text.size();
  return {destination, text.size()};
}

void WriteBatch::begin_point(std::string_view measurement, int64_t timestamp_ns, std::string_view raw_series) {
  STRATA_ASSERT(points_.empty() || points_.back().field_count > 0, "previous point has no field");
  points_.push_back(PointEntry{intern(measurement), intern(raw_series), timestamp_ns,
                               static_cast<uint32_t>(tags_.size()), 0, static_cast<uint32_t>(fields_.size()), 0});
}

void WriteBatch::add_tag(std::string_view key, std::string_view value) {
  STRATA_ASSERT(!points_.empty(), "add_tag before begin_point");
  tags_.push_back(TagView{intern(key), intern(value)});
  ++points_.back().tag_count;
}

void WriteBatch::add_field(std::string_view key, FieldValue value) {
  STRATA_ASSERT(!points_.empty(), "add_field before begin_point");
  if (auto* text = std::get_if<std::string_view>(&value)) value = intern(*text);
  fields_.push_back(FieldView{intern(key), value});
  ++points_.back().field_count;
}

void WriteBatch::cancel_point() {
  if (points_.empty()) return;
  const PointEntry& last = points_.back();
  tags_.resize(last.first_tag);
  fields_.resize(last.first_field);
  points_.pop_back();
}

PointView WriteBatch::point(size_t index) const {
  const PointEntry& entry = points_[index];
  return PointView{entry.measurement, entry.raw_series, entry.timestamp_ns,
                   std::span<const TagView>(tags_).subspan(entry.first_tag, entry.tag_count),
                   std::span<const FieldView>(fields_).subspan(entry.first_field, entry.field_count)};
}

void WriteBatch::clear() {
  points_.clear();
  tags_.clear();
  fields_.clear();
  // Keep one block for reuse.
  large_strings_.clear();
  if (arena_blocks_.size() > 1) {
    auto last = std::move(arena_blocks_.back());
    arena_blocks_.clear();
    arena_blocks_.push_back(std::move(last));
  }
  block_used_ = arena_blocks_.empty() ? kArenaBlockBytes : 0;
}

}  // namespace strata
