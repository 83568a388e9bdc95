// parmetrics par: PAR INDEX (Chỉ số cải cách hành chính) of units from a methodology file, the
// appraised scores, external metric values, SIPAS responses and dossiers. docs/par-index.md.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/indices/par_index.hpp>
#include <parmetrics/indices/par_methodology.hpp>
#include <parmetrics/indices/par_metric_table.hpp>
#include <parmetrics/indices/par_scores.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "dossier_inputs.hpp"
#include "flags.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

// Whether a methodology names a dossier metric that no other input gives.
bool needs_dossier_metrics(const std::vector<ParCriterion>& list, const MetricTable& given) {
  for (const ParCriterion& c : list) {
    if (needs_dossier_metrics(c.children, given)) return true;
    if (!c.rule || c.rule->kind == ParRuleKind::manual || given.declared(c.rule->metric)) continue;
    const std::string& m = c.rule->metric;
    if (find_rate(m)) return true;
    for (const CountField& f : count_fields()) {
      if (f.name == m) return true;
    }
  }
  return false;
}

// ---- Output. ----------------------------------------------------------------------------------

std::string two(double x) {
  return fmt::format("{:.2f}", x);
}

std::string index_text(const ParUnitResult& u) {
  return u.index ? two(*u.index) : "n/a";
}

void print_csv(const ParMethodology& m, const ParResult& r, std::ostream& out) {
  std::string s =
      "unit,index,points,max,rank,name,level,self_points,self_max,survey_points,survey_max";
  for (const ParCriterion& f : m.criteria()) {
    s += fmt::format(",{},{}", csv_field(f.id), csv_field(f.id + "_max"));
  }
  s += '\n';
  for (const ParUnitResult& u : r.units) {
    s += fmt::format("{},{},{},{},{},{},{},{},{},{},{}", csv_field(u.unit.code), index_text(u),
                     two(u.points), two(u.max), u.rank ? std::to_string(*u.rank) : "n/a",
                     csv_field(u.unit.name), csv_field(u.unit.level), two(u.self.points),
                     two(u.self.max), two(u.survey.points), two(u.survey.max));
    for (const ParCriterionResult& f : u.fields) {
      s += f.applicable ? fmt::format(",{},{}", two(f.points), two(f.max)) : ",n/a,n/a";
    }
    s += '\n';
  }
  out << s;
}

void print_tree(const ParCriterionResult& c, int depth, std::string& s) {
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  const std::string score =
      c.applicable ? fmt::format("{}/{}", two(c.points), two(c.max)) : std::string("n/a");
  s += fmt::format("  {}{} {}  {}", indent, c.id, score, c.explanation);
  if (!c.note.empty()) s += fmt::format(" — {}", c.note);
  s += fmt::format("  [{}]\n", c.name);
  for (const ParCriterionResult& child : c.children) print_tree(child, depth + 1, s);
}

void print_table(const ParResult& r, std::ostream& out) {
  std::string s = fmt::format("PAR INDEX: {} (version {})\n", r.methodology, r.version);
  if (r.example) s += "(an example methodology: adapt it before grading for real)\n";
  std::string level = "\x01";
  for (const ParUnitResult& u : r.units) {
    if (u.unit.level != level) {
      level = u.unit.level;
      s += fmt::format("\nlevel {}\n{:>4}  {:<16} {:>7}  {:>15}  {:>13}  {:>13}  {}\n",
                       level.empty() ? "(unknown)" : level, "rank", "unit", "index", "points/max",
                       "self", "survey", "name");
    }
    s += fmt::format("{:>4}  {:<16} {:>7}  {:>15}  {:>13}  {:>13}  {}\n",
                     u.rank ? std::to_string(*u.rank) : "n/a", u.unit.code, index_text(u),
                     fmt::format("{}/{}", two(u.points), two(u.max)),
                     fmt::format("{}/{}", two(u.self.points), two(u.self.max)),
                     fmt::format("{}/{}", two(u.survey.points), two(u.survey.max)), u.unit.name);
  }
  for (const ParUnitResult& u : r.units) {
    s += fmt::format("\n{} {}: index {}, {}/{} points", u.unit.code, u.unit.name, index_text(u),
                     two(u.points), two(u.max));
    if (u.rank) s += fmt::format(", rank {} of {}", *u.rank, u.ranked);
    s += '\n';
    for (const ParCriterionResult& f : u.fields) print_tree(f, 0, s);
  }
  out << s;
}

}  // namespace

int run_par(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::par);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const OutputFormat format = output_format(o);
  const ParMethodology methodology = ParMethodology::load(o.required("methodology"));
  ImportSummary summary("par", err);
  MetricTable metrics = external_metrics(o, summary);

  const bool need = needs_dossier_metrics(methodology.criteria(), metrics);
  const std::optional<DossierData> data = load_dossiers(o, need, summary);
  std::vector<ParUnit> units;
  if (data) units = par_units(data->units);
  // Dossier files whose records were all rejected still give the dossier metrics (all empty).
  if (data && (data->sample || o.has("dossiers") || o.has("portal"))) {
    if (data->sample)
      fmt::print(err, "parmetrics par: no dossier file given: the bundled sample\n");
    ReportOptions options;
    options.period = period_of(o, *data);
    options.by = GroupBy::unit;
    options.processing_quantiles = false;
    add_report_metrics(metrics, compute_report(data->store, data->units, data->procedures,
                                               data->calendar, options));
  } else {
    for (std::string_view flag : {"from", "to", "as-of", "events", "procedures"}) {
      if (o.has(flag)) throw UsageError(fmt::format("--{} goes with dossier inputs", flag));
    }
  }

  const ParScores scores =
      o.value("scores") ? ParScores::load_csv(*o.value("scores")) : ParScores();
  const ParResult result = score_par(methodology, units, metrics, scores);
  for (const std::string& w : result.warnings) fmt::print(err, "parmetrics par: warning: {}\n", w);
  switch (format) {
    case OutputFormat::csv:
      print_csv(methodology, result, out);
      break;
    case OutputFormat::json:
      out << to_json(result);
      break;
    case OutputFormat::table:
      print_table(result, out);
      break;
  }
  return summary.exit_status();
}

}  // namespace parmetrics::cli
