// pm_score: any scorecard methodology (parmetrics score; docs/scorecards.md) over the context's
// dossiers, external metrics and facts, and appraised points.

#include <fmt/format.h>

#include <filesystem>

#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/par_index.hpp>
#include <parmetrics/indices/scorecard/appraisals.hpp>
#include <parmetrics/indices/scorecard/dossier_metrics.hpp>
#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/indices/scorecard/output.hpp>
#include <parmetrics/model/live_store.hpp>

#include "capi/capi.hpp"

namespace parmetrics::capi {

namespace {

/// A CSV input given as text (`key`, named "options.KEY" in messages) or as a file (`key`_file).
template <class Parse, class Load>
void csv_input(Options& o, const std::string& key, Parse&& parse, Load&& load) {
  const auto text = o.text(key);
  const auto file = o.text(key + "_file");
  if (text && file) o.fail(key, fmt::format("give \"{}\" or \"{}_file\", not both", key, key));
  if (text) parse(*text, "options." + key);
  if (file) load(std::filesystem::path(*file));
}

}  // namespace

std::string score(const Data& c, const char* options_json, std::string_view caller) {
  Options o(options_json, std::string_view(fmt::format("{} options", caller)));
  const auto methodology = document(
      o, "methodology",
      [](const std::string& text, const std::string& origin) {
        return scorecard::parse_methodology(text, origin);
      },
      [](const std::string& file) { return scorecard::load_methodology(file); });
  if (!methodology) o.fail("methodology", "required (or \"methodology_file\")");
  const scorecard::Methodology& m = *methodology;
  MetricTable metrics;
  csv_input(
      o, "metrics",
      [&](const std::string& text, const std::string& origin) {
        load_metric_values_csv(std::string_view(text), origin, metrics);
      },
      [&](const std::filesystem::path& file) { load_metric_values_csv(file, metrics); });
  csv_input(
      o, "facts",
      [&](const std::string& text, const std::string& origin) {
        load_metric_facts_csv(std::string_view(text), origin, metrics);
      },
      [&](const std::filesystem::path& file) { load_metric_facts_csv(file, metrics); });
  scorecard::Appraisals appraisals;
  csv_input(
      o, "scores",
      [&](const std::string& text, const std::string& origin) {
        appraisals = scorecard::Appraisals::parse_csv(text, origin);
      },
      [&](const std::filesystem::path& file) {
        appraisals = scorecard::Appraisals::load_csv(file);
      });
  const std::string name = read_format(o, {"json", "csv", "table", "markdown", "html"});
  const scorecard::Format format = name == "json"       ? scorecard::Format::json
                                   : name == "csv"      ? scorecard::Format::csv
                                   : name == "markdown" ? scorecard::Format::markdown
                                   : name == "html"     ? scorecard::Format::html
                                                        : scorecard::Format::table;
  // The dossier metrics when there are dossiers, or a period, or the methodology reads them (then
  // read_scope asks for "from" and "to" on a context without dossiers).
  const bool has_dossiers = c.on_dossiers([](const auto& dossiers) { return !dossiers.empty(); });
  const bool dossier_metrics = has_dossiers || o.has("from") || o.has("to") || o.has("as_of") ||
                               scorecard::dossier_needs(m, metrics).any();
  Language language = Language::vi;
  std::vector<scorecard::Unit> units;
  if (dossier_metrics) {
    const Scope scope = read_scope(o, c);
    if (!scope.filter.empty()) o.fail("filters", "the scorecard grades every unit");
    o.done();
    language = scope.language;
    const scorecard::DossierMetricsInputs inputs{c.units, c.procedures, c.calendar,
                                                 c.facts, scope.period, scope.threads};
    c.on_dossiers([&](const auto& dossiers) {
      return scorecard::add_dossier_metrics(metrics, m, dossiers, inputs);
    });
    // The units of the period only: those created after it or ended before it are not graded.
    units = par_units(c.units, scope.period.from, scope.period.to);
  } else {
    if (const auto l = o.choice("language", {"vi", "en"})) language = *parse_language(*l);
    o.integer("threads", 0, 1024);
    o.done();
    units = par_units(c.units);
  }
  scorecard::Results results = scorecard::score(m, {units, metrics, appraisals});
  scorecard::sort_by_level_and_rank(results.units);
  return scorecard::format_results(m, results, format, scorecard::Report::scorecard, language);
}

}  // namespace parmetrics::capi

using namespace parmetrics::capi;

extern "C" {

PM_API pm_status pm_score(pm_context* context, const char* options_json, char** out_text) {
  return result(context, out_text,
                [&](const pm_context& c) { return score(c, options_json, "pm_score"); });
}

}  // extern "C"
