#pragma once
// A PAR INDEX methodology (Chỉ số cải cách hành chính): the tree of fields (lĩnh vực), criteria
// (tiêu chí) and sub-criteria (tiêu chí thành phần) with their maxima and scoring rules, loaded
// from a JSON file (docs/par-index.md) so that each province can grade with its own version.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>

namespace parmetrics {

class MetricTable;

/// Where a criterion's points come from: the unit's appraised self-assessment (tự đánh giá, thẩm
/// định) or the sociological survey (điều tra xã hội học).
enum class ParSource : unsigned char { self, survey };

enum class ParRuleKind : unsigned char {
  manual,   ///< appraised points from a scores file
  linear,   ///< max × ratio
  full_at,  ///< max when ratio ≥ threshold %, else 0
  capped,   ///< min(max, max × ratio / threshold %)
  steps,    ///< the points of the highest step reached
};

/// What a metric rule gives when its rate has no event at all (0/0: no late dossier to apologise
/// for, no complaint).
enum class WhenEmpty : unsigned char {
  zero,            ///< 0 points (the default, as the QĐ 766 profile scores a zero denominator)
  full,            ///< the maximum
  not_applicable,  ///< the criterion leaves the unit's total: its max is not counted
};

PARMETRICS_API std::string_view to_string(ParSource source) noexcept;
PARMETRICS_API std::string_view to_string(ParRuleKind kind) noexcept;
PARMETRICS_API std::string_view to_string(WhenEmpty when) noexcept;

struct ParStep {
  double at_least_percent = 0;
  double points = 0;
};

struct ParRule {
  ParRuleKind kind = ParRuleKind::manual;
  std::string metric;            ///< metric rules
  double threshold_percent = 0;  ///< full_at, capped
  std::vector<ParStep> steps;    ///< steps, thresholds strictly increasing
  WhenEmpty when_empty = WhenEmpty::zero;
};

struct ParCriterion {
  std::string id;
  std::string name;
  double max = 0;
  /// The lowest points (≤ 0); below 0 only for deductions (điểm trừ).
  double min = 0;
  /// Given or inherited from the parent (fields default to self).
  ParSource source = ParSource::self;
  std::optional<ParRule> rule;  ///< leaves only
  std::vector<ParCriterion> children;
  /// Where the criterion is in its file ("$.criteria[2].children[0]"), for messages.
  std::string path;

  bool leaf() const noexcept { return children.empty(); }
};

class PARMETRICS_API ParMethodology {
 public:
  /// Parses and checks a methodology. Throws DataError(origin, JSON path, field, reason) on
  /// invalid JSON, a missing or mistyped field, an unknown field, a duplicate id, a parent whose
  /// max differs from the sum of its children's, an unknown rule kind, a rule on a parent or none
  /// on a leaf, a threshold outside (0, 100], steps whose thresholds do not increase or whose
  /// points are outside [min, max], an unknown when_empty, or a min above 0.
  static ParMethodology parse(std::string_view json, std::string_view origin);
  static ParMethodology load(const std::filesystem::path& file);

  const std::string& name() const noexcept { return name_; }
  const std::string& version() const noexcept { return version_; }
  const std::string& origin() const noexcept { return origin_; }
  /// The file says `"example": true`: a template to adapt, not a province's adopted methodology.
  bool example() const noexcept { return example_; }
  /// Unit levels the methodology grades ("department", "district"…); empty = any.
  const std::vector<std::string>& levels() const noexcept { return levels_; }
  /// The fields (top-level criteria), in file order.
  const std::vector<ParCriterion>& criteria() const noexcept { return criteria_; }
  /// Sum of the fields' maxima.
  double max() const noexcept;

  /// The criterion with this id, at any depth; nullptr when none.
  const ParCriterion* find(std::string_view id) const noexcept;

  /// Checks every metric rule against the metrics `table` declares: throws DataError naming the
  /// rule's JSON path when its metric is unknown (listing the known ones) or is a count.
  void check_metrics(const MetricTable& table) const;

 private:
  std::string name_, version_, origin_;
  bool example_ = false;
  std::vector<std::string> levels_;
  std::vector<ParCriterion> criteria_;
};

}  // namespace parmetrics
