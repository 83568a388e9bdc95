// The adapters from the dossier-metrics report and the SIPAS results to a MetricTable.

#include <fmt/format.h>
#include <parmetrics/error.hpp>

#include <stdexcept>

#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/sipas.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>

namespace parmetrics {

namespace {

constexpr std::string_view kDossiers = "dossiers";

void set_counts(MetricTable& table, std::string_view unit, const MetricCounts& counts) {
  for (const RateInfo& info : rate_infos()) {
    const Rate r = rate(counts, info.id);
    table.set(unit, info.name, static_cast<double>(r.numerator),
              static_cast<double>(r.denominator));
  }
  for (const CountField& f : count_fields()) {
    table.set(unit, f.name, static_cast<double>(counts.*(f.member)));
  }
}

}  // namespace

void add_report_metrics(MetricTable& table, const Report& report) {
  if (report.options.by != GroupBy::unit) {
    throw ArgumentError(
        "add_report_metrics",
        fmt::format("the report is grouped by {}, not by unit", to_string(report.options.by)));
  }
  for (const RateInfo& info : rate_infos()) table.declare(info.name, MetricKind::rate, kDossiers);
  for (const CountField& f : count_fields()) table.declare(f.name, MetricKind::count, kDossiers);
  for (const ReportRow& row : report.rows) set_counts(table, row.key, row.counts);
  set_counts(table, kTotalUnit, report.total.counts);
}

void add_sipas_metrics(MetricTable& table, const SipasResult& sipas) {
  constexpr std::string_view kSipas = "sipas";
  table.declare("sipas.overall", MetricKind::rate, kSipas);
  for (const SipasGroupResult& g : sipas.groups) {
    for (const SipasElementResult& e : g.elements) {
      table.declare(fmt::format("sipas.{}", e.code), MetricKind::rate, kSipas);
    }
  }
  for (const auto& [group, values] : sipas.metrics()) {
    const std::string_view unit = group == "all" ? kTotalUnit : std::string_view(group);
    for (const auto& [metric, share] : values) {
      table.declare(metric, MetricKind::rate, kSipas);
      table.set(unit, metric, 100.0 * share, 100.0);
    }
  }
}

}  // namespace parmetrics
