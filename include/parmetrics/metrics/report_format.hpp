#pragma once
// A report as text: for people, a table that fits 120 columns, Markdown and a self-contained HTML
// page with charts, each in Vietnamese or English, with the comparison lines and the summary in
// sentences; for machines, CSV (the first columns are fixed: group,in_scope,received,
// carried_over,online,direct,postal,early,on_time,late,within_time,overdue,late_rate,online_rate,
// apology_needed,apology_on_time,apology_late,apology_missing) and JSON, with English keys
// whatever the language. docs/report.md describes each.
//
// Thread-safety: formatters of a const Report; safe to call concurrently (each writes its own
// stream).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

#include <string>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/report_context.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics {

enum class ReportFormat : std::uint8_t { table, csv, json, markdown, html };

PARMETRICS_API std::optional<ReportFormat> parse_report_format(std::string_view text) noexcept;

struct ReportFormatOptions {
  /// The rate compared with the parent's and the province's (GroupBy::unit).
  RateId compare = RateId::online_rate;
  /// How many rows the best/worst lists show (table, Markdown, JSON); 0 = none.
  std::size_t top = 3;
  /// The rate the best/worst lists rank by.
  RateId rank = RateId::late_rate;
  /// The language of the formats for people (table, Markdown, HTML).
  Language language = Language::en;
  /// The columns the formats for people show, by count and rate names (docs/metrics.md §7);
  /// empty: default_report_columns(). CSV and JSON show every count and rate.
  std::vector<std::string> columns;
  /// The summary in sentences after the table (formats for people).
  bool summary = true;
};

/// The columns a review meeting reads, in a table that fits 120 columns: in_scope, online,
/// early, on_time, late, within_time, overdue, late_rate, online_rate, apology_missing.
PARMETRICS_API std::vector<std::string> default_report_columns();
/// A count's or a rate's name: what `ReportFormatOptions::columns` takes.
PARMETRICS_API bool is_report_column(std::string_view name) noexcept;

/// Writes the report. With `context.previous`, every rate is shown then, now and changed (in
/// percentage points), in every format; `context.monthly` feeds the summary's trend and the
/// HTML's monthly chart.
PARMETRICS_API void write_report(std::ostream& out, const Report& report, ReportFormat format,
                                 const ReportFormatOptions& options = {},
                                 const ReportContext& context = {});

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a ReportFormat: "table", …
PARMETRICS_API std::string_view to_string(ReportFormat value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, ReportFormat value);

}  // namespace parmetrics
