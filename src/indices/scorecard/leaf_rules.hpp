#pragma once
// One leaf of a scorecard, scored by its rule: the closed table of rules (manual, linear, full_at,
// capped, steps, count_steps, choice, relative) with the explanation of every point.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <parmetrics/indices/scorecard/engine.hpp>

#include "indices/scorecard/exact.hpp"

namespace parmetrics::scorecard::detail {

using parmetrics::detail::Fraction;

/// The best value of a relative rule's metric among the units of one level.
struct Best {
  Fraction value{0, 1};
  std::string unit;
};

/// What a leaf needs besides its criterion.
struct LeafContext {
  const Methodology& methodology;
  const MetricTable& metrics;
  const Appraisals& appraisals;
  const Unit& unit;
  /// relative rules: (criterion id, level) → the best value.
  const std::map<std::pair<std::string, std::string>, Best>& bests;
  std::vector<std::string>& unscored;  ///< manual leaves of this unit without an appraisal
};

/// A scored leaf: the result a report prints, and the exact points it adds.
struct LeafScore {
  CriterionResult result;
  Fraction points{0, 1};  ///< exact
};

/// A criterion's result before scoring: its id, name, source, tags, rule and max.
CriterionResult result_of(const Criterion& c);

/// Scores a leaf (outcome, points, inputs, explanation); throws DataError when the unit's answer
/// to a choice rule is not listed, or a value cannot enter exact arithmetic.
LeafScore score_leaf(const Criterion& c, const LeafContext& ctx);

/// The exact value a relative rule compares: a rate's ratio or a count; nullopt when the unit has
/// none (0/0, or no value).
std::optional<Fraction> relative_value(const MetricTable& metrics, const std::string& unit,
                                       const std::string& metric);

/// A double as an exact fraction; throws DataError naming `what` when it cannot be one.
Fraction exact(double x, const std::string& what);

/// Exact arithmetic that falls back to a long double approximation at 10^-18 when 128 bits
/// overflow (values with many digits on both sides; not met with counts or decimal maxima).
Fraction mul(Fraction a, Fraction b);
Fraction div(Fraction a, Fraction b);
Fraction add(Fraction a, Fraction b);
Fraction sub(Fraction a, Fraction b);
/// a <=> b as -1, 0, 1.
int compare(Fraction a, Fraction b);

/// `f` rounded for display.
Shown shown(Fraction f, int decimals);

}  // namespace parmetrics::scorecard::detail
