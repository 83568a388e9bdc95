#pragma once
// The report as one self-contained HTML page (report_format.hpp: ReportFormat::html). Internal.

#include <iosfwd>

#include <parmetrics/metrics/report_format.hpp>

namespace parmetrics::detail {

/// The title, the summary, the charts (monthly late and online rates, units ranked by late and
/// by online rate with the province's average, apologies, digitisation), each with the table of
/// its figures, the report's table, the comparison lines and the comparison with an earlier
/// period.
void write_report_html(std::ostream& out, const Report& r, const ReportFormatOptions& o,
                       const ReportContext& context);

}  // namespace parmetrics::detail
