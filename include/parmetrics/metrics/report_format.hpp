#pragma once
// A report as text: an aligned table for people, CSV for spreadsheets (the first columns are
// fixed: group,in_scope,received,carried_over,online,direct,postal,early,on_time,late,
// within_time,overdue,late_rate,online_rate,apology_needed,apology_on_time,apology_late,
// apology_missing), JSON for programs, Markdown for documents. docs/metrics.md describes each.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

#include <parmetrics/export.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>

namespace parmetrics {

enum class ReportFormat : std::uint8_t { table, csv, json, markdown };

PARMETRICS_API std::optional<ReportFormat> parse_report_format(std::string_view text) noexcept;

struct ReportFormatOptions {
  /// The rate compared with the parent's and the province's (GroupBy::unit).
  RateId compare = RateId::online_rate;
  /// How many rows the best/worst lists show (table, Markdown, JSON); 0 = none.
  std::size_t top = 3;
  /// The rate the best/worst lists rank by.
  RateId rank = RateId::late_rate;
};

PARMETRICS_API void write_report(std::ostream& out, const Report& report, ReportFormat format,
                                 const ReportFormatOptions& options = {});

}  // namespace parmetrics
