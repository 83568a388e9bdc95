#include <parmetrics/indices/scorecard/methodology.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/metric_table.hpp>

#include "indices/scorecard/exact.hpp"
#include "indices/scorecard/methodology_checks.hpp"

namespace parmetrics::scorecard {

namespace detail {

std::string number_text(double x) {
  return fmt::format("{}", x);
}

std::int64_t micro_units(double value, const std::string& origin, const std::string& path,
                         std::string_view field) {
  const auto d = parmetrics::detail::exact_decimal(value, kValueDecimals);
  if (!d) {
    throw DataError(origin, path, std::string(field),
                    fmt::format("{} has more than {} decimals or is too large", number_text(value),
                                kValueDecimals));
  }
  std::int64_t units = d->units;
  for (int s = d->scale; s < kValueDecimals; ++s) units *= 10;
  return units;
}

namespace {

// "18" or "2.5" from millionths.
std::string micro_text(std::int64_t micro) {
  std::string s = parmetrics::detail::format_scaled(micro, kValueDecimals);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Step and choice points lie within the criterion's [min, max].
void check_points(double points, const Criterion& c, const std::string& origin,
                  const std::string& path, const std::string& field) {
  const std::int64_t p = micro_units(points, origin, path, field);
  if (p > micro_units(c.max, origin, c.path, "max") ||
      p < micro_units(c.min, origin, c.path, "min")) {
    throw DataError(origin, path, field,
                    fmt::format("{} points are outside [{}, {}] of '{}'", number_text(points),
                                number_text(c.min), number_text(c.max), c.id));
  }
}

// Steps repeat no threshold and give points within [min, max]; a ratio's thresholds are
// percentages, a count's are not negative.
void check_steps(const Rule& rule, const Criterion& c, const std::string& origin,
                 const std::string& path) {
  const bool percent = rule.kind == RuleKind::steps;
  const std::vector<StepPoints> steps = step_points(rule);
  if (steps.empty()) {
    throw DataError(origin, path, "steps",
                    fmt::format("expected a non-empty array of [at_least_{}, points]",
                                percent ? "percent" : "count"));
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const double at = steps[i].at_least;
    const std::string field = fmt::format("steps[{}]", i);
    if (percent && !(at >= 0 && at <= 100)) {
      throw DataError(origin, path, field,
                      fmt::format("threshold {} is outside [0, 100]", number_text(at)));
    }
    if (!percent && !(at >= 0)) {
      throw DataError(origin, path, field, fmt::format("count {} is negative", number_text(at)));
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (steps[k].at_least == at) {
        throw DataError(origin, path, field,
                        fmt::format("a second step at {}{}: which points are meant is unknown",
                                    number_text(at), percent ? "%" : ""));
      }
    }
    check_points(steps[i].points, c, origin, path, field);
  }
}

}  // namespace

std::int64_t sum_of_maxima(const std::vector<Criterion>& list, const std::string& origin,
                           const std::string& path) {
  std::int64_t sum = 0;
  for (const Criterion& c : list) {
    if (__builtin_add_overflow(sum, micro_units(c.max, origin, c.path, "max"), &sum)) {
      throw DataError(origin, path, "max", "the maxima add up to more than can be counted");
    }
  }
  return sum;
}

void check_leaf_range(const Criterion& c, const std::string& origin) {
  if (c.max < 0) {
    throw DataError(origin, c.path, "max", fmt::format("{} is negative", number_text(c.max)));
  }
  micro_units(c.max, origin, c.path, "max");
  if (c.min > 0) {
    throw DataError(origin, c.path, "min",
                    fmt::format("{} is above 0 (min is the lowest points, negative for deductions)",
                                number_text(c.min)));
  }
  micro_units(c.min, origin, c.path, "min");
}

void check_rule(const Rule& rule, const Criterion& c, const std::string& origin) {
  const std::string path = c.path + ".rule";
  switch (rule.kind) {
    case RuleKind::full_at:
    case RuleKind::capped:
      if (!(rule.threshold_percent > 0 && rule.threshold_percent <= 100)) {
        throw DataError(origin, path, "threshold",
                        fmt::format("{} is outside (0, 100] (a percentage)",
                                    number_text(rule.threshold_percent)));
      }
      micro_units(rule.threshold_percent, origin, path, "threshold");
      break;
    case RuleKind::steps:
    case RuleKind::count_steps:
      check_steps(rule, c, origin, path);
      break;
    case RuleKind::choice:
      if (rule.choices.empty()) {
        throw DataError(origin, path, "choices",
                        "expected an object of answers and their points, not empty");
      }
      for (const auto& [answer, points] : rule.choices) {
        check_points(points, c, origin, path, "choices." + answer);
      }
      break;
    case RuleKind::manual:
    case RuleKind::linear:
    case RuleKind::relative:
      break;
  }
}

void check_node_sum(const Criterion& c, std::int64_t declared_micro, const std::string& origin) {
  std::int64_t sum = 0;
  for (const Criterion& child : c.children)
    sum += micro_units(child.max, origin, child.path, "max");
  if (declared_micro != sum) {
    throw DataError(origin, c.path, "max",
                    fmt::format("max {} of '{}' differs from the sum of its children's maxima {}",
                                micro_text(declared_micro), c.id, micro_text(sum)));
  }
}

void check_top(const Methodology& m, std::optional<double> declared_total) {
  const std::int64_t sum = sum_of_maxima(m.criteria, m.origin, "$");
  if (declared_total) {
    const std::int64_t total = micro_units(*declared_total, m.origin, "$", "max");
    if (total != sum) {
      throw DataError(m.origin, "$", "max",
                      fmt::format("the declared total {} differs from the sum of the top-level "
                                  "maxima {}",
                                  micro_text(total), micro_text(sum)));
    }
  }
  for (const auto& [field, d] :
       {std::pair{"decimals", m.decimals}, {"index_decimals", m.index_decimals}}) {
    if (d < 0 || d > kValueDecimals) {
      throw DataError(m.origin, "$", field, fmt::format("{} is not between 0 and 6", d));
    }
  }
  // Grades lie within what the basis figure can be: 0–100 %, 0–1, or 0 to the total.
  const double top = m.basis == Basis::points         ? static_cast<double>(sum) / 1e6
                     : m.index == IndexScale::percent ? 100.0
                                                      : 1.0;
  std::set<std::string, std::less<>> names;
  for (std::size_t g = 0; g < m.grades.size(); ++g) {
    const Grade& grade = m.grades[g];
    const std::string field = fmt::format("grades[{}]", g);
    if (grade.name.empty()) throw DataError(m.origin, "$", field, "the grade has no name");
    if (!names.insert(grade.name).second) {
      throw DataError(m.origin, "$", field, fmt::format("a second grade '{}'", grade.name));
    }
    if (!(grade.at_least >= 0 && grade.at_least <= top)) {
      throw DataError(
          m.origin, "$", field,
          fmt::format("{} is outside [0, {}]", number_text(grade.at_least), number_text(top)));
    }
    micro_units(grade.at_least, m.origin, "$", field);
    if (g > 0 && m.grades[g - 1].at_least < grade.at_least) {
      throw DataError(m.origin, "$", field, "grades are applied from the best down: sort them");
    }
    if (g > 0 && m.grades[g - 1].at_least == grade.at_least) {
      throw DataError(m.origin, "$", field,
                      fmt::format("a second grade at {}: which one is meant is unknown",
                                  number_text(grade.at_least)));
    }
  }
}

}  // namespace detail

std::vector<StepPoints> step_points(const Rule& rule) {
  std::vector<StepPoints> out;
  for (const Step& s : rule.steps) out.push_back({s.at_least_percent, s.points});
  for (const CountStep& s : rule.count_steps) out.push_back({s.at_least_count, s.points});
  return out;
}

namespace {

void validate_tree(const std::vector<Criterion>& list, const std::string& origin) {
  for (const Criterion& c : list) {
    if (c.leaf()) {
      detail::check_leaf_range(c, origin);
      if (!c.rule) {
        throw DataError(origin, c.path, "rule",
                        "is missing (a criterion without children needs a rule)");
      }
      detail::check_rule(*c.rule, c, origin);
      continue;
    }
    if (c.rule) {
      throw DataError(origin, c.path, "rule",
                      "a criterion with children has no rule (its points are the sum of its "
                      "children's)");
    }
    if (c.min != 0) {
      throw DataError(origin, c.path, "min",
                      "a criterion with children has no min (give it to a leaf)");
    }
    validate_tree(c.children, origin);
    detail::check_node_sum(c, detail::micro_units(c.max, origin, c.path, "max"), origin);
  }
}

const Criterion* find_in(const std::vector<Criterion>& list, std::string_view id) {
  for (const Criterion& c : list) {
    if (c.id == id) return &c;
    if (const Criterion* found = find_in(c.children, id)) return found;
  }
  return nullptr;
}

void collect_tags(const std::vector<Criterion>& list, std::vector<Tag>& out) {
  for (const Criterion& c : list) {
    for (const Tag& t : c.tags) {
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    collect_tags(c.children, out);
  }
}

// The kind of metric a rule reads, in words, or nullptr when it reads `kind`.
const char* needs(RuleKind rule, MetricKind kind) {
  switch (rule) {
    case RuleKind::count_steps:
      return kind == MetricKind::count ? nullptr : "a count";
    case RuleKind::choice:
      return kind == MetricKind::choice ? nullptr : "an answer (a choice)";
    case RuleKind::relative:
      return kind == MetricKind::choice ? "a rate or a count" : nullptr;
    case RuleKind::manual:
      return nullptr;
    case RuleKind::linear:
    case RuleKind::full_at:
    case RuleKind::capped:
    case RuleKind::steps:
      break;
  }
  return kind == MetricKind::rate ? nullptr : "a rate";
}

void check_metrics_in(const std::vector<Criterion>& list, const MetricTable& table,
                      const std::string& origin) {
  for (const Criterion& c : list) {
    check_metrics_in(c.children, table, origin);
    if (!c.rule || c.rule->kind == RuleKind::manual) continue;
    const std::string& metric = c.rule->metric;
    const auto kind = table.kind(metric);
    // An informational criterion shows its metric when given and is never scored.
    if (!kind && c.informational()) continue;
    if (!kind) {
      std::string known;
      for (const std::string& m : table.metrics()) known += (known.empty() ? "" : ", ") + m;
      throw DataError(
          origin, c.path + ".rule", "metric",
          fmt::format("unknown metric '{}' (known: {})", metric,
                      known.empty() ? "none — give dossiers, --metrics or SIPAS" : known));
    }
    if (const char* needed = needs(c.rule->kind, *kind)) {
      throw DataError(origin, c.path + ".rule", "metric",
                      fmt::format("metric '{}' is a {}, a {} rule needs {}", metric,
                                  to_string(*kind), to_string(c.rule->kind), needed));
    }
  }
}

}  // namespace

std::string_view to_string(Source source) noexcept {
  return source == Source::self ? "self" : "survey";
}

std::string_view to_string(RuleKind kind) noexcept {
  switch (kind) {
    case RuleKind::manual:
      return "manual";
    case RuleKind::linear:
      return "linear";
    case RuleKind::full_at:
      return "full_at";
    case RuleKind::capped:
      return "capped";
    case RuleKind::steps:
      return "steps";
    case RuleKind::count_steps:
      return "count_steps";
    case RuleKind::choice:
      return "choice";
    case RuleKind::relative:
      return "relative";
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

double Methodology::max() const noexcept {
  double sum = 0;
  for (const Criterion& c : criteria) sum += c.max;
  return sum;
}

const Criterion* Methodology::find(std::string_view id) const noexcept {
  return find_in(criteria, id);
}

std::vector<Tag> Methodology::tag_values() const {
  std::vector<Tag> out;
  collect_tags(criteria, out);
  return out;
}

void validate(const Methodology& m) {
  if (m.criteria.empty()) throw DataError(m.origin, "$", "criteria", "is empty");
  validate_tree(m.criteria, m.origin);
  detail::check_top(m, std::nullopt);
}

void check_metrics(const Methodology& m, const MetricTable& table) {
  check_metrics_in(m.criteria, table, m.origin);
}

}  // namespace parmetrics::scorecard
