#pragma once
// PAR INDEX scoring: every unit's points per criterion, with the rule and the inputs behind each
// number, subtotals per field, the self-assessment and survey parts, the index (points /
// applicable max × 100) and the rank among units of the same level — the scorecard engine
// (indices/scorecard/engine.hpp) under its PAR names.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/par_methodology.hpp>
#include <parmetrics/indices/par_scores.hpp>
#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

/// A unit to grade. Units are ranked against units of the same level.
using ParUnit = scorecard::Unit;

/// The units of a registry, in registry order.
PARMETRICS_API std::vector<ParUnit> par_units(const UnitRegistry& registry);
/// The units valid during [from, to] (a unit created after or ended before the period is not
/// graded), in registry order, each named as on the last day of the period it was valid.
PARMETRICS_API std::vector<ParUnit> par_units(const UnitRegistry& registry, DayNumber from,
                                              DayNumber to);

/// A criterion's points (2 decimals; a parent's: the sum of its children's), applicable max,
/// rule, inputs and explanation.
using ParCriterionResult = scorecard::CriterionResult;

struct ParPart {
  double points = 0;
  double max = 0;
};

struct ParUnitResult {
  ParUnit unit;
  /// The fields (top-level criteria) with their subtrees: the subtotals per field.
  std::vector<ParCriterionResult> fields;
  double points = 0;
  double max = 0;  ///< applicable max
  ParPart self;    ///< self-assessment leaves
  ParPart survey;  ///< survey leaves
  /// points / max × 100, 2 decimals; nullopt when no criterion applies (max 0).
  std::optional<double> index;
  /// 1224 ranking by index among units of the same level (equal indices share the best rank,
  /// the next rank skips); nullopt when the index is.
  std::optional<std::size_t> rank;
  std::size_t ranked = 0;  ///< units with a rank at this level
};

struct ParResult {
  std::string methodology;
  std::string version;
  bool example = false;
  /// By level (in order of first appearance among the units), then rank (unranked last), then
  /// code.
  std::vector<ParUnitResult> units;
  /// Not errors, but worth reading: manual criteria left without a score, scores of units the
  /// methodology does not grade.
  std::vector<std::string> warnings;
  /// The engine's results, in the same order: what the report formats print.
  scorecard::Results engine;
};

/// Grades `units` (all of them; when empty, every unit named by `metrics` or `scores`, level
/// unknown). A methodology with `levels` grades only units of those levels (units of unknown
/// level included). Throws DataError naming the methodology when a rule's metric is unknown to
/// `metrics` or is a count; naming the scores file and line when a score names an unknown unit
/// or criterion, a criterion that is not manual, or points outside [min, max].
PARMETRICS_API ParResult score_par(const ParMethodology& methodology,
                                   std::span<const ParUnit> units, const MetricTable& metrics,
                                   const ParScores& scores);

/// The result as JSON (documented in docs/par-index.md).
PARMETRICS_API std::string to_json(const ParResult& result);

}  // namespace parmetrics
