#pragma once
// Scoring units by a scorecard methodology (QĐ 766, PAR INDEX, DTI, a province's own): every
// criterion's points with the rule and the inputs behind them, subtotals per node, sub-indices per
// tag (DTI's pillars, PAR's self-assessment and survey parts), the index, the grade, the rank among
// units of the same level ("1224") and the points lost per leaf, largest first.
//
// One protocol, as a pricing engine's (QuantLib's validate → calculate → results): validate()
// checks the inputs against the methodology, score() computes, and the Results carry everything
// a report prints. Arithmetic is exact (fractions of 128-bit integers): points are rounded half
// away from zero once, for display.
//
// Thread-safety: score() is safe to call concurrently on const inputs (the methodology, the
// metrics, the appraisals are only read); results are values.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/scorecard/appraisals.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics::scorecard {

/// A unit to grade. Units are ranked against units of the same level.
struct Unit {
  std::string code;
  std::string name;
  std::string level;  ///< empty when unknown: such units form one group
};

/// A value rounded for display: scaled / 10^decimals (17.50 = {1750, 2}).
struct Shown {
  std::int64_t scaled = 0;
  int decimals = 2;

  PARMETRICS_API std::string to_string() const;  ///< "17.50", "-0.25"
  /// As `language` writes it: "1.017,50" (vi), "1017.50" (en: as to_string()).
  PARMETRICS_API std::string to_string(Language language) const;
  PARMETRICS_API double to_double() const noexcept;
  friend bool operator==(const Shown&, const Shown&) = default;
};

/// What happened to a criterion for a unit.
enum class Outcome : unsigned char {
  scored,          ///< points computed (or summed from the children)
  not_applicable,  ///< when_empty not_applicable, n/a in the appraisals, or no child applies
  informational,   ///< max 0: shown, never scored
  no_score,        ///< a metric not given under WhenMissing::no_score, or a child without score
};

struct CriterionResult {
  std::string id;
  std::string name;
  Source source = Source::self;
  std::vector<Tag> tags;
  std::optional<Rule> rule;  ///< leaves
  bool unsure = false;       ///< the methodology marks its max or rule as not confirmed
  Outcome outcome = Outcome::scored;
  /// False when not applicable (its max leaves the unit's total); true otherwise.
  bool applicable = true;
  /// Points as shown (rounded to the methodology's decimals; a node's: the sum its totals rule
  /// makes). 0 when not scored.
  double points = 0;
  /// The max, or 0 when not applicable (a node's: the sum of its applicable children's).
  double max = 0;
  double exact_points = 0;  ///< before rounding (a node's: as summed)
  double exact_lost = 0;    ///< max − exact points
  Shown points_shown, max_shown;
  Shown lost_shown;  ///< shown max − shown points, so that each row adds up
  /// The metric value a metric rule read (a rate, a count or an answer).
  std::optional<MetricValue> input;
  bool input_given = false;            ///< set for the unit (false: defaulted to empty)
  std::optional<Shown> input_percent;  ///< a rate's percent, when not 0/0
  bool by_when_empty = false;          ///< the points came from when_empty
  /// relative: the best value of the level and the unit that has it.
  std::optional<double> best;
  std::string best_unit;
  bool appraised = false;   ///< manual: a row of the appraisals was found
  std::string note;         ///< the appraisal's note
  std::string explanation;  ///< how the points were obtained, one line
  std::vector<CriterionResult> children;
};

/// A sub-index: the leaves that carry one tag value (a pillar, a source).
struct Part {
  Tag tag;  ///< {"source", "self"}, {"pillar", "Chính quyền số"}, …
  double points = 0;
  double max = 0;
  Shown points_shown, max_shown;
  std::optional<Shown> index;  ///< nullopt when nothing applies
};

/// A leaf that lost points: max − points, largest first.
struct Loss {
  std::string id;
  std::string name;
  Shown lost;
};

struct UnitResult {
  Unit unit;
  std::vector<CriterionResult> criteria;  ///< the top-level criteria with their subtrees
  /// False when some criterion has no score (WhenMissing::no_score): no total, grade or rank.
  bool complete = true;
  double points = 0;        ///< as shown
  double exact_points = 0;  ///< as summed, before rounding
  double max = 0;           ///< applicable max
  Shown points_shown, max_shown;
  /// points / max × 100 (or × 1 for a fraction); nullopt when nothing applies or incomplete.
  std::optional<Shown> index;
  /// 1224 ranking among the units of the same level on the basis figure as shown; nullopt
  /// without an index (or points when the basis is points).
  std::optional<std::size_t> rank;
  std::size_t ranked = 0;  ///< units with a rank at this level
  std::string grade;       ///< empty: no bands, or no figure to grade
  /// The self-assessment and survey parts (source: self, survey), then one per pillar and free
  /// tag value of the methodology, in tag_values() order.
  std::vector<Part> parts;
  std::vector<Loss> losses;
};

struct Results {
  std::string methodology;
  std::string version;
  bool example = false;
  std::vector<UnitResult> units;  ///< in the order the units were given
  /// Not errors, but worth reading: manual criteria left without points, appraisals of units the
  /// methodology does not grade.
  std::vector<std::string> warnings;
};

struct Inputs {
  /// The units to grade; when empty, every unit named by the metrics or the appraisals, in code
  /// order, as one group of unknown level. A methodology with `levels` grades only units of those
  /// levels (and of unknown level).
  std::span<const Unit> units;
  const MetricTable& metrics;
  const Appraisals& appraisals;
};

/// The sub-index of one tag value: part(u, "source", "survey"), part(u, "pillar", "Kinh tế số").
/// Throws Error when the methodology has no such tag value (a programming error).
PARMETRICS_API const Part& part(const UnitResult& u, std::string_view key, std::string_view value);

/// Checks the inputs against the methodology: every rule's metric declared and of the kind the
/// rule reads; every appraisal of a unit given (when units are), of a manual leaf that exists,
/// within its [min, max]. Throws DataError naming the methodology (rule path) or the appraisals
/// file and line.
PARMETRICS_API void validate(const Methodology& m, const Inputs& inputs);

/// validate(), then scores and ranks every unit. Throws DataError when a unit's answer is not
/// among a choice rule's answers (naming the unit), a value cannot enter exact arithmetic, or a
/// unit is given twice.
PARMETRICS_API Results score(const Methodology& m, const Inputs& inputs);

/// Ranks and grades units in place: 1224 ranking among those of the same level on the shown basis
/// figure (equal figures share the best rank, the next rank skips), and the first grade band the
/// figure reaches. Units without the figure get neither.
PARMETRICS_API void rank(const Methodology& m, std::span<UnitResult> units);

/// Orders results as ranking lists read: by level (in order of first appearance), then rank
/// (unranked last), then code.
PARMETRICS_API void sort_by_level_and_rank(std::vector<UnitResult>& units);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of an Outcome: "scored", …
PARMETRICS_API std::string_view to_string(Outcome value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Outcome value);
/// Writes as to_string(): "17.50".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const Shown& value);

}  // namespace parmetrics::scorecard
