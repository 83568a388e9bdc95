#pragma once
// Scorecard results for people (a ranking per level, then each unit's tree with the explanation
// of every point), for spreadsheets (CSV, one row per unit), for programs (JSON) and for reports
// (Markdown). Two labellings: the PAR INDEX report of `parmetrics par` (docs/par-index.md) and the
// generic one of `parmetrics score` (docs/scorecards.md), which adds grades, sub-indices per pillar
// and the points lost.
//
// Thread-safety: formatters of const results; safe to call concurrently.

#include <iosfwd>
#include <string>
#include <string_view>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics::scorecard {

enum class Format : unsigned char { table, csv, json, markdown, html };

/// Which report: `par` keeps the PAR INDEX columns (self-assessment and survey parts); `scorecard`
/// has `unit,index,points,max,rank,grade`, then one column per pillar.
enum class Report : unsigned char { par, scorecard };

/// Renders results (units in the order given). Markdown is the scorecard report's only. The
/// table, Markdown and HTML are in `language` (labels from the message catalogue, numbers as the
/// language writes them; criteria names and explanations as the methodology and the engine
/// give them); HTML is one self-contained page: the units ranked per level and the points lost
/// per criterion as charts with their tables, then each unit's criteria.
PARMETRICS_API std::string format_results(const Methodology& m, const Results& results,
                                          Format format, Report report,
                                          Language language = Language::en);

/// The results as JSON: {"methodology", "units": [{"unit", "name", "level", "index", "points",
/// "max", "rank", "ranked", …, "fields": [criterion trees]}], "warnings"}.
PARMETRICS_API std::string results_json(const Results& results, Report report);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a Format: "table", …
PARMETRICS_API std::string_view to_string(Format value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Format value);
/// The name of a Report: "par", …
PARMETRICS_API std::string_view to_string(Report value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Report value);

}  // namespace parmetrics::scorecard
