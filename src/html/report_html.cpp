#include "html/report_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/metrics/comparison.hpp>
#include <parmetrics/metrics/report_summary.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>
#include <parmetrics/version.hpp>

#include "html/page.hpp"
#include "html/svg.hpp"
#include "metrics/report_text.hpp"
#include "text/layout.hpp"
#include "text/say.hpp"

namespace parmetrics::detail {

namespace {

constexpr const char* kLate = "#c0392b";
constexpr const char* kOnline = "#2471a3";

std::string label_of(std::string_view key, Language l) {
  return std::string(message(key, l));
}

double percent_of(const Rate& r) {
  return r.percent().value_or(0.0);
}

/// The groups a chart ranks: the units with no unit below them (a district's own rows would
/// repeat its communes), or every group of another grouping, that received dossiers.
std::vector<const ReportRow*> ranked_groups(const Report& r) {
  std::vector<bool> parent(r.rows.size(), false);
  for (const ReportRow& row : r.rows) {
    if (row.parent_row) parent[*row.parent_row] = true;
  }
  std::vector<const ReportRow*> out;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    if (!parent[i] && r.rows[i].counts.in_scope != 0) out.push_back(&r.rows[i]);
  }
  return out;
}

/// The reference a ranking is read against: the one province's rate (GroupBy::unit), or the
/// total's.
std::pair<std::string, Rate> reference_of(const Report& r, RateId id, Language l) {
  if (r.options.by == GroupBy::unit) {
    if (const auto root = province_row(r)) {
      const ReportRow& top = r.rows[*root];
      return {spoken_name(top.name.empty() ? top.key : top.name), rate(top.subtree, id)};
    }
  }
  return {label_of("row.total", l), rate(r.total.counts, id)};
}

void monthly_chart(HtmlPage& page, const Report& monthly, const Report& r, Language l) {
  std::vector<std::string> x;
  std::vector<std::optional<double>> late, online;
  std::vector<std::vector<std::string>> rows;
  for (const auto& [day, row] : period_months(monthly, r.options.period)) {
    const Rate lr = rate(row->counts, RateId::late_rate);
    const Rate orr = rate(row->counts, RateId::online_rate);
    x.push_back(month_text(day, l));
    late.push_back(lr.percent());
    online.push_back(orr.percent());
    rows.push_back({x.back(), rate_text(lr, l), rate_text(orr, l)});
  }
  if (x.size() < 2) return;
  const std::string late_name = label_of("rate.late_rate", l);
  const std::string online_name = label_of("rate.online_rate", l);
  const std::string svg = line_chart(label_of("html.chart.monthly", l), x,
                                     {{late_name, kLate, late}, {online_name, kOnline, online}});
  page.figure(svg,
              {{label_of("group.month", l), false, false}, {late_name, true}, {online_name, true}},
              rows);
}

void ranking_chart(HtmlPage& page, const Report& r, RateId id, const char* title_key,
                   const char* colour, Language l) {
  std::vector<const ReportRow*> groups = ranked_groups(r);
  groups.erase(std::remove_if(groups.begin(), groups.end(),
                              [&](const ReportRow* g) { return !rate(g->counts, id).defined(); }),
               groups.end());
  if (groups.size() < 2) return;
  std::stable_sort(groups.begin(), groups.end(), [&](const ReportRow* a, const ReportRow* b) {
    return compare(rate(a->counts, id), rate(b->counts, id)) > 0;
  });
  const auto [reference_name, reference] = reference_of(r, id, l);
  std::vector<Bar> bars;
  std::vector<std::vector<std::string>> rows;
  const bool codes = has_codes(r);
  for (const ReportRow* g : groups) {
    const Rate v = rate(g->counts, id);
    const std::string name = group_label(r, *g, l, false);
    bars.push_back({name, percent_of(v), rate_text(v, l)});
    rows.push_back(codes ? std::vector<std::string>{name, g->key, rate_text(v, l)}
                         : std::vector<std::string>{name, rate_text(v, l)});
  }
  const std::string average = say("html.average", l, fmt::arg("name", reference_name),
                                  fmt::arg("rate", rate_text(reference, l)));
  rows.push_back(codes ? std::vector<std::string>{average, "", rate_text(reference, l)}
                       : std::vector<std::string>{average, rate_text(reference, l)});
  std::vector<TextColumn> columns{
      {label_of(fmt::format("group.{}", to_string(r.options.by)), l), false}};
  if (codes) columns.push_back({label_of("column.code", l), false});
  columns.push_back({label_of(fmt::format("rate.{}", rate_info(id).name), l), true});
  page.figure(bar_chart(label_of(title_key, l), bars, colour, reference.percent(), average),
              columns, rows);
}

void apology_chart(HtmlPage& page, const Report& r, Language l) {
  std::vector<StackedBar> bars;
  std::vector<std::vector<std::string>> rows;
  const auto add = [&](const std::string& name, const MetricCounts& c) {
    bars.push_back({name,
                    {static_cast<double>(c.apology_on_time), static_cast<double>(c.apology_late),
                     static_cast<double>(c.apology_missing)}});
    rows.push_back({name, column_cell(c, "apology_needed", l), column_cell(c, "apology_on_time", l),
                    column_cell(c, "apology_late", l), column_cell(c, "apology_missing", l),
                    column_cell(c, "apology_missing_rate", l)});
  };
  for (const ReportRow* g : ranked_groups(r)) {
    if (g->counts.apology_needed != 0) add(group_label(r, *g, l, false), g->counts);
  }
  if (r.total.counts.apology_needed == 0) return;
  add(label_of("row.total", l), r.total.counts);
  const std::vector<std::string> parts{label_of("count.apology_on_time", l),
                                       label_of("count.apology_late", l),
                                       label_of("count.apology_missing", l)};
  page.figure(stacked_bar_chart(label_of("html.chart.apologies", l), bars, parts,
                                {"#1e8449", "#d68910", kLate}),
              {{label_of(fmt::format("group.{}", to_string(r.options.by)), l), false},
               {label_of("count.apology_needed", l), true},
               {parts[0], true},
               {parts[1], true},
               {parts[2], true},
               {label_of("rate.apology_missing_rate", l), true}},
              rows);
}

void digitisation_chart(HtmlPage& page, const Report& r, Language l) {
  if (r.total.counts.received == 0) return;
  std::vector<Bar> bars;
  std::vector<std::vector<std::string>> rows;
  for (const RateId id :
       {RateId::digitised_rate, RateId::e_result_rate, RateId::digitised_e_result_rate,
        RateId::reused_rate, RateId::from_store_rate, RateId::vneid_rate, RateId::paid_online_rate,
        RateId::synced_rate}) {
    const Rate v = rate(r.total.counts, id);
    const std::string name = label_of(fmt::format("rate.{}", rate_info(id).name), l);
    bars.push_back({name, percent_of(v), rate_text(v, l)});
    rows.push_back({name, rate_text(v, l)});
  }
  page.figure(bar_chart(label_of("html.chart.digitisation", l), bars, "#7d3c98", std::nullopt, ""),
              {{label_of("html.indicator", l), false}, {label_of("column.rate", l), true}}, rows);
}

}  // namespace

void write_report_html(std::ostream& out, const Report& r, const ReportFormatOptions& o,
                       const ReportContext& context) {
  const Language l = o.language;
  const std::string title = report_title(r, l);
  HtmlPage page(title, l);
  page.heading(1, title);
  page.paragraph(say("html.generated", l, fmt::arg("version", version())), "meta");
  if (o.summary) {
    page.heading(2, label_of("report.summary", l));
    page.list(summary_sentences(summarize(r, context, o.rank, o.top), l));
  }
  page.heading(2, label_of("html.charts", l));
  if (context.monthly) monthly_chart(page, *context.monthly, r, l);
  ranking_chart(page, r, RateId::late_rate, "html.chart.late_by_unit", kLate, l);
  ranking_chart(page, r, RateId::online_rate, "html.chart.online_by_unit", kOnline, l);
  apology_chart(page, r, l);
  digitisation_chart(page, r, l);
  page.heading(2, label_of("html.figures", l));
  const ReportTable t = report_table(r, o);
  page.table(t.columns, t.rows);
  page.list({processing_line(r, l), rates_note(l)});
  const std::vector<std::string> lines = comparison_lines(r, o);
  if (!lines.empty()) {
    page.heading(2, label_of("html.comparisons", l));
    page.list(lines);
  }
  if (context.previous) {
    const ReportPeriod& then = context.previous->options.period;
    page.heading(2, say("report.compare_title", l, fmt::arg("from", format_day(then.from, l)),
                        fmt::arg("to", format_day(then.to, l))));
    const ReportTable c = compare_table(r, *context.previous, o);
    page.table(c.columns, c.rows);
  }
  out << page.str();
}

}  // namespace parmetrics::detail
