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
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/par_index.hpp>
#include <parmetrics/indices/par_methodology.hpp>
#include <parmetrics/indices/par_scores.hpp>
#include <parmetrics/indices/scorecard/output.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "flags.hpp"
#include "options.hpp"
#include "scorecard_inputs.hpp"

namespace parmetrics::cli {

namespace {}  // namespace

int run_par(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::par);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const scorecard::Format format = scorecard_format(o, false);
  const ParMethodology methodology = ParMethodology::load(o.required("methodology"));
  ImportSummary summary("par", err);
  const ScorecardInputs in = scorecard_inputs(o, methodology.methodology(), summary, err, "par");
  const ParScores scores =
      o.value("scores") ? ParScores::load_csv(*o.value("scores")) : ParScores();
  const ParResult result = score_par(methodology, in.units, in.metrics, scores);
  for (const std::string& w : result.warnings) fmt::print(err, "parmetrics par: warning: {}\n", w);
  out << scorecard::format_results(methodology.methodology(), result.engine, format,
                                   scorecard::Report::par, language_arg(o));
  return summary.exit_status();
}

}  // namespace parmetrics::cli
