// parmetrics score: any scorecard methodology (the DTI, PAR INDEX, QĐ 766, a province's own) of
// units from its metrics — dossiers, QĐ 766 counts, SIPAS responses, external values, facts — and
// the appraised points. docs/scorecards.md.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>
#include <string>

#include <parmetrics/indices/scorecard/appraisals.hpp>
#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/indices/scorecard/output.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "flags.hpp"
#include "scorecard_inputs.hpp"

namespace parmetrics::cli {

namespace {}  // namespace

int run_score(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::score);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const scorecard::Format format = scorecard_format(o, true);
  const scorecard::Methodology m = scorecard::load_methodology(o.required("methodology"));
  ImportSummary summary("score", err);
  const ScorecardInputs in = scorecard_inputs(o, m, summary, err, "score");
  const scorecard::Appraisals appraisals = o.value("scores")
                                               ? scorecard::Appraisals::load_csv(*o.value("scores"))
                                               : scorecard::Appraisals();
  scorecard::Results results = scorecard::score(m, {in.units, in.metrics, appraisals});
  scorecard::sort_by_level_and_rank(results.units);
  for (const std::string& w : results.warnings) {
    fmt::print(err, "parmetrics score: warning: {}\n", w);
  }
  out << scorecard::format_results(m, results, format, scorecard::Report::scorecard,
                                   language_arg(o));
  return summary.exit_status();
}

}  // namespace parmetrics::cli
