#include <parmetrics/indices/par_methodology.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/par_metric_table.hpp>

#include "detail/json_document.hpp"
#include "indices/par_csv.hpp"

namespace parmetrics {

namespace {

using nlohmann::json;

// Maxima are decimals such as 14.5 or 0.25; sums of a few dozen of them stay far within this.
constexpr double kMaxTolerance = 1e-9;

std::string number_text(double x) {
  return fmt::format("{}", x);
}

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& path, std::string_view field,
                         const std::string& reason) const {
    throw DataError(origin_, path, std::string(field), reason);
  }

  void object(const json& value, const std::string& path) const {
    if (!value.is_object()) fail(path, "", "expected an object, got " + kind_of(value));
  }

  // Rejects keys outside `allowed`: a typo ("chidlren") must not silently drop a subtree.
  void only(const json& object, const std::string& path,
            std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, v] : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(path, key, "unknown field (expected one of " + list + ")");
      }
    }
  }

  const json* member(const json& object, const std::string& path, const char* key,
                     bool required) const {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(path, key, "is missing");
      return nullptr;
    }
    return &*it;
  }

  std::string string(const json& object, const std::string& path, const char* key,
                     bool required = true) const {
    const json* v = member(object, path, key, required);
    if (!v) return {};
    if (!v->is_string()) fail(path, key, "expected a string, got " + kind_of(*v));
    std::string s = v->get<std::string>();
    if (s.empty()) fail(path, key, "is empty");
    return s;
  }

  std::optional<double> number(const json& object, const std::string& path, const char* key,
                               bool required) const {
    const json* v = member(object, path, key, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) fail(path, key, "expected a number, got " + kind_of(*v));
    const double x = v->get<double>();
    if (!std::isfinite(x)) fail(path, key, "is not a finite number");
    return x;
  }

  static std::string kind_of(const json& v) { return detail::describe_json(v); }

  const std::string& origin() const noexcept { return origin_; }

 private:
  std::string origin_;
};

class Parser {
 public:
  explicit Parser(const Reader& reader) : r_(reader) {}

  std::vector<ParCriterion> criteria(const json& list, const std::string& path, const char* key,
                                     ParSource inherited) {
    if (!list.is_array()) r_.fail(path, key, "expected an array, got " + Reader::kind_of(list));
    if (list.empty()) r_.fail(path, key, "is empty");
    std::vector<ParCriterion> out;
    out.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      out.push_back(criterion(list[i], fmt::format("{}.{}[{}]", path, key, i), inherited));
    }
    return out;
  }

 private:
  const Reader& r_;
  std::map<std::string, std::string, std::less<>> ids_;  // id → path of first use

  ParCriterion criterion(const json& node, const std::string& path, ParSource inherited) {
    r_.object(node, path);
    r_.only(node, path, {"id", "name", "max", "min", "source", "rule", "children", "description"});
    ParCriterion c;
    c.path = path;
    c.id = r_.string(node, path, "id");
    if (const auto [it, inserted] = ids_.try_emplace(c.id, path); !inserted) {
      r_.fail(path, "id", fmt::format("duplicate id '{}' (first used at {})", c.id, it->second));
    }
    c.name = r_.string(node, path, "name");
    c.source = inherited;
    if (const std::string s = r_.string(node, path, "source", false); !s.empty()) {
      if (s == "self") {
        c.source = ParSource::self;
      } else if (s == "survey") {
        c.source = ParSource::survey;
      } else {
        r_.fail(path, "source", fmt::format("'{}' is not self or survey", s));
      }
    }
    const json* children = r_.member(node, path, "children", false);
    const json* rule = r_.member(node, path, "rule", false);
    const std::optional<double> max = r_.number(node, path, "max", children == nullptr);
    if (max && *max < 0) r_.fail(path, "max", fmt::format("{} is negative", number_text(*max)));
    const std::optional<double> min = r_.number(node, path, "min", false);

    if (children) {
      if (rule) {
        r_.fail(path, "rule",
                "a criterion with children has no rule (its points are the sum of its "
                "children's)");
      }
      if (min) r_.fail(path, "min", "a criterion with children has no min (give it to a leaf)");
      c.children = criteria(*children, path, "children", c.source);
      double sum = 0;
      for (const ParCriterion& child : c.children) sum += child.max;
      if (max && std::abs(*max - sum) > kMaxTolerance) {
        r_.fail(path, "max",
                fmt::format("max {} of '{}' differs from the sum of its children's maxima {}",
                            number_text(*max), c.id, number_text(detail::par::round2(sum))));
      }
      c.max = max ? *max : sum;
      return c;
    }
    c.max = *max;
    if (min) {
      if (*min > 0) {
        r_.fail(path, "min",
                fmt::format("{} is above 0 (min is the lowest points, negative for deductions)",
                            number_text(*min)));
      }
      c.min = *min;
    }
    if (!rule) r_.fail(path, "rule", "is missing (a criterion without children needs a rule)");
    c.rule = parse_rule(*rule, path + ".rule", c);
    return c;
  }

  ParRule parse_rule(const json& node, const std::string& path, const ParCriterion& c) {
    r_.object(node, path);
    ParRule rule;
    const std::string kind = r_.string(node, path, "kind");
    if (kind == "manual") {
      rule.kind = ParRuleKind::manual;
      r_.only(node, path, {"kind"});
      return rule;
    }
    if (kind == "linear") {
      rule.kind = ParRuleKind::linear;
      r_.only(node, path, {"kind", "metric", "when_empty"});
    } else if (kind == "full_at" || kind == "capped") {
      rule.kind = kind == "full_at" ? ParRuleKind::full_at : ParRuleKind::capped;
      r_.only(node, path, {"kind", "metric", "threshold", "when_empty"});
      rule.threshold_percent = *r_.number(node, path, "threshold", true);
      if (!(rule.threshold_percent > 0 && rule.threshold_percent <= 100)) {
        r_.fail(path, "threshold",
                fmt::format("{} is outside (0, 100] (a percentage)",
                            number_text(rule.threshold_percent)));
      }
    } else if (kind == "steps") {
      rule.kind = ParRuleKind::steps;
      r_.only(node, path, {"kind", "metric", "steps", "when_empty"});
      rule.steps = parse_steps(*r_.member(node, path, "steps", true), path, c);
    } else {
      r_.fail(path, "kind",
              fmt::format("unknown rule kind '{}' (expected manual, linear, full_at, capped or "
                          "steps)",
                          kind));
    }
    rule.metric = r_.string(node, path, "metric");
    if (const std::string w = r_.string(node, path, "when_empty", false); !w.empty()) {
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

  std::vector<ParStep> parse_steps(const json& list, const std::string& path,
                                   const ParCriterion& c) {
    if (!list.is_array() || list.empty()) {
      r_.fail(path, "steps", "expected a non-empty array of [at_least_percent, points]");
    }
    std::vector<ParStep> steps;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& s = list[i];
      const std::string field = fmt::format("steps[{}]", i);
      if (!s.is_array() || s.size() != 2 || !s[0].is_number() || !s[1].is_number()) {
        r_.fail(path, field, "expected [at_least_percent, points], two numbers");
      }
      const ParStep step{s[0].get<double>(), s[1].get<double>()};
      if (!(step.at_least_percent >= 0 && step.at_least_percent <= 100)) {
        r_.fail(
            path, field,
            fmt::format("threshold {} is outside [0, 100]", number_text(step.at_least_percent)));
      }
      for (const ParStep& before : steps) {
        if (before.at_least_percent == step.at_least_percent) {
          r_.fail(path, field,
                  fmt::format("a second step at {}%: which points are meant is unknown",
                              number_text(step.at_least_percent)));
        }
      }
      if (step.points > c.max + kMaxTolerance || step.points < c.min - kMaxTolerance) {
        r_.fail(path, field,
                fmt::format("{} points are outside [{}, {}] of '{}'", number_text(step.points),
                            number_text(c.min), number_text(c.max), c.id));
      }
      steps.push_back(step);
    }
    // Regulations list steps highest first ("≥ 90 %: 2 points; ≥ 50 %: 1"): any order is taken.
    std::sort(steps.begin(), steps.end(), [](const ParStep& a, const ParStep& b) {
      return a.at_least_percent < b.at_least_percent;
    });
    return steps;
  }
};

const ParCriterion* find_in(const std::vector<ParCriterion>& list, std::string_view id) {
  for (const ParCriterion& c : list) {
    if (c.id == id) return &c;
    if (const ParCriterion* found = find_in(c.children, id)) return found;
  }
  return nullptr;
}

void check_in(const std::vector<ParCriterion>& list, const MetricTable& table,
              const std::string& origin) {
  for (const ParCriterion& c : list) {
    check_in(c.children, table, origin);
    if (!c.rule || c.rule->kind == ParRuleKind::manual) continue;
    const std::string& metric = c.rule->metric;
    const auto kind = table.kind(metric);
    if (!kind) {
      std::string known;
      for (const std::string& m : table.metrics()) known += (known.empty() ? "" : ", ") + m;
      throw DataError(
          origin, c.path + ".rule", "metric",
          fmt::format("unknown metric '{}' (known: {})", metric,
                      known.empty() ? "none — give dossiers, --metrics or SIPAS" : known));
    }
    if (*kind != MetricKind::rate) {
      throw DataError(origin, c.path + ".rule", "metric",
                      fmt::format("metric '{}' is a count, a {} rule needs a rate", metric,
                                  to_string(c.rule->kind)));
    }
  }
}

}  // namespace

std::string_view to_string(ParSource source) noexcept {
  return source == ParSource::self ? "self" : "survey";
}

std::string_view to_string(ParRuleKind kind) noexcept {
  switch (kind) {
    case ParRuleKind::manual:
      return "manual";
    case ParRuleKind::linear:
      return "linear";
    case ParRuleKind::full_at:
      return "full_at";
    case ParRuleKind::capped:
      return "capped";
    case ParRuleKind::steps:
      return "steps";
  }
  return "?";
}

std::string_view to_string(WhenEmpty when) noexcept {
  switch (when) {
    case WhenEmpty::zero:
      return "zero";
    case WhenEmpty::full:
      return "full";
    case WhenEmpty::not_applicable:
      return "not_applicable";
  }
  return "?";
}

ParMethodology ParMethodology::parse(std::string_view text, std::string_view origin) {
  const Reader r{std::string(origin)};
  const json doc = detail::parse_json_document(text, origin);
  const std::string root = "$";
  r.object(doc, root);
  r.only(doc, root, {"name", "version", "description", "example", "levels", "max", "criteria"});
  ParMethodology m;
  m.origin_ = origin;
  m.name_ = r.string(doc, root, "name");
  const json* version = r.member(doc, root, "version", true);
  if (version->is_string() && !version->get<std::string>().empty()) {
    m.version_ = version->get<std::string>();
  } else if (version->is_number_integer()) {
    m.version_ = version->dump();
  } else {
    r.fail(root, "version", "expected a string or an integer, got " + Reader::kind_of(*version));
  }
  if (const json* example = r.member(doc, root, "example", false);
      example && !example->is_boolean()) {
    r.fail(root, "example", "expected true or false, got " + Reader::kind_of(*example));
  } else if (example) {
    m.example_ = example->get<bool>();
  }
  if (const json* levels = r.member(doc, root, "levels", false)) {
    if (!levels->is_array()) {
      r.fail(root, "levels", "expected an array of level names, got " + Reader::kind_of(*levels));
    }
    for (std::size_t i = 0; i < levels->size(); ++i) {
      const json& l = (*levels)[i];
      if (!l.is_string() || l.get<std::string>().empty()) {
        r.fail(root, fmt::format("levels[{}]", i), "expected a level name");
      }
      m.levels_.push_back(l.get<std::string>());
    }
  }
  const json* criteria = r.member(doc, root, "criteria", true);
  Parser parser(r);
  m.criteria_ = parser.criteria(*criteria, root, "criteria", ParSource::self);
  // The declared total (the regulation's "thang điểm 100"), when given, checks the maxima.
  if (const std::optional<double> total = r.number(doc, root, "max", false)) {
    if (std::abs(*total - m.max()) > kMaxTolerance) {
      r.fail(root, "max",
             fmt::format("the declared total {} differs from the sum of the top-level maxima {}",
                         number_text(*total), number_text(detail::par::round2(m.max()))));
    }
  }
  return m;
}

ParMethodology ParMethodology::load(const std::filesystem::path& file) {
  return parse(detail::par::read_text_file(file), file.string());
}

double ParMethodology::max() const noexcept {
  double sum = 0;
  for (const ParCriterion& c : criteria_) sum += c.max;
  return sum;
}

const ParCriterion* ParMethodology::find(std::string_view id) const noexcept {
  return find_in(criteria_, id);
}

void ParMethodology::check_metrics(const MetricTable& table) const {
  check_in(criteria_, table, origin_);
}

}  // namespace parmetrics
