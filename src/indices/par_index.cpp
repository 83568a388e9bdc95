#include <parmetrics/indices/par_index.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include <parmetrics/error.hpp>

#include "indices/fraction_compare.hpp"
#include "indices/par_csv.hpp"

namespace parmetrics {

namespace {

using detail::par::round2;

std::string num(double x) {
  return fmt::format("{}", x);
}

std::string pts(double x) {
  return fmt::format("{:.2f}", round2(x));
}

// "on_time_rate 45/50 = 90.00%"
std::string describe_rate(const std::string& metric, const MetricValue& v) {
  return fmt::format("{} {}/{} = {:.2f}%", metric, num(v.numerator), num(v.denominator),
                     100.0 * v.numerator / v.denominator);
}

struct Context {
  const MetricTable& metrics;
  const ParScores& scores;
  const std::string& unit;
  std::vector<std::string>& unscored;  // manual criteria of this unit without a score
};

void score_metric_rule(const ParCriterion& c, const ParRule& rule, Context& ctx,
                       ParCriterionResult& out) {
  const MetricValue v = *ctx.metrics.get(ctx.unit, rule.metric);
  out.input = v;
  out.input_given = ctx.metrics.has(ctx.unit, rule.metric);
  const double max = c.max;
  if (v.empty()) {
    const std::string head =
        out.input_given ? fmt::format("{}: no event (0/0)", rule.metric)
                        : fmt::format("{}: no value for the unit (read as 0/0)", rule.metric);
    switch (rule.when_empty) {
      case WhenEmpty::full:
        out.points = max;
        out.explanation = fmt::format("{} → when_empty full → {}", head, pts(max));
        return;
      case WhenEmpty::zero:
        out.points = 0;
        out.explanation = fmt::format("{} → when_empty zero → 0.00", head);
        return;
      case WhenEmpty::not_applicable:
        out.applicable = false;
        out.points = 0;
        out.max = 0;
        out.explanation =
            fmt::format("{} → when_empty not_applicable: max {} left out", head, num(max));
        return;
    }
  }
  const std::string rate = describe_rate(rule.metric, v);
  // Comparisons with thresholds are made on the counts (100 × numerator ≥ threshold ×
  // denominator), so that 7/7 reaches 100% and 649/1000 reaches 64.9% whatever the float rounding.
  const auto reaches = [&](double percent) {
    return detail::compare_fractions(100.0 * v.numerator, v.denominator, percent, 1.0) >= 0;
  };
  const double ratio = std::min(1.0, v.numerator / v.denominator);
  switch (rule.kind) {
    case ParRuleKind::linear:
      out.points = round2(max * ratio);
      out.explanation =
          fmt::format("{} → {} × {:.2f}% = {}", rate, num(max), 100.0 * ratio, pts(out.points));
      return;
    case ParRuleKind::full_at:
      out.points = reaches(rule.threshold_percent) ? max : 0.0;
      out.explanation =
          fmt::format("{} {} {}% → {}", rate, reaches(rule.threshold_percent) ? ">=" : "<",
                      num(rule.threshold_percent), pts(out.points));
      return;
    case ParRuleKind::capped: {
      const double raw = max * 100.0 * v.numerator / (rule.threshold_percent * v.denominator);
      out.points = round2(std::min(max, raw));
      out.explanation = fmt::format("{} → min({}, {} × {:.2f}% / {}%) = {}", rate, num(max),
                                    num(max), 100.0 * v.numerator / v.denominator,
                                    num(rule.threshold_percent), pts(out.points));
      return;
    }
    case ParRuleKind::steps: {
      const ParStep* reached = nullptr;
      for (const ParStep& s : rule.steps) {
        if (reaches(s.at_least_percent)) reached = &s;
      }
      if (reached) {
        out.points = reached->points;
        out.explanation = fmt::format("{} reaches the step >= {}% → {}", rate,
                                      num(reached->at_least_percent), pts(out.points));
      } else {
        out.points = 0;
        out.explanation = fmt::format("{} is below the first step (>= {}%) → 0.00", rate,
                                      num(rule.steps.front().at_least_percent));
      }
      return;
    }
    case ParRuleKind::manual:
      break;
  }
  throw std::logic_error("score_metric_rule: not a metric rule");
}

ParCriterionResult score(const ParCriterion& c, Context& ctx) {
  ParCriterionResult out;
  out.id = c.id;
  out.name = c.name;
  out.source = c.source;
  out.rule = c.rule;
  out.max = c.max;
  if (!c.leaf()) {
    out.applicable = false;
    double points = 0, max = 0;
    for (const ParCriterion& child : c.children) {
      out.children.push_back(score(child, ctx));
      const ParCriterionResult& r = out.children.back();
      if (!r.applicable) continue;
      out.applicable = true;
      points += r.points;
      max += r.max;
    }
    out.points = round2(points);
    out.max = round2(max);
    out.explanation = out.applicable ? fmt::format("sum of {} sub-criteria", out.children.size())
                                     : "no sub-criterion applies";
    return out;
  }
  const ParRule& rule = *c.rule;
  if (rule.kind != ParRuleKind::manual) {
    score_metric_rule(c, rule, ctx, out);
    return out;
  }
  const ParScore* s = ctx.scores.find(ctx.unit, c.id);
  if (!s) {
    ctx.unscored.push_back(c.id);
    out.points = 0;
    out.explanation = "manual: no score given → 0.00";
    return out;
  }
  out.appraised = true;
  out.note = s->note;
  if (!s->points) {
    out.applicable = false;
    out.max = 0;
    out.explanation = fmt::format("manual: n/a in the scores → max {} left out", num(c.max));
    return out;
  }
  out.points = round2(*s->points);
  out.explanation = fmt::format("manual: appraised {}", pts(out.points));
  return out;
}

void add_parts(const ParCriterionResult& r, ParUnitResult& unit) {
  if (!r.applicable) return;
  if (r.children.empty()) {
    ParPart& part = r.source == ParSource::survey ? unit.survey : unit.self;
    part.points += r.points;
    part.max += r.max;
    return;
  }
  for (const ParCriterionResult& child : r.children) add_parts(child, unit);
}

// Checks every score against the methodology and the units before anything is computed.
void check_scores(const ParMethodology& m, const ParScores& scores,
                  const std::set<std::string, std::less<>>* known_units) {
  for (const ParScore& s : scores.all()) {
    const std::string where = s.line ? fmt::format("line {}", s.line) : std::string();
    if (known_units && !known_units->contains(s.unit)) {
      throw DataError(scores.origin(), where, "unit",
                      fmt::format("unknown unit '{}' (not among the units given)", s.unit));
    }
    const ParCriterion* c = m.find(s.criterion);
    if (!c) {
      throw DataError(
          scores.origin(), where, "criterion",
          fmt::format("unknown criterion '{}' (not in methodology '{}')", s.criterion, m.name()));
    }
    if (!c->leaf()) {
      throw DataError(
          scores.origin(), where, "criterion",
          fmt::format("'{}' has sub-criteria: score them, its points are their sum", s.criterion));
    }
    if (c->rule->kind != ParRuleKind::manual) {
      throw DataError(scores.origin(), where, "criterion",
                      fmt::format("'{}' is computed by its {} rule from '{}', not appraised",
                                  s.criterion, to_string(c->rule->kind), c->rule->metric));
    }
    if (!s.points) continue;
    if (*s.points > c->max + 1e-9) {
      throw DataError(
          scores.origin(), where, "points",
          fmt::format("{} is above the max {} of '{}'", num(*s.points), num(c->max), s.criterion));
    }
    if (*s.points < c->min - 1e-9) {
      throw DataError(
          scores.origin(), where, "points",
          fmt::format("{} is below the min {} of '{}'{}", num(*s.points), num(c->min), s.criterion,
                      c->min == 0 ? " (a deduction needs \"min\" in the methodology)" : ""));
    }
  }
}

void collect_manual(const std::vector<ParCriterion>& list, std::vector<std::string>& out) {
  for (const ParCriterion& c : list) {
    if (c.rule && c.rule->kind == ParRuleKind::manual) out.push_back(c.id);
    collect_manual(c.children, out);
  }
}

}  // namespace

std::vector<ParUnit> par_units(const UnitRegistry& registry) {
  std::vector<ParUnit> units;
  units.reserve(registry.size());
  for (UnitId id = 0; id < registry.size(); ++id) {
    const Unit& u = registry[id];
    units.push_back({u.code, u.name, u.level});
  }
  return units;
}

ParResult score_par(const ParMethodology& methodology, std::span<const ParUnit> units,
                    const MetricTable& metrics, const ParScores& scores) {
  methodology.check_metrics(metrics);

  std::vector<ParUnit> graded;
  std::set<std::string, std::less<>> given;
  ParResult result;
  result.methodology = methodology.name();
  result.version = methodology.version();
  result.example = methodology.example();
  const auto& levels = methodology.levels();
  const auto graded_level = [&](const std::string& level) {
    return levels.empty() || level.empty() ||
           std::find(levels.begin(), levels.end(), level) != levels.end();
  };
  if (units.empty()) {
    std::set<std::string> codes;
    for (const std::string& u : metrics.units()) codes.insert(u);
    for (const ParScore& s : scores.all()) codes.insert(s.unit);
    for (const std::string& code : codes) graded.push_back({code, "", ""});
    check_scores(methodology, scores, nullptr);
  } else {
    std::map<std::string, std::string, std::less<>> skipped;  // code → level
    for (const ParUnit& u : units) {
      if (!given.insert(u.code).second) {
        throw std::invalid_argument(fmt::format("score_par: unit '{}' given twice", u.code));
      }
      if (graded_level(u.level)) {
        graded.push_back(u);
      } else {
        skipped.emplace(u.code, u.level);
      }
    }
    check_scores(methodology, scores, &given);
    std::set<std::string> warned;
    for (const ParScore& s : scores.all()) {
      const auto it = skipped.find(s.unit);
      if (it != skipped.end() && warned.insert(s.unit).second) {
        result.warnings.push_back(fmt::format(
            "{}: scores of unit {} ignored: its level '{}' is not graded by this methodology",
            scores.origin(), s.unit, it->second));
      }
    }
  }

  for (const ParUnit& u : graded) {
    ParUnitResult r;
    r.unit = u;
    std::vector<std::string> unscored;
    Context ctx{metrics, scores, u.code, unscored};
    double points = 0, max = 0;
    for (const ParCriterion& field : methodology.criteria()) {
      r.fields.push_back(score(field, ctx));
      const ParCriterionResult& f = r.fields.back();
      add_parts(f, r);
      if (!f.applicable) continue;
      points += f.points;
      max += f.max;
    }
    r.points = round2(points);
    r.max = round2(max);
    r.self = {round2(r.self.points), round2(r.self.max)};
    r.survey = {round2(r.survey.points), round2(r.survey.max)};
    if (r.max > 0) r.index = round2(r.points / r.max * 100.0);
    if (!unscored.empty() && !scores.empty()) {
      std::string list;
      for (const std::string& id : unscored) list += (list.empty() ? "" : ", ") + id;
      result.warnings.push_back(
          fmt::format("unit {}: no score for {} manual criteri{} ({}): "
                      "counted as 0",
                      u.code, unscored.size(), unscored.size() == 1 ? "on" : "a", list));
    }
    result.units.push_back(std::move(r));
  }

  if (scores.empty() && !result.units.empty()) {
    std::vector<std::string> manual;
    collect_manual(methodology.criteria(), manual);
    if (!manual.empty()) {
      std::string list;
      for (const std::string& id : manual) list += (list.empty() ? "" : ", ") + id;
      result.warnings.push_back(
          fmt::format("no scores given: the {} manual criteri{} ({}) count 0 for every unit",
                      manual.size(), manual.size() == 1 ? "on" : "a", list));
    }
  }

  // 1224 ranking per level, on the index as published (2 decimals): equal published indices
  // share a rank whatever the digits beyond.
  std::vector<std::string> level_order;
  for (const ParUnitResult& r : result.units) {
    if (std::find(level_order.begin(), level_order.end(), r.unit.level) == level_order.end()) {
      level_order.push_back(r.unit.level);
    }
  }
  std::map<std::string, std::vector<ParUnitResult*>> by_level;
  for (ParUnitResult& r : result.units) {
    if (r.index) by_level[r.unit.level].push_back(&r);
  }
  for (auto& entry : by_level) {
    std::vector<ParUnitResult*>& group = entry.second;
    std::sort(group.begin(), group.end(),
              [](const ParUnitResult* a, const ParUnitResult* b) { return *a->index > *b->index; });
    for (std::size_t i = 0; i < group.size(); ++i) {
      // Equal published indices share the rank of the first of them.
      const bool tied = i > 0 && *group[i]->index == *group[i - 1]->index;
      group[i]->rank = tied ? *group[i - 1]->rank : i + 1;
      group[i]->ranked = group.size();
    }
  }
  const auto level_pos = [&](const std::string& level) {
    return std::find(level_order.begin(), level_order.end(), level) - level_order.begin();
  };
  std::stable_sort(result.units.begin(), result.units.end(),
                   [&](const ParUnitResult& a, const ParUnitResult& b) {
                     const auto la = level_pos(a.unit.level), lb = level_pos(b.unit.level);
                     if (la != lb) return la < lb;
                     if (a.rank.has_value() != b.rank.has_value()) return a.rank.has_value();
                     if (a.rank && *a.rank != *b.rank) return *a.rank < *b.rank;
                     return a.unit.code < b.unit.code;
                   });
  return result;
}

namespace {

using ojson = nlohmann::ordered_json;

ojson criterion_json(const ParCriterionResult& c) {
  ojson j;
  j["id"] = c.id;
  j["name"] = c.name;
  j["source"] = std::string(to_string(c.source));
  j["applicable"] = c.applicable;
  j["points"] = c.points;
  j["max"] = c.max;
  if (c.rule) {
    ojson rule;
    rule["kind"] = std::string(to_string(c.rule->kind));
    if (c.rule->kind != ParRuleKind::manual) {
      rule["metric"] = c.rule->metric;
      if (c.rule->kind == ParRuleKind::full_at || c.rule->kind == ParRuleKind::capped) {
        rule["threshold"] = c.rule->threshold_percent;
      }
      if (c.rule->kind == ParRuleKind::steps) {
        ojson steps = ojson::array();
        for (const ParStep& s : c.rule->steps) steps.push_back({s.at_least_percent, s.points});
        rule["steps"] = steps;
      }
      rule["when_empty"] = std::string(to_string(c.rule->when_empty));
    }
    j["rule"] = rule;
  }
  if (c.input) {
    ojson in;
    in["numerator"] = c.input->numerator;
    in["denominator"] = c.input->denominator;
    if (const auto v = c.input->value()) {
      in["percent"] = round2(*v);
    } else {
      in["percent"] = nullptr;
    }
    in["given"] = c.input_given;
    j["input"] = in;
  }
  if (c.rule && c.rule->kind == ParRuleKind::manual) {
    j["appraised"] = c.appraised;
    j["note"] = c.note;
  }
  j["explanation"] = c.explanation;
  if (!c.children.empty()) {
    ojson children = ojson::array();
    for (const ParCriterionResult& child : c.children) children.push_back(criterion_json(child));
    j["children"] = children;
  }
  return j;
}

}  // namespace

std::string to_json(const ParResult& result) {
  ojson doc;
  doc["methodology"] = {
      {"name", result.methodology}, {"version", result.version}, {"example", result.example}};
  ojson units = ojson::array();
  for (const ParUnitResult& u : result.units) {
    ojson j;
    j["unit"] = u.unit.code;
    j["name"] = u.unit.name;
    j["level"] = u.unit.level;
    if (u.index) {
      j["index"] = *u.index;
    } else {
      j["index"] = nullptr;
    }
    j["points"] = u.points;
    j["max"] = u.max;
    if (u.rank) {
      j["rank"] = *u.rank;
    } else {
      j["rank"] = nullptr;
    }
    j["ranked"] = u.ranked;
    j["self"] = {{"points", u.self.points}, {"max", u.self.max}};
    j["survey"] = {{"points", u.survey.points}, {"max", u.survey.max}};
    ojson fields = ojson::array();
    for (const ParCriterionResult& f : u.fields) fields.push_back(criterion_json(f));
    j["fields"] = fields;
    units.push_back(j);
  }
  doc["units"] = units;
  doc["warnings"] = result.warnings;
  return doc.dump(2) + "\n";
}

}  // namespace parmetrics
