#pragma once
// A scorecard methodology (bộ chỉ số, phương pháp chấm điểm): the one model behind the QĐ 766
// service index, PAR INDEX and the Digital Transformation Index (DTI). A tree of criteria of any
// depth — fields (lĩnh vực), criteria (tiêu chí), sub-criteria (tiêu chí thành phần) — each with
// a maximum, optional tags (source: self / survey; pillar; free tags) and, on a leaf, one rule
// from a closed set. Loaded from a JSON file (docs/scorecards.md) so that each province grades
// with its own version; scored by engine.hpp.
//
// Thread-safety: a Methodology is a value; parse(), load() and validate() share nothing and may run
// concurrently.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <parmetrics/export.hpp>

namespace parmetrics {

class MetricTable;

namespace scorecard {

/// Where a criterion's points come from: the unit's appraised self-assessment (tự đánh giá,
/// thẩm định) or a sociological survey (điều tra xã hội học).
enum class Source : unsigned char { self, survey };

/// The closed set of leaf rules (one table, as JsonLogic's operations: anything else is refused).
enum class RuleKind : unsigned char {
  manual,       ///< appraised points from the appraisals file (điểm thẩm định)
  linear,       ///< max × ratio
  full_at,      ///< max when ratio ≥ threshold %, else 0
  capped,       ///< min(max, max × ratio / threshold %)
  steps,        ///< the points of the highest step the ratio reaches
  count_steps,  ///< the points of the highest step a count reaches ("met 4 times → 20")
  choice,       ///< the points of a categorical answer ("the chairman heads it → max")
  relative,     ///< max × value / the best value among units of the same level
};

/// What a metric rule gives when the unit's metric has no event (a rate of 0/0: no late dossier
/// to apologise for) or no value (a count or an answer the unit did not report).
enum class WhenEmpty : unsigned char {
  zero,            ///< 0 points (the default, as the QĐ 766 profile scores a zero denominator)
  full,            ///< the maximum
  not_applicable,  ///< the criterion leaves the unit's total: its max is not counted
};

/// How a node's points and the total are added up.
enum class Totals : unsigned char {
  /// The leaves' points as shown (rounded) are added, so that printed figures add up (PAR INDEX;
  /// the national portal's QĐ 766 group scores). The default of scorecard files.
  rounded_items,
  /// The exact points are added and the sum rounded once (QĐ 766 files by default).
  unrounded,
};

/// How the index is written: points / max × 100 (PAR INDEX: 82.50) or points / max (DTI: 0.5808).
enum class IndexScale : unsigned char { percent, fraction };

/// The figure that ranks and grades units: the index (PAR, DTI) or the points (the QĐ 766
/// portal ranks on its 100-point total).
enum class Basis : unsigned char { index, points };

/// What a unit without a value for a rule's metric gets: the rule's when_empty (a commune that
/// received no dossier reads 0/0), or no score — the criterion, its ancestors and the total stay
/// empty and the unit is not ranked (QĐ 766 counts that leave an item out, issue 12).
enum class WhenMissing : unsigned char { empty, no_score };

PARMETRICS_API std::string_view to_string(Source source) noexcept;
PARMETRICS_API std::string_view to_string(RuleKind kind) noexcept;
PARMETRICS_API std::string_view to_string(WhenEmpty when) noexcept;

/// A step on a ratio: at least `at_least_percent` % earns `points`.
struct Step {
  double at_least_percent = 0;
  double points = 0;
};

/// A step on a count: at least `at_least_count` earns `points`.
struct CountStep {
  double at_least_count = 0;
  double points = 0;
};

/// A step of either kind: its threshold (a percent or a count) and its points.
struct StepPoints {
  double at_least = 0;
  double points = 0;
};

struct Rule {
  RuleKind kind = RuleKind::manual;
  std::string metric;                                   ///< every kind but manual
  double threshold_percent = 0;                         ///< full_at, capped
  std::vector<Step> steps;                              ///< steps: thresholds strictly increasing
  std::vector<CountStep> count_steps;                   ///< count_steps: strictly increasing
  std::vector<std::pair<std::string, double>> choices;  ///< choice: answer → points, file order
  WhenEmpty when_empty = WhenEmpty::zero;
};

/// A free tag ("area": "urban") or a pillar (trụ cột) of the criterion's subtree.
struct Tag {
  std::string key;
  std::string value;
  friend bool operator==(const Tag&, const Tag&) = default;
};

struct Criterion {
  std::string id;
  std::string name;
  std::string description;
  double max = 0;
  /// The lowest points (≤ 0); below 0 only for deductions (điểm trừ).
  double min = 0;
  /// Given or inherited from the parent (top-level criteria default to self).
  Source source = Source::self;
  /// Pillars (key "pillar") and free tags, given or inherited; a pillar may be given as a list (a
  /// DTI foundation indicator belongs to all three pillars).
  std::vector<Tag> tags;
  /// The maximum or the rule is not confirmed in a primary source (docs list them).
  bool unsure = false;
  std::optional<Rule> rule;  ///< leaves only
  std::vector<Criterion> children;
  /// Where the criterion is in its file ("$.criteria[2].children[0]"), for messages.
  std::string path;

  bool leaf() const noexcept { return children.empty(); }
  /// Max 0 and min 0: shown with its input, never scored (DTI's đô thị thông minh).
  bool informational() const noexcept { return max == 0 && min == 0; }
};

/// A grade band (xếp loại): a figure at or above `at_least` earns `name`.
struct Grade {
  double at_least = 0;
  std::string name;
};

struct Methodology {
  std::string origin;  ///< the file, for messages
  std::string name;
  std::string version;
  std::string description;
  bool example = false;  ///< a template to adapt, not a province's adopted methodology
  /// Unit levels the methodology grades ("department", "district"…); empty = any.
  std::vector<std::string> levels;
  int decimals = 2;        ///< of points as shown (0–6), rounded half away from zero
  int index_decimals = 2;  ///< of the index as shown (0–6)
  IndexScale index = IndexScale::percent;
  Totals totals = Totals::rounded_items;
  Basis basis = Basis::index;
  WhenMissing when_missing = WhenMissing::empty;
  /// Bands by descending `at_least`, on the basis figure; empty = no grades.
  std::vector<Grade> grades;
  std::vector<Criterion> criteria;

  /// Sum of the top-level maxima.
  PARMETRICS_API double max() const noexcept;
  /// The criterion with this id, at any depth; nullptr when none.
  PARMETRICS_API const Criterion* find(std::string_view id) const noexcept;
  /// Every (key, value) of the tags, in the order they first appear (depth first).
  PARMETRICS_API std::vector<Tag> tag_values() const;
};

/// The steps of a steps or count_steps rule, in their order (empty for other kinds).
PARMETRICS_API std::vector<StepPoints> step_points(const Rule& rule);

/// Parses and checks a methodology file: the scorecard format (`"format":
/// "parmetrics-scorecard"`, docs/scorecards.md), the older PAR form without a format key
/// (docs/par-index.md), which knows the rules manual, linear, full_at, capped and steps, or a QĐ
/// 766 file (`"format": "parmetrics-index766-methodology"`, read by its own loader and converted
/// by to_scorecard, docs/index766.md). Throws
/// DataError(origin, JSON path, field, reason) on invalid JSON, a missing, mistyped or unknown
/// field, a duplicate id, a parent whose max differs from the sum of its children's, an unknown
/// rule kind, a rule on a parent or none on a leaf, a threshold outside (0, 100], steps whose
/// thresholds repeat or whose points are outside [min, max], an unknown when_empty, a min above 0,
/// more than 6 decimals in a maximum, grades that repeat or lie outside the index's range.
PARMETRICS_API Methodology parse_methodology(std::string_view json, std::string_view origin);
PARMETRICS_API Methodology load_methodology(const std::filesystem::path& file);

/// Checks a methodology built in code by the parser's rules (sums, ranges, steps, grades);
/// throws DataError naming `m.origin` and the criterion's path.
PARMETRICS_API void validate(const Methodology& m);

/// Checks every metric rule against the metrics `table` declares: throws DataError naming the
/// rule's JSON path when its metric is unknown (listing the known ones) or of a kind the rule
/// cannot read (a linear rule needs a rate, count_steps a count, choice an answer).
PARMETRICS_API void check_metrics(const Methodology& m, const MetricTable& table);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a Basis: "index", …
PARMETRICS_API std::string_view to_string(Basis value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Basis value);
/// The name of an IndexScale: "percent", …
PARMETRICS_API std::string_view to_string(IndexScale value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, IndexScale value);
/// The name of a Totals: "rounded_items", …
PARMETRICS_API std::string_view to_string(Totals value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Totals value);
/// The name of a WhenMissing: "empty", …
PARMETRICS_API std::string_view to_string(WhenMissing value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, WhenMissing value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, RuleKind value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Source value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, WhenEmpty value);

}  // namespace scorecard

}  // namespace parmetrics
