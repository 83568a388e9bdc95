#pragma once
// The metrics a scorecard reads from dossiers, computed once for every caller (`parmetrics score`
// and `par`, the C API's pm_score): the rates and counts of the dossier-metrics report
// (add_report_metrics) and, when the methodology names them, the QĐ 766 item counts derived from
// the dossiers and the facts (add_service_index_metrics), rolled up as the portal grades.
//
// Thread-safety: the functions only read their const inputs; the table is written from one thread.

#include <string>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {
class StoreSnapshot;
}  // namespace parmetrics

namespace parmetrics::scorecard {

/// Every metric the methodology's rules name (manual criteria have none), in tree order.
PARMETRICS_API std::vector<std::string> rule_metrics(const Methodology& m);

/// What the methodology reads from dossiers that `given` does not declare: a metric of the
/// dossier-metrics report (a rate of rate_infos() or a count of count_fields()), a QĐ 766 item
/// derive_service_index() fills.
struct DossierNeeds {
  bool report = false;
  bool qd766 = false;
  bool any() const noexcept { return report || qd766; }
};
PARMETRICS_API DossierNeeds dossier_needs(const Methodology& m, const MetricTable& given);

/// The dossier data the metrics are computed on. `units` must be resolved.
struct DossierMetricsInputs {
  const UnitRegistry& units;
  const ProcedureCatalog& procedures;
  const WorkingCalendar& calendar;
  const ServiceIndexFacts& facts;
  ReportPeriod period;
  unsigned threads = 0;  ///< the report's (0: the library's default)
};

/// Adds to `table` the QĐ 766 item counts of the period when dossier_needs(m, table).qd766 (the
/// portal's profile, rolled up), then the report's metrics of every unit (GroupBy::unit, rolled
/// up) and of the whole data set (kTotalUnit). Returns whether the QĐ 766 counts were added.
/// Throws as compute_report, derive_service_index and MetricTable::declare do.
PARMETRICS_API bool add_dossier_metrics(MetricTable& table, const Methodology& m,
                                        const DossierStore& store,
                                        const DossierMetricsInputs& inputs);
/// The same over a live store's snapshot (model/live_store.hpp).
PARMETRICS_API bool add_dossier_metrics(MetricTable& table, const Methodology& m,
                                        const StoreSnapshot& snapshot,
                                        const DossierMetricsInputs& inputs);

}  // namespace parmetrics::scorecard
