#pragma once
// Checking directive targets against metric values: one line per target and unit, met / not met
// with both values compared.
//
// Thread-safety: check_targets() is safe to call concurrently on const inputs.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/target.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

/// The metric values over a target's period (nullopt: the period of the run). The returned
/// table must stay valid until check_targets returns.
using TargetMetrics = std::function<const MetricTable&(const std::optional<TargetPeriod>&)>;

struct TargetCheck {
  std::size_t target = 0;  ///< index in TargetList::targets()
  std::string unit;
  std::string unit_name;
  MetricValue actual;
  bool actual_given = false;  ///< false: the unit had no value (read as empty or zero)
  /// The value compared with: the number (as a count), or the parent's or province's value.
  std::optional<MetricValue> reference;
  std::string reference_unit;  ///< the parent's or province's code, kTotalUnit for the total
  TargetStatus status = TargetStatus::not_applicable;
  std::string explanation;  ///< "online_rate 12/40 = 30.00% < province 57.70% (577/1000)"
};

/// Checks every target: a unit target once, a level target once per unit of that level (valid
/// during the target's period, in registry order). `units` may be null when every target names a
/// unit and compares with a number or the province (then the total, unit kTotalUnit).
///
/// The province's value is that of the unit's nearest ancestor of level "province" when the
/// table has one, else the total. Comparisons are exact on the counts (a rate n/d against p% is
/// 100·n against p·d), equality within 1e-12 relative. Throws DataError(targets file, line, field,
/// reason) on an unknown metric, an unknown unit or level, or a parent or level target without
/// `units`.
PARMETRICS_API std::vector<TargetCheck> check_targets(const TargetList& targets,
                                                      const UnitRegistry* units,
                                                      const TargetMetrics& metrics);

/// The checks as JSON (documented in docs/targets.md); `run_period` labels the targets that have
/// no period of their own.
PARMETRICS_API std::string to_json(const TargetList& targets,
                                   const std::vector<TargetCheck>& checks,
                                   std::string_view run_period = {});

}  // namespace parmetrics
