#pragma once
// What the commands that grade units by a scorecard (`par`, `score`) read from the command line:
// the metrics (--metrics, --facts, --sipas, the dossier-metrics report, and for `score` the QĐ 766
// counts), the units, the appraised points, and the output format.

#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/indices/scorecard/output.hpp>

#include "import_summary.hpp"
#include "options.hpp"

namespace parmetrics::cli {

struct ScorecardInputs {
  MetricTable metrics;
  std::vector<scorecard::Unit> units;  ///< the registry's (empty: every unit the metrics name)
};

/// Every metric the methodology may read and the units to grade: external values (--metrics,
/// --facts, --sipas); with dossier inputs, or with none when the methodology names a dossier
/// metric nothing else gives (then the bundled sample, said on `err`), the dossier-metrics
/// report over --from..--to; and the QĐ 766 item counts when the methodology names them (from
/// --counts, or derived from the dossiers with --unit-procedures, --feedback, --communes).
ScorecardInputs scorecard_inputs(const ParsedOptions& o, const scorecard::Methodology& m,
                                 ImportSummary& summary, std::ostream& err,
                                 std::string_view command);

/// --format table|csv|json (and markdown when `markdown`).
scorecard::Format scorecard_format(const ParsedOptions& o, bool markdown);

}  // namespace parmetrics::cli
