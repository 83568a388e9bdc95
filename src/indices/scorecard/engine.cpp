#include <parmetrics/indices/scorecard/engine.hpp>

#include <parmetrics/text/number_format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include <parmetrics/error.hpp>

#include "indices/scorecard/leaf_rules.hpp"
#include "indices/scorecard/ranking.hpp"

namespace parmetrics::scorecard {

namespace {

using detail::Fraction;
namespace ex = parmetrics::detail;

const Fraction kZero{0, 1};

std::string num(double x) {
  return fmt::format("{}", x);
}

std::string joined(const std::vector<std::string>& list) {
  std::string s;
  for (const std::string& x : list) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// A criterion's result with the exact values its parent adds up.
struct Scored {
  CriterionResult result;
  Fraction summed{0, 1};  ///< shown points (rounded_items) or exact points (unrounded)
  Fraction max{0, 1};     ///< 0 when not applicable
};

// A scored leaf, kept for the sub-indices and the losses.
struct LeafTotal {
  const Criterion* criterion;
  Fraction summed, max, lost;
  Shown lost_shown;
};

class UnitScorer {
 public:
  UnitScorer(const Methodology& m, const detail::LeafContext& ctx) : m_(m), ctx_(ctx) {}

  Scored criterion(const Criterion& c) { return c.leaf() ? leaf(c) : node(c); }
  const std::vector<LeafTotal>& leaves() const { return leaves_; }

 private:
  const Methodology& m_;
  const detail::LeafContext& ctx_;
  std::vector<LeafTotal> leaves_;

  int d() const { return m_.decimals; }

  void show(CriterionResult& r, Fraction points, Fraction max) const {
    r.points_shown = detail::shown(points, d());
    r.points = r.points_shown.to_double();
    r.exact_points = ex::to_double(points);
    r.max_shown = detail::shown(max, d());
    r.lost_shown = {r.max_shown.scaled - r.points_shown.scaled, d()};
    r.exact_lost = ex::to_double(detail::sub(max, points));
  }

  Scored leaf(const Criterion& c) {
    detail::LeafScore ls = detail::score_leaf(c, ctx_);
    Scored s{std::move(ls.result), kZero, kZero};
    CriterionResult& r = s.result;
    const Fraction max = detail::exact(c.max, "the max of '" + c.id + "'");
    r.max_shown = detail::shown(kZero, d());
    r.points_shown = r.lost_shown = r.max_shown;
    if (r.outcome == Outcome::no_score) r.max_shown = detail::shown(max, d());
    if (r.outcome != Outcome::scored) return s;
    show(r, ls.points, max);
    // The portal and PAR add the points as shown, so that printed figures add up.
    s.summed = m_.totals == Totals::rounded_items
                   ? Fraction{r.points_shown.scaled, ex::pow10_128(d())}
                   : ls.points;
    s.max = max;
    leaves_.push_back({&c, s.summed, max, detail::sub(max, ls.points), r.lost_shown});
    return s;
  }

  Scored node(const Criterion& c) {
    Scored s{detail::result_of(c), kZero, kZero};
    CriterionResult& r = s.result;
    bool informational = true, missing = false, applicable = false;
    for (const Criterion& child : c.children) {
      Scored k = criterion(child);
      informational = informational && k.result.outcome == Outcome::informational;
      missing = missing || k.result.outcome == Outcome::no_score;
      if (k.result.outcome == Outcome::scored) {
        applicable = true;
        s.summed = detail::add(s.summed, k.summed);
        s.max = detail::add(s.max, k.max);
      }
      r.children.push_back(std::move(k.result));
    }
    r.max_shown = r.points_shown = r.lost_shown = detail::shown(kZero, d());
    if (informational) {
      r.outcome = Outcome::informational;
      r.max = 0;
      r.explanation = "not scored (max 0)";
    } else if (missing) {
      r.outcome = Outcome::no_score;
      r.max_shown = detail::shown(detail::exact(c.max, c.id), d());
      r.explanation = "a sub-criterion has no score";
    } else if (!applicable) {
      r.outcome = Outcome::not_applicable;
      r.applicable = false;
      r.max = 0;
      r.explanation = "no sub-criterion applies";
    } else {
      show(r, s.summed, s.max);
      r.max = r.max_shown.to_double();
      r.explanation = fmt::format("sum of {} sub-criteria", c.children.size());
    }
    if (r.outcome != Outcome::scored) s.summed = s.max = kZero;
    return s;
  }
};

// The sub-indices to compute: the self-assessment and survey parts (PAR INDEX reports both,
// even when nothing is a survey), then every pillar and free tag.
std::vector<Tag> part_tags(const Methodology& m) {
  std::vector<Tag> tags{{"source", "self"}, {"source", "survey"}};
  for (Tag& t : m.tag_values()) tags.push_back(std::move(t));
  return tags;
}

bool carries(const Criterion& c, const Tag& tag) {
  if (tag.key == "source") return to_string(c.source) == tag.value;
  return std::find(c.tags.begin(), c.tags.end(), tag) != c.tags.end();
}

Shown index_of(const Methodology& m, Fraction points, Fraction max) {
  const Fraction ratio = detail::div(points, max);
  return detail::shown(m.index == IndexScale::percent ? detail::mul(ratio, {100, 1}) : ratio,
                       m.index_decimals);
}

void add_parts(const Methodology& m, const std::vector<Tag>& tags,
               const std::vector<LeafTotal>& leaves, UnitResult& u) {
  for (const Tag& tag : tags) {
    Fraction points = kZero, max = kZero;
    for (const LeafTotal& l : leaves) {
      if (!carries(*l.criterion, tag)) continue;
      points = detail::add(points, l.summed);
      max = detail::add(max, l.max);
    }
    Part p{tag, 0, 0, detail::shown(points, m.decimals), detail::shown(max, m.decimals), {}};
    p.points = p.points_shown.to_double();
    p.max = p.max_shown.to_double();
    if (detail::compare(max, kZero) > 0) p.index = index_of(m, points, max);
    u.parts.push_back(std::move(p));
  }
}

void add_losses(const std::vector<LeafTotal>& leaves, UnitResult& u) {
  std::vector<const LeafTotal*> lost;
  for (const LeafTotal& l : leaves) {
    if (detail::compare(l.lost, kZero) > 0) lost.push_back(&l);
  }
  // Largest first; equal losses in the methodology's order.
  std::stable_sort(lost.begin(), lost.end(), [](const LeafTotal* a, const LeafTotal* b) {
    return detail::compare(a->lost, b->lost) > 0;
  });
  for (const LeafTotal* l : lost) {
    u.losses.push_back({l->criterion->id, l->criterion->name, l->lost_shown});
  }
}

void collect_manual(const std::vector<Criterion>& list, std::vector<std::string>& out) {
  for (const Criterion& c : list) {
    if (c.rule && c.rule->kind == RuleKind::manual && !c.informational()) out.push_back(c.id);
    collect_manual(c.children, out);
  }
}

void collect_relative(const std::vector<Criterion>& list, std::vector<const Criterion*>& out) {
  for (const Criterion& c : list) {
    // An informational leaf is never scored: it needs no best.
    if (c.rule && c.rule->kind == RuleKind::relative && !c.informational()) out.push_back(&c);
    collect_relative(c.children, out);
  }
}

// The best value of every relative rule's metric per level: what its points are relative to.
std::map<std::pair<std::string, std::string>, detail::Best> bests_of(const Methodology& m,
                                                                     const std::vector<Unit>& units,
                                                                     const MetricTable& metrics) {
  std::map<std::pair<std::string, std::string>, detail::Best> bests;
  std::vector<const Criterion*> relative;
  collect_relative(m.criteria, relative);
  for (const Criterion* c : relative) {
    for (const Unit& u : units) {
      const auto v = detail::relative_value(metrics, u.code, c->rule->metric);
      if (!v) continue;
      const auto [it, inserted] = bests.try_emplace({c->id, u.level}, detail::Best{*v, u.code});
      if (!inserted && detail::compare(*v, it->second.value) > 0) it->second = {*v, u.code};
    }
    // A level where nobody has a value still reads a best of 0.
    for (const Unit& u : units) bests.try_emplace({c->id, u.level}, detail::Best{kZero, ""});
  }
  return bests;
}

void check_appraisal(const Methodology& m, const Appraisals& appraisals, const Appraisal& s,
                     const std::set<std::string, std::less<>>* known_units) {
  const std::string where = s.line ? fmt::format("line {}", s.line) : std::string();
  const auto fail = [&](const char* field, std::string reason) {
    throw DataError(appraisals.origin(), where, field, std::move(reason));
  };
  if (known_units && !known_units->contains(s.unit)) {
    fail("unit", fmt::format("unknown unit '{}' (not among the units given)", s.unit));
  }
  const Criterion* c = m.find(s.criterion);
  if (!c) {
    fail("criterion",
         fmt::format("unknown criterion '{}' (not in methodology '{}')", s.criterion, m.name));
  }
  if (!c->leaf()) {
    fail("criterion",
         fmt::format("'{}' has sub-criteria: score them, its points are their sum", s.criterion));
  }
  if (c->rule->kind != RuleKind::manual) {
    fail("criterion", fmt::format("'{}' is computed by its {} rule from '{}', not appraised",
                                  s.criterion, to_string(c->rule->kind), c->rule->metric));
  }
  if (!s.points) return;
  const Fraction p = detail::exact(*s.points, "the points of '" + s.criterion + "'");
  if (detail::compare(p, detail::exact(c->max, c->id)) > 0) {
    fail("points",
         fmt::format("{} is above the max {} of '{}'", num(*s.points), num(c->max), s.criterion));
  }
  if (detail::compare(p, detail::exact(c->min, c->id)) < 0) {
    fail("points",
         fmt::format("{} is below the min {} of '{}'{}", num(*s.points), num(c->min), s.criterion,
                     c->min == 0 ? " (a deduction needs \"min\" in the methodology)" : ""));
  }
}

// The units graded: those given (of the methodology's levels), or every unit the inputs name.
std::vector<Unit> graded_units(const Methodology& m, const Inputs& in, Results& results) {
  std::vector<Unit> graded;
  if (in.units.empty()) {
    std::set<std::string> codes;
    for (const std::string& u : in.metrics.units()) codes.insert(u);
    for (const Appraisal& s : in.appraisals.all()) codes.insert(s.unit);
    for (const std::string& code : codes) graded.push_back({code, "", ""});
    return graded;
  }
  std::map<std::string, std::string, std::less<>> skipped;  // code → level
  std::set<std::string, std::less<>> seen;
  for (const Unit& u : in.units) {
    if (!seen.insert(u.code).second) {
      throw DataError("", fmt::format("unit '{}'", u.code), "unit", "the unit is given twice");
    }
    const bool graded_level =
        m.levels.empty() || u.level.empty() ||
        std::find(m.levels.begin(), m.levels.end(), u.level) != m.levels.end();
    if (graded_level) {
      graded.push_back(u);
    } else {
      skipped.emplace(u.code, u.level);
    }
  }
  std::set<std::string> warned;
  for (const Appraisal& s : in.appraisals.all()) {
    const auto it = skipped.find(s.unit);
    if (it != skipped.end() && warned.insert(s.unit).second) {
      results.warnings.push_back(fmt::format(
          "{}: scores of unit {} ignored: its level '{}' is not graded by this methodology",
          in.appraisals.origin(), s.unit, it->second));
    }
  }
  return graded;
}

UnitResult score_unit(const Methodology& m, const Inputs& in, const Unit& unit,
                      const std::map<std::pair<std::string, std::string>, detail::Best>& bests,
                      const std::vector<Tag>& tags, Results& results) {
  std::vector<std::string> unscored;
  const detail::LeafContext ctx{m, in.metrics, in.appraisals, unit, bests, unscored};
  UnitScorer scorer(m, ctx);
  UnitResult u;
  u.unit = unit;
  Fraction points = kZero, max = kZero;
  for (const Criterion& c : m.criteria) {
    Scored s = scorer.criterion(c);
    if (s.result.outcome == Outcome::no_score) u.complete = false;
    points = detail::add(points, s.summed);
    max = detail::add(max, s.max);
    u.criteria.push_back(std::move(s.result));
  }
  u.points_shown = detail::shown(points, m.decimals);
  u.max_shown = detail::shown(max, m.decimals);
  u.points = u.points_shown.to_double();
  u.exact_points = ex::to_double(points);
  u.max = u.max_shown.to_double();
  if (u.complete && detail::compare(max, kZero) > 0) u.index = index_of(m, points, max);
  add_parts(m, tags, scorer.leaves(), u);
  add_losses(scorer.leaves(), u);
  if (!unscored.empty() && !in.appraisals.empty()) {
    results.warnings.push_back(
        fmt::format("unit {}: no score for {} manual criteri{} ({}): counted as 0", unit.code,
                    unscored.size(), unscored.size() == 1 ? "on" : "a", joined(unscored)));
  }
  return u;
}

std::optional<std::int64_t> figure(const Methodology& m, const UnitResult& u) {
  if (!u.complete) return std::nullopt;
  if (m.basis == Basis::points) return u.points_shown.scaled;
  if (!u.index) return std::nullopt;
  return u.index->scaled;
}

void grade(const Methodology& m, UnitResult& u) {
  const auto f = figure(m, u);
  if (!f) return;
  const int d = m.basis == Basis::points ? m.decimals : m.index_decimals;
  const Fraction shown{*f, ex::pow10_128(d)};
  for (const Grade& g : m.grades) {
    if (detail::compare(shown, detail::exact(g.at_least, "a grade")) >= 0) {
      u.grade = g.name;
      return;
    }
  }
}

}  // namespace

std::string Shown::to_string() const {
  return ex::format_scaled(scaled, decimals);
}

std::string Shown::to_string(Language language) const {
  return language == Language::vi ? format_decimal(scaled, decimals, language) : to_string();
}

double Shown::to_double() const noexcept {
  double unit = 1;
  for (int i = 0; i < decimals && i < 18; ++i) unit *= 10;
  return static_cast<double>(scaled) / unit;
}

const Part& part(const UnitResult& u, std::string_view key, std::string_view value) {
  for (const Part& p : u.parts) {
    if (p.tag.key == key && p.tag.value == value) return p;
  }
  throw ArgumentError("scorecard::part",
                      fmt::format("no part {}: {} in the results of {}", key, value, u.unit.code));
}

void validate(const Methodology& m, const Inputs& in) {
  validate(m);  // a methodology built in code is checked as a file's is
  check_metrics(m, in.metrics);
  std::set<std::string, std::less<>> known;
  for (const Unit& u : in.units) known.insert(u.code);
  for (const Appraisal& s : in.appraisals.all()) {
    check_appraisal(m, in.appraisals, s, in.units.empty() ? nullptr : &known);
  }
}

Results score(const Methodology& m, const Inputs& in) {
  validate(m, in);
  Results results;
  results.methodology = m.name;
  results.version = m.version;
  results.example = m.example;
  const std::vector<Unit> units = graded_units(m, in, results);
  const auto bests = bests_of(m, units, in.metrics);
  const std::vector<Tag> tags = part_tags(m);
  for (const Unit& u : units) results.units.push_back(score_unit(m, in, u, bests, tags, results));
  std::vector<std::string> manual;
  collect_manual(m.criteria, manual);
  if (in.appraisals.empty() && !results.units.empty() && !manual.empty()) {
    results.warnings.push_back(
        fmt::format("no scores given: the {} manual criteri{} ({}) count 0 for every unit",
                    manual.size(), manual.size() == 1 ? "on" : "a", joined(manual)));
  }
  rank(m, results.units);
  return results;
}

void rank(const Methodology& m, std::span<UnitResult> units) {
  std::vector<ex::RankEntry> entries;
  entries.reserve(units.size());
  for (const UnitResult& u : units) entries.push_back({u.unit.level, figure(m, u)});
  const std::vector<ex::RankPlace> places = ex::rank_1224(entries);
  for (std::size_t i = 0; i < units.size(); ++i) {
    units[i].rank = places[i].rank;
    units[i].ranked = places[i].ranked;
    units[i].grade.clear();
    grade(m, units[i]);
  }
}

void sort_by_level_and_rank(std::vector<UnitResult>& units) {
  std::vector<std::string> levels;
  for (const UnitResult& u : units) {
    if (std::find(levels.begin(), levels.end(), u.unit.level) == levels.end()) {
      levels.push_back(u.unit.level);
    }
  }
  const auto level_pos = [&](const std::string& level) {
    return std::find(levels.begin(), levels.end(), level) - levels.begin();
  };
  std::stable_sort(units.begin(), units.end(), [&](const UnitResult& a, const UnitResult& b) {
    const auto la = level_pos(a.unit.level), lb = level_pos(b.unit.level);
    if (la != lb) return la < lb;
    if (a.rank.has_value() != b.rank.has_value()) return a.rank.has_value();
    if (a.rank && *a.rank != *b.rank) return *a.rank < *b.rank;
    return a.unit.code < b.unit.code;
  });
}

}  // namespace parmetrics::scorecard
