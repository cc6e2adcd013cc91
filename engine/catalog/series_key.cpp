#include "engine/catalog/series_key.h"

#include <algorithm>

namespace strata {
namespace {

void append_escaped(std::string& out, std::string_view text, std::string_view specials) {
  for (char c : text) {
    if (c == '\\' || specials.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
}

// Reads an escaped token up to an unescaped `stop` character (or the end).
bool read_token(std::string_view key, size_t& position, std::string_view stops, std::string& token) {
  token.clear();
  while (position < key.size()) {
    const char c = key[position];
    if (c == '\\') {
      if (position + 1 >= key.size()) return false;
      token += key[position + 1];
      position += 2;
      continue;
    }
    if (stops.find(c) != std::string_view::npos) return true;
    token += c;
    ++position;
  }
  return true;
}

}  // namespace

Result<std::string> make_series_key(std::string_view measurement, std::span<const TagView> tags) {
  std::vector<const TagView*> sorted;
  sorted.reserve(tags.size());
  for (const TagView& tag : tags) {
    if (!tag.value.empty()) sorted.push_back(&tag);
  }
  std::sort(sorted.begin(), sorted.end(), [](const TagView* a, const TagView* b) { return a->key < b->key; });
  std::string key;
  append_escaped(key, measurement, ", ");
  for (size_t index = 0; index < sorted.size(); ++index) {
    if (index > 0 && sorted[index]->key == sorted[index - 1]->key) {
      return Status::invalid_argument("duplicate tag key \"" + std::string(sorted[index]->key) + "\"");
    }
    key += ',';
    append_escaped(key, sorted[index]->key, ",= ");
    key += '=';
    append_escaped(key, sorted[index]->value, ",= ");
  }
  return key;
}

Result<ParsedSeriesKey> parse_series_key(std::string_view key) {
  auto bad = [&key] { return Status::corruption("malformed series key \"" + std::string(key) + "\""); };
  ParsedSeriesKey parsed;
  size_t position = 0;
  if (!read_token(key, position, ",", parsed.measurement) || parsed.measurement.empty()) return bad();
  std::string tag_key, tag_value;
  while (position < key.size()) {
    ++position;  // the ','
    if (!read_token(key, position, "=,", tag_key) || position >= key.size() || key[position] != '=') return bad();
    ++position;
    if (!read_token(key, position, ",", tag_value) || tag_key.empty() || tag_value.empty()) return bad();
    if (!parsed.tags.empty() && parsed.tags.back().first >= tag_key) return bad();
    parsed.tags.emplace_back(tag_key, tag_value);
  }
  return parsed;
}

}  // namespace strata
