#pragma once
// The pieces of a report that people read, shared by the table, Markdown and HTML: columns and
// their labels, cells in the language's number format, group labels, the title and the lines
// under the table. Internal.

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/metrics/report_format.hpp>

#include "text/table.hpp"

namespace parmetrics::detail {

/// The report as a table (120 columns) or Markdown: the title, the groups, processing times, the
/// comparison lines, the comparison with an earlier period and the summary.
void write_report_table(std::ostream& out, const Report& r, const ReportFormatOptions& o,
                        const ReportContext& context);
void write_report_markdown(std::ostream& out, const Report& r, const ReportFormatOptions& o,
                           const ReportContext& context);

/// Working minutes as hundredths of an hour, rounded half up: the total over `den` dossiers
/// (nullopt for none), or one quantile.
std::optional<std::uint64_t> centihours(std::uint64_t total_minutes, std::uint64_t den);
std::optional<std::uint64_t> quantile_centihours(const std::optional<std::int64_t>& minutes);

/// The counts' values by name (count_fields()); 0 for a name that is not a count.
std::uint64_t count_of(const MetricCounts& c, std::string_view name);

/// The months of a by-month report within `period`, in order, each with its first day. A month
/// before the period holds only dossiers carried over from it and is left out.
std::vector<std::pair<DayNumber, const ReportRow*>> period_months(const Report& monthly,
                                                                  const ReportPeriod& period);
/// A month as a table names it: "01/2023" (vi), "2023-01" (en).
std::string month_text(DayNumber first_day, Language l);

/// The options' columns, or the default set.
std::vector<std::string> report_columns(const ReportFormatOptions& o);
std::string column_label(std::string_view column, Language l);
/// A count or a rate of `c`, as the language writes it ("n/a" for an undefined rate).
std::string column_cell(const MetricCounts& c, std::string_view column, Language l);
std::string rate_text(const Rate& r, Language l);
/// A group as people name it: a unit's short name (indented by depth when `indent`), a month
/// "01/2023", a channel's name, "Tổng cộng" for the total.
std::string group_label(const Report& r, const ReportRow& row, Language l, bool indent);
/// "xã Hiệp Thuận (000.25.30.H55)": a unit as a comparison line names it.
std::string named_code(const ReportRow& row);
/// Whether the groups have codes beside their labels (units, procedures).
bool has_codes(const Report& r);
std::string report_title(const Report& r, Language l);
std::string processing_line(const Report& r, Language l);
std::string rates_note(Language l);
/// The comparisons in words (GroupBy::unit): below the province's and the parent's rate, units
/// without an online dossier, the highest and lowest of the most common level.
std::vector<std::string> comparison_lines(const Report& r, const ReportFormatOptions& o);

struct ReportTable {
  std::vector<TextColumn> columns;
  std::vector<std::vector<std::string>> rows;  ///< the groups, then the total
};
/// The report's groups and total in the options' columns.
ReportTable report_table(const Report& r, const ReportFormatOptions& o);
/// Each rate among the options' columns (or the late and online rates) then, now and changed.
ReportTable compare_table(const Report& r, const Report& previous, const ReportFormatOptions& o);
/// The rates the comparison shows.
std::vector<RateId> compared_rates(const ReportFormatOptions& o);
/// The rows of an earlier report by key, to find a group's figures then.
class EarlierRows {
 public:
  explicit EarlierRows(const Report& previous);
  /// The row of the earlier report with the key of `row` of `now` (the total for its total), or
  /// null.
  const ReportRow* find(const Report& now, const ReportRow& row) const;

 private:
  const Report& previous_;
  std::map<std::string_view, const ReportRow*> rows_;
};

}  // namespace parmetrics::detail
