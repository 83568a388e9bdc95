// Reading a methodology file: the scorecard format ("format": "parmetrics-scorecard") and the
// older PAR form without a format key, which one parser reads in two dialects — the older form
// keeps its fields, its five rule kinds and its messages (docs/par-index.md).

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>

#include "indices/csv_table.hpp"
#include "indices/scorecard/json_reader.hpp"
#include "indices/scorecard/methodology_checks.hpp"

namespace parmetrics::scorecard {

namespace {

using nlohmann::json;
using parmetrics::detail::JsonReader;

constexpr std::string_view kFormat = "parmetrics-scorecard";
constexpr std::string_view kIndex766Format = "parmetrics-index766-methodology";
constexpr int kFormatVersion = 1;

/// Which form of file is read.
enum class Dialect : unsigned char { scorecard, par };

struct Kind {
  std::string_view name;
  RuleKind kind;
  std::span<const std::string_view> fields;
};

// The closed table of rules: its name, its kind and the fields it takes.
constexpr std::string_view kManualOnly[] = {"kind"};
constexpr std::string_view kMetricOnly[] = {"kind", "metric", "when_empty"};
constexpr std::string_view kThreshold[] = {"kind", "metric", "threshold", "when_empty"};
constexpr std::string_view kSteps[] = {"kind", "metric", "steps", "when_empty"};
constexpr std::string_view kChoices[] = {"kind", "metric", "choices", "when_empty"};
constexpr Kind kKinds[] = {
    {"manual", RuleKind::manual, kManualOnly},  {"linear", RuleKind::linear, kMetricOnly},
    {"full_at", RuleKind::full_at, kThreshold}, {"capped", RuleKind::capped, kThreshold},
    {"steps", RuleKind::steps, kSteps},         {"count_steps", RuleKind::count_steps, kSteps},
    {"choice", RuleKind::choice, kChoices},     {"relative", RuleKind::relative, kMetricOnly}};
// The older PAR form knows the first five.
constexpr std::size_t kParKinds = 5;

// Where a figure comes from: free text, or objects of texts ({"title", "url", "quote"}).
void check_sources(const JsonReader& r, const json& node, const std::string& path) {
  const json* list = r.find(node, "sources");
  if (!list) return;
  const auto text = [](const json& v) { return v.is_string(); };
  if (!list->is_array() || !std::all_of(list->begin(), list->end(), [&](const json& s) {
        return text(s) || (s.is_object() && std::all_of(s.begin(), s.end(), text));
      })) {
    r.fail(path, "sources", "expected an array of texts, or of objects of texts (title, url…)");
  }
}

class Parser {
 public:
  Parser(const JsonReader& reader, Dialect dialect) : r_(reader), dialect_(dialect) {}

  std::vector<Criterion> criteria(const json& list, const std::string& path, const char* key,
                                  const Criterion* parent) {
    if (!list.is_array()) r_.fail(path, key, "expected an array, got " + JsonReader::kind(list));
    if (list.empty()) r_.fail(path, key, "is empty");
    std::vector<Criterion> out;
    out.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      out.push_back(criterion(list[i], fmt::format("{}.{}[{}]", path, key, i), parent));
    }
    return out;
  }

 private:
  const JsonReader& r_;
  Dialect dialect_;
  std::map<std::string, std::string, std::less<>> ids_;  // id → path of first use

  std::string origin() const { return std::string(r_.origin()); }

  std::optional<double> number(const json& node, const std::string& path, const char* key,
                               bool required) const {
    const json* v = required ? &r_.required(node, path, key) : r_.find(node, key);
    if (!v) return std::nullopt;
    return r_.number(*v, path, key);
  }

  void check_keys(const json& node, const std::string& path) const {
    if (dialect_ == Dialect::par) {
      r_.only_keys(node, path,
                   {"id", "name", "max", "min", "source", "rule", "children", "description"});
    } else {
      r_.only_keys(node, path,
                   {"id", "name", "description", "note", "sources", "max", "min", "source",
                    "pillar", "tags", "unsure", "rule", "children"});
    }
  }

  Criterion criterion(const json& node, const std::string& path, const Criterion* parent) {
    r_.expect_object(node, path, "");
    check_keys(node, path);
    Criterion c;
    c.path = path;
    c.id = r_.string(node, path, "id", true, true);
    if (const auto [it, inserted] = ids_.try_emplace(c.id, path); !inserted) {
      r_.fail(path, "id", fmt::format("duplicate id '{}' (first used at {})", c.id, it->second));
    }
    c.name = r_.string(node, path, "name", true, true);
    c.description = r_.string(node, path, "description", false, false);
    read_tags(node, path, parent, c);
    const json* children = r_.find(node, "children");
    const json* rule = r_.find(node, "rule");
    const std::optional<double> max = number(node, path, "max", children == nullptr);
    if (max && *max < 0) {
      r_.fail(path, "max", fmt::format("{} is negative", detail::number_text(*max)));
    }
    const std::optional<double> min = number(node, path, "min", false);
    if (children) return node_criterion(std::move(c), *children, rule, max, min);
    c.max = *max;
    c.min = min.value_or(0);
    detail::check_leaf_range(c, origin());
    if (!rule) r_.fail(path, "rule", "is missing (a criterion without children needs a rule)");
    c.rule = parse_rule(*rule, path + ".rule", c);
    return c;
  }

  Criterion node_criterion(Criterion c, const json& children, const json* rule,
                           std::optional<double> max, std::optional<double> min) {
    if (rule) {
      r_.fail(c.path, "rule",
              "a criterion with children has no rule (its points are the sum of its "
              "children's)");
    }
    if (min) r_.fail(c.path, "min", "a criterion with children has no min (give it to a leaf)");
    c.children = criteria(children, c.path, "children", &c);
    const std::int64_t sum = detail::sum_of_maxima(c.children, origin(), c.path);
    if (max)
      detail::check_node_sum(c, detail::micro_units(*max, origin(), c.path, "max"), origin());
    c.max = max ? *max : static_cast<double>(sum) / 1e6;
    return c;
  }

  // Source, pillars, free tags and unsure: given here or inherited from the parent.
  void read_tags(const json& node, const std::string& path, const Criterion* parent,
                 Criterion& c) const {
    c.source = parent ? parent->source : Source::self;
    if (const std::string s = r_.string(node, path, "source", false, true); !s.empty()) {
      if (s != "self" && s != "survey") {
        r_.fail(path, "source", fmt::format("'{}' is not self or survey", s));
      }
      c.source = s == "self" ? Source::self : Source::survey;
    }
    if (parent) c.tags = parent->tags;
    if (dialect_ == Dialect::par) return;
    (void)r_.string(node, path, "note", false, false);
    check_sources(r_, node, path);
    if (const json* u = r_.find(node, "unsure")) {
      if (!u->is_boolean())
        r_.fail(path, "unsure", "expected true or false, got " + JsonReader::kind(*u));
      c.unsure = u->get<bool>();
    }
    if (const json* p = r_.find(node, "pillar")) set_tag(c, "pillar", pillar_values(*p, path));
    if (const json* t = r_.find(node, "tags")) {
      if (!t->is_object())
        r_.fail(path, "tags", "expected an object of tag: value, got " + JsonReader::kind(*t));
      for (const auto& [key, value] : t->items()) {
        if (key == "pillar" || key == "source" || key.empty() || !value.is_string() ||
            value.get<std::string>().empty()) {
          r_.fail(path, "tags." + key,
                  "expected a non-empty string under a name other than pillar and source");
        }
        set_tag(c, key, {value.get<std::string>()});
      }
    }
  }

  std::vector<std::string> pillar_values(const json& p, const std::string& path) const {
    std::vector<std::string> values;
    if (p.is_string()) values.push_back(p.get<std::string>());
    if (p.is_array()) {
      for (const json& v : p) values.push_back(v.is_string() ? v.get<std::string>() : "");
    }
    if (values.empty() ||
        std::any_of(values.begin(), values.end(), [](const std::string& v) { return v.empty(); })) {
      r_.fail(path, "pillar", "expected a pillar's name, or a non-empty array of names");
    }
    return values;
  }

  // The criterion's own values of `key` replace those it inherited.
  static void set_tag(Criterion& c, const std::string& key,
                      const std::vector<std::string>& values) {
    std::erase_if(c.tags, [&](const Tag& t) { return t.key == key; });
    for (const std::string& v : values) c.tags.push_back({key, v});
  }

  const Kind& kind_of(const json& node, const std::string& path) const {
    const std::string name = r_.string(node, path, "kind", true, true);
    const std::size_t known = dialect_ == Dialect::par ? kParKinds : std::size(kKinds);
    for (std::size_t k = 0; k < known; ++k) {
      if (kKinds[k].name == name) return kKinds[k];
    }
    r_.fail(path, "kind",
            dialect_ == Dialect::par
                ? fmt::format("unknown rule kind '{}' (expected manual, linear, full_at, capped "
                              "or steps)",
                              name)
                : fmt::format("unknown rule kind '{}' (expected manual, linear, full_at, capped, "
                              "steps, count_steps, choice or relative)",
                              name));
  }

  Rule parse_rule(const json& node, const std::string& path, const Criterion& c) const {
    r_.expect_object(node, path, "");
    const Kind& kind = kind_of(node, path);
    r_.only_keys(node, path, kind.fields);
    Rule rule;
    rule.kind = kind.kind;
    if (rule.kind == RuleKind::manual) return rule;
    if (rule.kind == RuleKind::full_at || rule.kind == RuleKind::capped) {
      rule.threshold_percent = *number(node, path, "threshold", true);
    } else if (rule.kind == RuleKind::steps || rule.kind == RuleKind::count_steps) {
      read_steps(r_.required(node, path, "steps"), path, rule);
    } else if (rule.kind == RuleKind::choice) {
      read_choices(r_.required(node, path, "choices"), path, rule);
    }
    detail::check_rule(rule, c, origin());
    // Regulations list steps highest first ("≥ 90 %: 2 points; ≥ 50 %: 1"): any order is taken.
    std::sort(rule.steps.begin(), rule.steps.end(),
              [](const Step& a, const Step& b) { return a.at_least_percent < b.at_least_percent; });
    std::sort(
        rule.count_steps.begin(), rule.count_steps.end(),
        [](const CountStep& a, const CountStep& b) { return a.at_least_count < b.at_least_count; });
    rule.metric = r_.string(node, path, "metric", true, true);
    if (const std::string w = r_.string(node, path, "when_empty", false, true); !w.empty()) {
      if (w == "zero") {
        rule.when_empty = WhenEmpty::zero;
      } else if (w == "full") {
        rule.when_empty = WhenEmpty::full;
      } else if (w == "not_applicable") {
        rule.when_empty = WhenEmpty::not_applicable;
      } else {
        r_.fail(path, "when_empty", fmt::format("'{}' is not full, zero or not_applicable", w));
      }
    }
    return rule;
  }

  void read_steps(const json& list, const std::string& path, Rule& rule) const {
    const bool count = rule.kind == RuleKind::count_steps;
    const char* pair = count ? "[at_least_count, points]" : "[at_least_percent, points]";
    if (!list.is_array() || list.empty()) {
      r_.fail(path, "steps", fmt::format("expected a non-empty array of {}", pair));
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& s = list[i];
      if (!s.is_array() || s.size() != 2 || !s[0].is_number() || !s[1].is_number()) {
        r_.fail(path, fmt::format("steps[{}]", i), fmt::format("expected {}, two numbers", pair));
      }
      if (count) {
        rule.count_steps.push_back({s[0].get<double>(), s[1].get<double>()});
      } else {
        rule.steps.push_back({s[0].get<double>(), s[1].get<double>()});
      }
    }
  }

  void read_choices(const json& object, const std::string& path, Rule& rule) const {
    if (!object.is_object()) {
      r_.fail(path, "choices",
              "expected an object of answers and their points, got " + JsonReader::kind(object));
    }
    for (const auto& [answer, points] : object.items()) {
      if (answer.empty()) r_.fail(path, "choices", "an answer is empty");
      rule.choices.emplace_back(answer, r_.number(points, path, "choices." + answer));
    }
  }
};

template <typename Enum>
Enum one_of(const JsonReader& r, const json& doc, const char* key,
            std::initializer_list<std::pair<std::string_view, Enum>> values, Enum fallback) {
  const std::string s = r.string(doc, "$", key, false, true);
  if (s.empty()) return fallback;
  std::string list;
  for (const auto& [name, value] : values) {
    if (name == s) return value;
    list += (list.empty() ? "" : " or ") + std::string(name);
  }
  r.fail("$", key, fmt::format("'{}' is not {}", s, list));
}

int decimals_of(const JsonReader& r, const json& doc, const char* key, int fallback) {
  const json* d = r.find(doc, key);
  if (!d) return fallback;
  if (!d->is_number_integer()) {
    r.fail("$", key, "expected a whole number, got " + JsonReader::kind(*d));
  }
  const auto n = d->get<std::int64_t>();
  if (n < 0 || n > detail::kValueDecimals) {
    r.fail("$", key, fmt::format("{} is not between 0 and 6", n));
  }
  return static_cast<int>(n);
}

std::vector<Grade> grades_of(const JsonReader& r, const json& doc) {
  std::vector<Grade> grades;
  const json* list = r.find(doc, "grades");
  if (!list) return grades;
  if (!list->is_array()) {
    r.fail("$", "grades", "expected an array of [at_least, name], got " + JsonReader::kind(*list));
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& g = (*list)[i];
    if (!g.is_array() || g.size() != 2 || !g[0].is_number() || !g[1].is_string()) {
      r.fail("$", fmt::format("grades[{}]", i), "expected [at_least, name], a number and a name");
    }
    grades.push_back({g[0].get<double>(), g[1].get<std::string>()});
  }
  // Grades may be listed in any order: the best band first is how they are applied.
  std::stable_sort(grades.begin(), grades.end(),
                   [](const Grade& a, const Grade& b) { return a.at_least > b.at_least; });
  return grades;
}

// The scorecard format's top-level settings; the older PAR form has none of them.
void read_settings(const JsonReader& r, const json& doc, Methodology& m) {
  const std::string format = r.string(doc, "$", "format", true, true);
  if (format != kFormat) r.fail("$", "format", fmt::format("expected \"{}\"", kFormat));
  const json& version = r.required(doc, "$", "format_version");
  if (!version.is_number_integer() || version.get<std::int64_t>() != kFormatVersion) {
    r.fail("$", "format_version",
           fmt::format("expected {}, got {}", kFormatVersion, JsonReader::kind(version)));
  }
  (void)r.string(doc, "$", "note", false, false);
  check_sources(r, doc, "$");
  m.decimals = decimals_of(r, doc, "decimals", 2);
  m.index = one_of<IndexScale>(
      r, doc, "index", {{"percent", IndexScale::percent}, {"fraction", IndexScale::fraction}},
      IndexScale::percent);
  // A fraction carries the percent's precision two places further: 58.08 % is 0.5808.
  m.index_decimals = decimals_of(
      r, doc, "index_decimals",
      std::min(detail::kValueDecimals, m.decimals + (m.index == IndexScale::fraction ? 2 : 0)));
  m.totals =
      one_of<Totals>(r, doc, "totals",
                     {{"rounded_items", Totals::rounded_items}, {"unrounded", Totals::unrounded}},
                     Totals::rounded_items);
  m.basis = one_of<Basis>(r, doc, "basis", {{"index", Basis::index}, {"points", Basis::points}},
                          Basis::index);
  m.when_missing = one_of<WhenMissing>(
      r, doc, "when_missing", {{"empty", WhenMissing::empty}, {"no_score", WhenMissing::no_score}},
      WhenMissing::empty);
  m.grades = grades_of(r, doc);
}

void read_header(const JsonReader& r, const json& doc, Methodology& m) {
  m.name = r.string(doc, "$", "name", true, true);
  const json& version = r.required(doc, "$", "version");
  if (version.is_string() && !version.get<std::string>().empty()) {
    m.version = version.get<std::string>();
  } else if (version.is_number_integer()) {
    m.version = version.dump();
  } else {
    r.fail("$", "version", "expected a string or an integer, got " + JsonReader::kind(version));
  }
  m.description = r.string(doc, "$", "description", false, false);
  if (const json* example = r.find(doc, "example")) {
    if (!example->is_boolean()) {
      r.fail("$", "example", "expected true or false, got " + JsonReader::kind(*example));
    }
    m.example = example->get<bool>();
  }
  if (const json* levels = r.find(doc, "levels")) {
    if (!levels->is_array()) {
      r.fail("$", "levels", "expected an array of level names, got " + JsonReader::kind(*levels));
    }
    for (std::size_t i = 0; i < levels->size(); ++i) {
      const json& l = (*levels)[i];
      if (!l.is_string() || l.get<std::string>().empty()) {
        r.fail("$", fmt::format("levels[{}]", i), "expected a level name");
      }
      m.levels.push_back(l.get<std::string>());
    }
  }
}

}  // namespace

Methodology parse_methodology(std::string_view text, std::string_view origin) {
  const json doc = parmetrics::detail::parse_json_document(text, origin);
  const Dialect dialect =
      doc.is_object() && doc.contains("format") ? Dialect::scorecard : Dialect::par;
  // A QĐ 766 file keeps its own loader and its messages (docs/index766.md).
  if (dialect == Dialect::scorecard && doc["format"] == kIndex766Format) {
    return to_scorecard(parse_service_index_methodology(text, origin), origin);
  }
  const JsonReader r(origin, JsonReader::Wording::fields);
  r.expect_object(doc, "$", "");
  if (dialect == Dialect::par) {
    r.only_keys(doc, "$",
                {"name", "version", "description", "example", "levels", "max", "criteria"});
  } else {
    r.only_keys(doc, "$",
                {"format", "format_version", "name", "version", "description", "note", "sources",
                 "example", "levels", "max", "decimals", "index", "index_decimals", "totals",
                 "basis", "when_missing", "grades", "criteria"});
  }
  Methodology m;
  m.origin = origin;
  if (dialect == Dialect::scorecard) read_settings(r, doc, m);
  read_header(r, doc, m);
  Parser parser(r, dialect);
  m.criteria = parser.criteria(r.required(doc, "$", "criteria"), "$", "criteria", nullptr);
  // The declared total (the regulation's "thang điểm 100"), when given, checks the maxima.
  const json* total = r.find(doc, "max");
  detail::check_top(m, total ? std::optional<double>(r.number(*total, "$", "max")) : std::nullopt);
  return m;
}

Methodology load_methodology(const std::filesystem::path& file) {
  return parse_methodology(parmetrics::detail::small_csv::read_text_file(file), file.string());
}

}  // namespace parmetrics::scorecard
