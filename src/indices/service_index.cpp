// The QĐ 766 service index scored by the scorecard engine: counts become the rates of a metric
// table, the methodology a scorecard (to_scorecard), and the engine's results the items, groups
// and totals the index's reports show.

#include <parmetrics/indices/service_index.hpp>

#include <fmt/format.h>

#include <set>

#include <parmetrics/error.hpp>

#include "indices/scorecard/ranking.hpp"

namespace parmetrics {

namespace {

constexpr std::string_view kCountsSource = "qd766 counts";

void check_counts(const ServiceIndexMethodology& m, const UnitCounts& counts) {
  const std::string where = fmt::format("unit '{}'", counts.unit);
  for (const auto& [code, c] : counts.items) {
    if (m.find_item(code) == nullptr) {
      throw DataError("", where, code, "is not an item of the methodology");
    }
    if (c.denominator > kMaxItemCount) {
      throw DataError(
          "", where, code,
          fmt::format("denominator {} is above the limit {}", c.denominator, kMaxItemCount));
    }
    if (c.numerator > c.denominator) {
      throw DataError("", where, code,
                      fmt::format("numerator {} is larger than the denominator {}", c.numerator,
                                  c.denominator));
    }
  }
}

// The shown score, max and loss of an item or a group.
template <typename Score>
void copy_shown(const scorecard::CriterionResult& r, Score& s) {
  s.score_shown = r.points_shown;
  s.max_shown = r.max_shown;
  s.lost_shown = r.lost_shown;
}

ItemScore item_score(const scorecard::CriterionResult& r, const std::string& group,
                     const UnitCounts& counts) {
  ItemScore s;
  s.code = r.id;
  s.group = group;
  if (r.outcome == scorecard::Outcome::no_score) {
    s.given = false;
    return s;
  }
  const ItemCounts c = counts.items.find(r.id)->second;
  s.numerator = c.numerator;
  s.denominator = c.denominator;
  if (c.denominator != 0) {
    s.ratio = static_cast<double>(c.numerator) / static_cast<double>(c.denominator);
    s.ratio_percent = r.input_percent;
  }
  s.by_zero_denominator = c.denominator == 0;
  s.score = r.exact_points;
  s.max = r.max;
  s.lost = r.exact_lost;
  copy_shown(r, s);
  return s;
}

GroupScore group_score(const scorecard::CriterionResult& r, const ServiceIndexGroup& group) {
  GroupScore g;
  g.code = group.code;
  g.name = group.name;
  g.complete = r.outcome != scorecard::Outcome::no_score;
  g.score = r.exact_points;
  g.max = group.max;
  copy_shown(r, g);
  return g;
}

UnitScore unit_score(const ServiceIndexMethodology& m, const scorecard::UnitResult& u,
                     const UnitCounts& counts) {
  UnitScore out;
  out.unit = counts.unit;
  out.name = counts.name;
  out.level = counts.level;
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const scorecard::CriterionResult& group = u.criteria[g];
    for (const scorecard::CriterionResult& item : group.children) {
      out.items.push_back(item_score(item, m.groups[g].code, counts));
    }
    out.groups.push_back(group_score(group, m.groups[g]));
  }
  out.complete = u.complete;
  out.total = u.exact_points;
  out.total_shown = u.points_shown;
  out.grade = u.grade;
  for (const scorecard::Loss& loss : u.losses) {
    for (std::size_t i = 0; i < out.items.size(); ++i) {
      if (out.items[i].code == loss.id) out.losses.push_back(i);
    }
  }
  return out;
}

void declare_items(MetricTable& table, const ServiceIndexMethodology& m) {
  for (const auto& g : m.groups) {
    for (const auto& i : g.items) table.declare(i.code, MetricKind::rate, kCountsSource);
  }
}

void set_counts(MetricTable& table, const UnitCounts& counts) {
  for (const auto& [code, c] : counts.items) {
    table.set(counts.unit, code, static_cast<double>(c.numerator),
              static_cast<double>(c.denominator));
  }
}

// Units through the engine in one run, the methodology converted once; ranks left to the caller.
std::vector<UnitScore> score_all(const ServiceIndexMethodology& m,
                                 std::span<const UnitCounts> counts) {
  MetricTable table;
  declare_items(table, m);
  std::vector<scorecard::Unit> units;
  units.reserve(counts.size());
  for (const UnitCounts& c : counts) {
    check_counts(m, c);
    set_counts(table, c);
    units.push_back({c.unit, c.name, c.level});
  }
  const scorecard::Results r =
      scorecard::score(to_scorecard(m), {units, table, scorecard::Appraisals()});
  std::vector<UnitScore> out;
  out.reserve(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out.push_back(unit_score(m, r.units[i], counts[i]));
    out.back().rank = out.back().ranked = 0;
  }
  return out;
}

}  // namespace

UnitScore score_unit(const ServiceIndexMethodology& m, const UnitCounts& counts) {
  return std::move(score_all(m, std::span(&counts, 1)).front());
}

void rank_units(std::span<UnitScore> units) {
  std::vector<detail::RankEntry> entries;
  entries.reserve(units.size());
  for (const UnitScore& u : units) {
    entries.push_back({u.level, u.complete ? std::optional(u.total_shown.scaled) : std::nullopt});
  }
  const std::vector<detail::RankPlace> places = detail::rank_1224(entries);
  for (std::size_t i = 0; i < units.size(); ++i) {
    units[i].rank = places[i].rank.value_or(0);
    units[i].ranked = places[i].ranked;
  }
}

std::vector<UnitScore> score_units(const ServiceIndexMethodology& methodology,
                                   std::span<const UnitCounts> counts) {
  std::set<std::string_view> seen;
  for (const UnitCounts& c : counts) {
    if (!seen.insert(c.unit).second) {
      throw DataError("", fmt::format("unit '{}'", c.unit), "unit", "duplicate unit code");
    }
  }
  std::vector<UnitScore> out = score_all(methodology, counts);
  rank_units(out);
  return out;
}

void add_service_index_metrics(MetricTable& table, const ServiceIndexMethodology& methodology,
                               std::span<const UnitCounts> counts) {
  for (const UnitCounts& c : counts) check_counts(methodology, c);
  declare_items(table, methodology);
  for (const UnitCounts& c : counts) set_counts(table, c);
}

}  // namespace parmetrics
