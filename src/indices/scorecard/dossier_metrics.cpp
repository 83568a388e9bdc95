// The metrics a scorecard reads from dossiers: the report's and the QĐ 766 item counts.

#include <parmetrics/indices/scorecard/dossier_metrics.hpp>

#include <algorithm>

#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_derive.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/model/live_store.hpp>

namespace parmetrics::scorecard {

namespace {

void collect(const std::vector<Criterion>& list, std::vector<std::string>& out) {
  for (const Criterion& c : list) {
    collect(c.children, out);
    if (c.rule && c.rule->kind != RuleKind::manual) out.push_back(c.rule->metric);
  }
}

bool report_metric(const std::string& m) {
  if (find_rate(m)) return true;
  const auto fields = count_fields();
  return std::any_of(fields.begin(), fields.end(),
                     [&](const CountField& f) { return f.name == m; });
}

bool qd766_item(const std::string& m) {
  const auto& items = derivable_service_index_items();
  return std::find(items.begin(), items.end(), m) != items.end();
}

template <class Dossiers>
bool add(MetricTable& table, const Methodology& m, const Dossiers& dossiers,
         const DossierMetricsInputs& in) {
  const bool qd766 = dossier_needs(m, table).qd766;
  if (qd766) {
    ServiceIndexDeriveOptions derive;
    derive.period = in.period;
    const DerivedServiceIndex derived =
        derive_service_index(dossiers, in.units, in.procedures, in.calendar, in.facts, derive);
    add_service_index_metrics(table, qd766_portal_methodology(), derived.units);
  }
  ReportOptions options;
  options.period = in.period;
  options.by = GroupBy::unit;
  options.processing_quantiles = false;
  options.threads = in.threads;
  add_report_metrics(table,
                     compute_report(dossiers, in.units, in.procedures, in.calendar, options));
  return qd766;
}

}  // namespace

std::vector<std::string> rule_metrics(const Methodology& m) {
  std::vector<std::string> out;
  collect(m.criteria, out);
  return out;
}

DossierNeeds dossier_needs(const Methodology& m, const MetricTable& given) {
  DossierNeeds needs;
  for (const std::string& name : rule_metrics(m)) {
    if (given.declared(name)) continue;
    needs.report = needs.report || report_metric(name);
    needs.qd766 = needs.qd766 || qd766_item(name);
  }
  return needs;
}

bool add_dossier_metrics(MetricTable& table, const Methodology& m, const DossierStore& store,
                         const DossierMetricsInputs& inputs) {
  return add(table, m, store, inputs);
}

bool add_dossier_metrics(MetricTable& table, const Methodology& m, const StoreSnapshot& snapshot,
                         const DossierMetricsInputs& inputs) {
  return add(table, m, snapshot, inputs);
}

}  // namespace parmetrics::scorecard
