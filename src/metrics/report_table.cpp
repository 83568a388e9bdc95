// The report for people, as a terminal table and as Markdown (report_text.hpp).

#include <fmt/format.h>

#include <ostream>

#include <parmetrics/metrics/report_summary.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include "metrics/report_text.hpp"
#include "text/layout.hpp"
#include "text/say.hpp"

namespace parmetrics::detail {

namespace {

std::string compare_title(const ReportContext& context, Language l) {
  const ReportPeriod& then = context.previous->options.period;
  return say("report.compare_title", l, fmt::arg("from", format_day(then.from, l)),
             fmt::arg("to", format_day(then.to, l)));
}

std::vector<std::string> sentences(const Report& r, const ReportFormatOptions& o,
                                   const ReportContext& context) {
  if (!o.summary) return {};
  return summary_sentences(summarize(r, context, o.rank, o.top), o.language);
}

}  // namespace

void write_report_table(std::ostream& out, const Report& r, const ReportFormatOptions& o,
                        const ReportContext& context) {
  const Language l = o.language;
  std::string s = wrap(report_title(r, l), kTableWidth, "  ");
  s += '\n';
  const ReportTable t = report_table(r, o);
  s += text_table(t.columns, t.rows, kTableWidth, {t.rows.size() - 1});
  s += '\n';
  s += wrap(processing_line(r, l), kTableWidth, "  ");
  s += wrap(rates_note(l), kTableWidth, "  ");
  for (const std::string& line : comparison_lines(r, o)) s += wrap(line, kTableWidth, "  ");
  if (context.previous) {
    s += '\n';
    s += wrap(compare_title(context, l), kTableWidth, "  ");
    const ReportTable c = compare_table(r, *context.previous, o);
    s += text_table(c.columns, c.rows, kTableWidth, {c.rows.size() - 1});
  }
  const std::vector<std::string> summary = sentences(r, o, context);
  if (!summary.empty()) {
    s += fmt::format("\n{}\n", message("report.summary", l));
    for (const std::string& sentence : summary) s += wrap("- " + sentence, kTableWidth, "  ");
  }
  out << s;
}

void write_report_markdown(std::ostream& out, const Report& r, const ReportFormatOptions& o,
                           const ReportContext& context) {
  const Language l = o.language;
  std::string s = fmt::format("## {}\n\n", report_title(r, l));
  ReportTable t = report_table(r, o);
  for (std::string& cell : t.rows.back()) {
    if (!cell.empty()) cell = fmt::format("**{}**", cell);
  }
  s += markdown_table(t.columns, t.rows);
  s += fmt::format("\n- {}\n- {}\n", processing_line(r, l), rates_note(l));
  for (const std::string& line : comparison_lines(r, o)) s += fmt::format("- {}\n", line);
  if (context.previous) {
    s += fmt::format("\n### {}\n\n", compare_title(context, l));
    const ReportTable c = compare_table(r, *context.previous, o);
    s += markdown_table(c.columns, c.rows);
  }
  const std::vector<std::string> summary = sentences(r, o, context);
  if (!summary.empty()) {
    s += fmt::format("\n### {}\n\n", message("report.summary", l));
    for (const std::string& sentence : summary) s += fmt::format("- {}\n", sentence);
  }
  out << s;
}

}  // namespace parmetrics::detail
