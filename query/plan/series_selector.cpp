// Measurement and series selection; see series_selector.h.
#include "query/plan/series_selector.h"

#include <algorithm>

namespace strata::query {
namespace {

// The position of the first unescaped `target` in text[from..], else text.size().
size_t find_unescaped(std::string_view text, size_t from, char target) {
  for (size_t index = from; index < text.size(); ++index) {
    if (text[index] == '\\') {
      ++index;
    } else if (text[index] == target) {
      return index;
    }
  }
  return text.size();
}

// `text` without its escaping backslashes; most text has none and is copied whole.
std::string unescape(std::string_view text) {
  if (text.find('\\') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t index = 0; index < text.size(); ++index) {
    if (text[index] == '\\' && index + 1 < text.size()) ++index;
    out += text[index];
  }
  return out;
}

std::optional<MatchOp> match_op(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEqual: return MatchOp::kEqual;
    case BinaryOp::kNotEqual: return MatchOp::kNotEqual;
    case BinaryOp::kRegexMatch: return MatchOp::kRegexMatch;
    case BinaryOp::kRegexNotMatch: return MatchOp::kRegexNotMatch;
    default: return std::nullopt;
  }
}

// Whether `expr` is `tag = 'a' OR tag = 'b' ...` or `tag IN ('a', 'b')` on one tag; then
// `tag` and `values` hold the tag and its accepted values.
bool collect_alternatives(const Expr& expr, const std::vector<std::string>& fields, std::string& tag,
                          std::vector<std::string>& values) {
  const auto same_tag = [&](const Expr& lhs) {
    const auto* ref = std::get_if<VarRef>(&lhs.node);
    if (ref == nullptr || !is_tag_ref(*ref, fields) || (!tag.empty() && ref->name != tag)) return false;
    tag = ref->name;
    return true;
  };
  if (const auto* in = std::get_if<InExpr>(&expr.node)) {
    if (!same_tag(*in->lhs)) return false;
    for (const Expr& value : in->values) {
      const auto* text = std::get_if<StringLiteral>(&value.node);
      if (text == nullptr) return false;
      values.push_back(text->value);
    }
    return true;
  }
  const auto* binary = std::get_if<BinaryExpr>(&expr.node);
  if (binary == nullptr) return false;
  if (binary->op == BinaryOp::kOr) {
    return collect_alternatives(*binary->lhs, fields, tag, values) &&
           collect_alternatives(*binary->rhs, fields, tag, values);
  }
  const auto* text = std::get_if<StringLiteral>(&binary->rhs->node);
  if (binary->op != BinaryOp::kEqual || text == nullptr || !same_tag(*binary->lhs)) return false;
  values.push_back(text->value);
  return true;
}

// Top-level AND terms the tag index answers exactly: `tag op literal`, and alternatives of
// one tag's values (TSBS's `hostname = 'a' OR hostname = 'b'`) as one lookup per value.
void collect_matchers(const Expr& expr, const std::vector<std::string>& fields, std::vector<TagMatcher>& matchers) {
  std::string tag;
  std::vector<std::string> values;
  const bool alternatives = std::holds_alternative<InExpr>(expr.node) ||
                            (std::holds_alternative<BinaryExpr>(expr.node) &&
                             std::get<BinaryExpr>(expr.node).op == BinaryOp::kOr);
  if (alternatives) {
    if (collect_alternatives(expr, fields, tag, values) && !values.empty()) {
      matchers.push_back(TagMatcher{tag, MatchOp::kEqualAny, {}, std::move(values)});
    }
    return;
  }
  const auto* binary = std::get_if<BinaryExpr>(&expr.node);
  if (binary == nullptr) return;
  if (binary->op == BinaryOp::kAnd) {
    collect_matchers(*binary->lhs, fields, matchers);
    collect_matchers(*binary->rhs, fields, matchers);
    return;
  }
  const auto* ref = std::get_if<VarRef>(&binary->lhs->node);
  const auto op = match_op(binary->op);
  if (ref == nullptr || !op || !is_tag_ref(*ref, fields)) return;
  if (const auto* text = std::get_if<StringLiteral>(&binary->rhs->node);
      text != nullptr && (*op == MatchOp::kEqual || *op == MatchOp::kNotEqual)) {
    matchers.push_back(TagMatcher{ref->name, *op, text->value});
  } else if (const auto* regex = std::get_if<RegexLiteral>(&binary->rhs->node);
             regex != nullptr && (*op == MatchOp::kRegexMatch || *op == MatchOp::kRegexNotMatch)) {
    matchers.push_back(TagMatcher{ref->name, *op, regex->pattern});
  }
}

}  // namespace

// One pass over the key, no intermediate vectors: every series a statement selects comes
// through here (a fifth of a query over a thousand series when it split and re-split).
TagList parse_series_tags(std::string_view key) {
  TagList tags;
  tags.reserve(static_cast<size_t>(std::count(key.begin(), key.end(), ',')));
  for (size_t begin = find_unescaped(key, 0, ','); begin < key.size();) {
    const size_t part_begin = begin + 1;
    const size_t part_end = find_unescaped(key, part_begin, ',');
    const std::string_view part = key.substr(part_begin, part_end - part_begin);
    const size_t equals = find_unescaped(part, 0, '=');
    // A pair is `key=value` with no other unescaped '=' (nothing else is a tag).
    if (equals < part.size() && find_unescaped(part, equals + 1, '=') == part.size()) {
      tags.emplace_back(unescape(part.substr(0, equals)), unescape(part.substr(equals + 1)));
    }
    begin = part_end;
  }
  // Keys are stored with their tags sorted; sort only what is not.
  if (!std::is_sorted(tags.begin(), tags.end())) std::sort(tags.begin(), tags.end());
  return tags;
}

std::string_view tag_value(const TagList& tags, std::string_view key) {
  for (const auto& [tag_key, value] : tags) {
    if (tag_key == key) return value;
  }
  return {};
}

bool is_tag_ref(const VarRef& ref, const std::vector<std::string>& fields) {
  if (ref.type == VarType::kTag) return true;
  if (ref.type != VarType::kAny && ref.type != VarType::kString) return false;
  return !std::binary_search(fields.begin(), fields.end(), ref.name);
}

std::optional<Value> TagBindings::var(const VarRef& ref) const {
  if (!is_tag_ref(ref, fields_)) return std::nullopt;
  return Value{std::string(tag_value(tags_, ref.name))};
}

std::vector<std::string> resolve_measurements(const Snapshot& snapshot, const std::vector<MeasurementSource>& sources,
                                              Evaluator& evaluator) {
  std::vector<std::string> all = snapshot.measurements();
  std::sort(all.begin(), all.end());
  if (sources.empty()) return all;
  std::vector<std::string> chosen;
  for (const std::string& name : all) {
    for (const MeasurementSource& source : sources) {
      bool matches = source.name == name;
      if (source.is_regex) {
        const Expr match{BinaryExpr{BinaryOp::kRegexMatch, ExprPtr(Expr{StringLiteral{name}, {}}),
                                    ExprPtr(Expr{RegexLiteral{source.name}, {}})},
                         {}};
        struct NoBindings final : Bindings {
          std::optional<Value> var(const VarRef&) const override { return std::nullopt; }
        } none;
        matches = evaluator.test(match, none).value_or(false);
      }
      if (matches) {
        chosen.push_back(name);
        break;
      }
    }
  }
  return chosen;
}

Result<std::vector<SelectedSeries>> select_series(const Snapshot& snapshot, std::string_view measurement,
                                                  const std::optional<Expr>& condition,
                                                  const std::vector<std::string>& fields, Evaluator& evaluator,
                                                  const QueryBudget* budget, bool tags_needed) {
  std::vector<TagMatcher> matchers;
  if (condition) collect_matchers(*condition, fields, matchers);
  STRATA_ASSIGN_OR_RETURN(const std::vector<SeriesId> ids, snapshot.select_series(measurement, matchers));
  if (budget != nullptr) STRATA_RETURN_IF_ERROR(budget->check_candidates(ids.size()));
  std::vector<SelectedSeries> selected;
  selected.reserve(ids.size());
  for (SeriesId id : ids) {
    auto key = snapshot.series_key(id);
    if (!key) continue;
    SelectedSeries series{id, std::move(*key), {}};
    if (tags_needed || condition) series.tags = parse_series_tags(series.key);
    if (condition) {
      const auto keep = evaluator.test(*condition, TagBindings(series.tags, fields));
      if (keep.has_value() && !*keep) continue;
    }
    selected.push_back(std::move(series));
  }
  std::sort(selected.begin(), selected.end(),
            [](const SelectedSeries& a, const SelectedSeries& b) { return a.key < b.key; });
  return selected;
}

}  // namespace strata::query
