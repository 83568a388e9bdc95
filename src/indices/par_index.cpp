// PAR INDEX scoring: the scorecard engine's results under their PAR names.

#include <parmetrics/indices/par_index.hpp>

#include <algorithm>

#include <parmetrics/indices/scorecard/output.hpp>

namespace parmetrics {

namespace {

ParPart part_of(const scorecard::UnitResult& u, std::string_view source) {
  const scorecard::Part& p = scorecard::part(u, "source", source);
  return {p.points, p.max};
}

ParUnitResult par_unit(const scorecard::UnitResult& u) {
  ParUnitResult r;
  r.unit = u.unit;
  r.fields = u.criteria;
  r.points = u.points;
  r.max = u.max;
  r.self = part_of(u, "self");
  r.survey = part_of(u, "survey");
  if (u.index) r.index = u.index->to_double();
  r.rank = u.rank;
  r.ranked = u.ranked;
  return r;
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

std::vector<ParUnit> par_units(const UnitRegistry& registry, DayNumber from, DayNumber to) {
  std::vector<ParUnit> units;
  for (UnitId id = 0; id < registry.size(); ++id) {
    const Unit& u = registry[id];
    if (u.valid_to < from || u.valid_from > to) continue;
    units.push_back({u.code, std::string(registry.name_on(id, std::min(to, u.valid_to))), u.level});
  }
  return units;
}

ParResult score_par(const ParMethodology& methodology, std::span<const ParUnit> units,
                    const MetricTable& metrics, const ParScores& scores) {
  ParResult result;
  result.engine = scorecard::score(methodology.methodology(), {units, metrics, scores});
  scorecard::sort_by_level_and_rank(result.engine.units);
  result.methodology = result.engine.methodology;
  result.version = result.engine.version;
  result.example = result.engine.example;
  result.warnings = result.engine.warnings;
  for (const scorecard::UnitResult& u : result.engine.units) result.units.push_back(par_unit(u));
  return result;
}

std::string to_json(const ParResult& result) {
  return scorecard::results_json(result.engine, scorecard::Report::par);
}

}  // namespace parmetrics
