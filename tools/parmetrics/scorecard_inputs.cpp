#include "scorecard_inputs.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <filesystem>
#include <string>

#include <parmetrics/indices/par_index.hpp>
#include <parmetrics/indices/scorecard/dossier_metrics.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_facts.hpp>

#include "cli.hpp"
#include "dossier_inputs.hpp"

namespace parmetrics::cli {

namespace {

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
  if (const auto counts = o.value("counts")) {
    const ServiceIndexCountsDocument doc =
        load_service_index_counts(*counts, qd766_portal_methodology());
    add_service_index_metrics(in.metrics, qd766_portal_methodology(), doc.units);
    in.units = counts_units(doc);
  }
  std::optional<DossierData> data =
      load_dossiers(o, scorecard::dossier_needs(m, in.metrics).any(), summary);
  if (data) in.units = par_units(data->units);
  // Dossier files whose records were all rejected still give the dossier metrics (all empty).
  if (data && (data->sample || o.has("dossiers") || o.has("portal"))) {
    // The units of the period only: those created after it or ended before it are not graded.
    const auto [from, to] = period_days(o, *data);
    data->units.resolve();
    in.units = par_units(data->units, from, to);
    if (data->sample) {
      fmt::print(err, "parmetrics {}: no dossier file given: the bundled sample\n", command);
    }
    const scorecard::DossierMetricsInputs dossier{data->units, data->procedures, data->calendar,
                                                  data->facts, period_of(o, *data)};
    scorecard::add_dossier_metrics(in.metrics, m, data->store, dossier);
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
