// WriteBatch: the points of one write request for one tenant, as handed to the engine.
// Strings are copied into one arena, so building a batch allocates only as it grows and
// parsers may reuse one batch across requests (clear()). Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/base/status.h"
#include "engine/value_type.h"

namespace strata {

// The alternatives' order follows ValueType: index + 1 == static_cast<int>(type).
using FieldValue = std::variant<double, int64_t, uint64_t, bool, std::string_view>;

inline ValueType value_type_of(const FieldValue& value) { return static_cast<ValueType>(value.index() + 1); }

struct TagView {
  std::string_view key;
  std::string_view value;
};

struct FieldView {
  std::string_view key;
  FieldValue value;
};

// A read-only view of one point; its views live as long as the batch is unchanged.
struct PointView {
  std::string_view measurement;
  // The series part of the point as the client sent it ("cpu,host=a" in line protocol),
  // used only as a cache key for series resolution; empty when the producer has none.
  std::string_view raw_series;
  int64_t timestamp_ns;
  std::span<const TagView> tags;    // any order; the engine sorts them for the series key
  std::span<const FieldView> fields;
};

// Whether the engine may store `point`'s text: every name passes check_name (valid UTF-8,
// no control character but TAB) and every string field value is valid UTF-8
// (docs/line-protocol.md "Names and UTF-8"). kInvalidArgument naming the part and the
// 1-based byte in it otherwise ("invalid UTF-8 in value of tag 'host' at byte 3"). The
// ingest parsers check the same text themselves to name lines and columns; this is the
// engine's own guard, for whatever else builds a batch. Allocates only on failure.
Status check_point_text(const PointView& point);
// The parts of check_point_text, for a writer that checks each where it is first needed:
// the measurement and tags (before a series key is made of them), the field keys (before
// they are looked up in the catalog), the string field values.
Status check_series_text(const PointView& point);
Status check_field_keys(const PointView& point);
Status check_string_values(const PointView& point);

class WriteBatch {
 public:
  // Starts a new point. REQUIRES: the previous point, if any, has at least one field.
  void begin_point(std::string_view measurement, int64_t timestamp_ns, std::string_view raw_series = {});
  void add_tag(std::string_view key, std::string_view value);
  void add_field(std::string_view key, FieldValue value);
  // Drops the point being built (a parser that found an error mid-line).
  void cancel_point();

  size_t point_count() const { return points_.size(); }
  size_t field_count() const { return fields_.size(); }
  bool empty() const { return points_.empty(); }
  // REQUIRES: index < point_count().
  PointView point(size_t index) const;
  void clear();

 private:
  struct PointEntry {
    std::string_view measurement;
    std::string_view raw_series;
    int64_t timestamp_ns;
    uint32_t first_tag;
    uint32_t tag_count;
    uint32_t first_field;
    uint32_t field_count;
  };

  // Copies text into the arena. Blocks never move, so views stay valid until clear().
  std::string_view intern(std::string_view text);

  static constexpr size_t kArenaBlockBytes = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> arena_blocks_;  // each kArenaBlockBytes; the last is current
  std::vector<std::unique_ptr<char[]>> large_strings_;
  size_t block_used_ = kArenaBlockBytes;  // forces a first block
  std::vector<PointEntry> points_;
  std::vector<TagView> tags_;
  std::vector<FieldView> fields_;
};

}  // namespace strata
