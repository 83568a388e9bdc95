#include "scorecard_inputs.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include <parmetrics/indices/par_index.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_derive.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>

#include "cli.hpp"
#include "dossier_inputs.hpp"

namespace parmetrics::cli {

namespace {

// Every metric the methodology's rules name.
void rule_metrics(const std::vector<scorecard::Criterion>& list, std::vector<std::string>& out) {
  for (const scorecard::Criterion& c : list) {
    rule_metrics(c.children, out);
    if (c.rule && c.rule->kind != scorecard::RuleKind::manual) out.push_back(c.rule->metric);
  }
}

bool dossier_metric(const std::string& m) {
  if (find_rate(m)) return true;
  const auto fields = count_fields();
  return std::any_of(fields.begin(), fields.end(),
                     [&](const CountField& f) { return f.name == m; });
}

bool qd766_item(const std::string& m) {
  const auto& items = derivable_service_index_items();
  return std::find(items.begin(), items.end(), m) != items.end();
}

void add_report(const ParsedOptions& o, const DossierData& data, MetricTable& metrics) {
  ReportOptions options;
  options.period = period_of(o, data);
  options.by = GroupBy::unit;
  options.processing_quantiles = false;
  add_report_metrics(
      metrics, compute_report(data.store, data.units, data.procedures, data.calendar, options));
}

// The QĐ 766 item counts of the dossiers and the facts files, rolled up as the portal grades.
void add_derived_qd766(const ParsedOptions& o, DossierData& data, ImportSummary& summary,
                       MetricTable& metrics) {
  ImportOptions options;
  options.strict = o.has("strict");
  options.register_unknown = !o.has("units");
  ServiceIndexFacts facts;
  const auto load = [&](std::string_view flag, auto&& import) {
    const auto f = o.value(flag);
    if (!f) return;
    ImportReport report;
    import(std::filesystem::path(*f), report);
    summary.add(*f, report);
  };
  load("unit-procedures", [&](const auto& path, ImportReport& r) {
    import_unit_procedures_csv(path, data.units, data.procedures, facts, r, options);
  });
  load("feedback", [&](const auto& path, ImportReport& r) {
    import_feedback_csv(path, data.units, facts, r, options);
  });
  load("communes", [&](const auto& path, ImportReport& r) {
    import_communes_csv(path, data.units, facts, r, options);
  });
  data.units.resolve();
  ServiceIndexDeriveOptions derive;
  derive.period = period_of(o, data);
  const DerivedServiceIndex derived =
      derive_service_index(data.store, data.units, data.procedures, data.calendar, facts, derive);
  add_service_index_metrics(metrics, qd766_portal_methodology(), derived.units);
}

std::vector<scorecard::Unit> counts_units(const ServiceIndexCountsDocument& doc) {
  std::vector<scorecard::Unit> units;
  for (const UnitCounts& u : doc.units) units.push_back({u.unit, u.name, u.level});
  return units;
}

}  // namespace

ScorecardInputs scorecard_inputs(const ParsedOptions& o, const scorecard::Methodology& m,
                                 ImportSummary& summary, std::ostream& err,
                                 std::string_view command) {
  ScorecardInputs in{external_metrics(o, summary), {}};
  std::vector<std::string> named;
  rule_metrics(m.criteria, named);
  const auto needed = [&](bool (*from)(const std::string&)) {
    return std::any_of(named.begin(), named.end(),
                       [&](const std::string& n) { return !in.metrics.declared(n) && from(n); });
  };
  if (const auto counts = o.value("counts")) {
    const ServiceIndexCountsDocument doc =
        load_service_index_counts(*counts, qd766_portal_methodology());
    add_service_index_metrics(in.metrics, qd766_portal_methodology(), doc.units);
    in.units = counts_units(doc);
  }
  const bool need = needed(dossier_metric) || needed(qd766_item);
  std::optional<DossierData> data = load_dossiers(o, need, summary);
  if (data) in.units = par_units(data->units);
  // Dossier files whose records were all rejected still give the dossier metrics (all empty).
  if (data && (data->sample || o.has("dossiers") || o.has("portal"))) {
    // The units of the period only: those created after it or ended before it are not graded.
    const auto [from, to] = period_days(o, *data);
    in.units = par_units(data->units, from, to);
    if (data->sample) {
      fmt::print(err, "parmetrics {}: no dossier file given: the bundled sample\n", command);
    }
    if (needed(qd766_item)) add_derived_qd766(o, *data, summary, in.metrics);
    add_report(o, *data, in.metrics);
    if (needed(qd766_item)) in.units = par_units(data->units, from, to);
  } else {
    for (std::string_view flag : {"from", "to", "as-of", "events", "procedures", "unit-procedures",
                                  "feedback", "communes"}) {
      if (o.has(flag)) throw UsageError(fmt::format("--{} goes with dossier inputs", flag));
    }
  }
  return in;
}

scorecard::Format scorecard_format(const ParsedOptions& o, bool markdown) {
  const std::string f = o.value("format").value_or("table");
  if (f == "table") return scorecard::Format::table;
  if (f == "csv") return scorecard::Format::csv;
  if (f == "json") return scorecard::Format::json;
  if (markdown && f == "markdown") return scorecard::Format::markdown;
  if (f == "html") return scorecard::Format::html;
  throw UsageError(fmt::format("--format {} is not one of table, csv, json{}, html", f,
                               markdown ? ", markdown" : ""));
}

}  // namespace parmetrics::cli
