#pragma once
// A PAR INDEX methodology (Chỉ số cải cách hành chính): the tree of fields (lĩnh vực), criteria
// (tiêu chí) and sub-criteria (tiêu chí thành phần) with their maxima and scoring rules, loaded
// from a JSON file so that each province can grade with its own version. A scorecard methodology
// (indices/scorecard/methodology.hpp, docs/scorecards.md) under its PAR names; the older PAR form
// without a "format" key still loads (docs/par-index.md).
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>

namespace parmetrics {

class MetricTable;

using ParSource = scorecard::Source;
using ParRuleKind = scorecard::RuleKind;
using WhenEmpty = scorecard::WhenEmpty;
using ParStep = scorecard::Step;
using ParRule = scorecard::Rule;
using ParCriterion = scorecard::Criterion;

class PARMETRICS_API ParMethodology {
 public:
  /// Parses and checks a methodology (scorecard::parse_methodology: the scorecard format or the
  /// older PAR form). Throws DataError(origin, JSON path, field, reason).
  static ParMethodology parse(std::string_view json, std::string_view origin);
  static ParMethodology load(const std::filesystem::path& file);

  explicit ParMethodology(scorecard::Methodology methodology);

  const std::string& name() const noexcept { return m_.name; }
  const std::string& version() const noexcept { return m_.version; }
  const std::string& origin() const noexcept { return m_.origin; }
  /// The file says `"example": true`: a template to adapt, not a province's adopted methodology.
  bool example() const noexcept { return m_.example; }
  /// Unit levels the methodology grades ("department", "district"…); empty = any.
  const std::vector<std::string>& levels() const noexcept { return m_.levels; }
  /// The fields (top-level criteria), in file order.
  const std::vector<ParCriterion>& criteria() const noexcept { return m_.criteria; }
  /// Sum of the fields' maxima.
  double max() const noexcept { return m_.max(); }
  /// The criterion with this id, at any depth; nullptr when none.
  const ParCriterion* find(std::string_view id) const noexcept { return m_.find(id); }
  /// Checks every metric rule against the metrics `table` declares (scorecard::check_metrics).
  void check_metrics(const MetricTable& table) const;

  /// The methodology as the scorecard engine reads it.
  const scorecard::Methodology& methodology() const noexcept { return m_; }

 private:
  scorecard::Methodology m_;
};

}  // namespace parmetrics
