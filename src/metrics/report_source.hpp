#pragma once
// What a report reads and how its passes walk it: the segments of a source (one store, or the
// segments of a live store's snapshot), each with its superseded rows left out, in blocks that
// the threads take in turn; and the stages of compute_report that an incremental report
// (LiveReport) shares: the plan, and the report made from counts per key. Internal.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <parmetrics/metrics/report.hpp>
#include <parmetrics/model/live_store.hpp>

#include "metrics/attribution.hpp"
#include "metrics/engine.hpp"
#include "metrics/report_layout.hpp"
#include "metrics/selection.hpp"

namespace parmetrics::detail {

/// Rows [0, rows) of a store's columns, without those marked in `dead` (null: none).
struct SourceSegment {
  Columns col{};
  DossierStore::Index rows = 0;
  const DeadRows* dead = nullptr;
  const DossierStore* store = nullptr;
};

using Source = std::vector<SourceSegment>;

Source source_of(const DossierStore& store);
Source source_of(const StoreSnapshot& snapshot);

/// The plan of a report: keys, filters and the policy, and what turns keys into rows.
struct ReportSetup {
  Plan plan;
  KeySource source = KeySource::constant;
  /// Where each unit's dossiers count; shared, so that the plan's pointer to it survives a copy
  /// or a move of the setup.
  std::shared_ptr<const Attribution> attribution;
  Selection selection;
  int first_time_key = 0;  ///< the period key of day0 (by month, quarter or year)
};

/// The plan for `options` (its as-of included); by month, quarter or year, the days' keys cover
/// [day0, last_day], which must hold every day of receipt the report counts.
ReportSetup setup_report(const UnitRegistry& units, const ProcedureCatalog& procedures,
                         const WorkingCalendar& calendar, const ReportOptions& options,
                         DayNumber day0, DayNumber last_day);

/// The layout for counts per key of `setup` (key_counts.size() == setup.plan.keys).
Layout layout_for(const ReportSetup& setup, const UnitRegistry& units,
                  const ProcedureCatalog& procedures, const ReportOptions& options,
                  const std::vector<MetricCounts>& key_counts);

/// The report from a layout and the counts per key it was made for (or any with the same keys
/// holding dossiers), without median and p90; `dossiers` goes to Report::dossiers.
Report report_from_layout(Layout layout, const std::vector<MetricCounts>& key_counts,
                          const ReportOptions& options, std::uint64_t dossiers);

/// Pass 1 alone: the counts per key of `setup` (whose plan wants no quantiles). ArgumentError
/// when a dossier's unit is not in the registry.
std::vector<MetricCounts> count_by_key(const Source& source, const ReportSetup& setup,
                                       const ReportOptions& options);

/// compute_report over a source.
Report compute_report(const Source& source, const UnitRegistry& units,
                      const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                      const ReportOptions& options);

}  // namespace parmetrics::detail
