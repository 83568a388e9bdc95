// A form as one self-contained HTML page: the header block, the header's merged cells as the form
// prints them (rowspan, colspan), the numbered columns, sections and total in bold, the notes.

#include <fmt/format.h>

#include <parmetrics/forms/form.hpp>
#include <parmetrics/text/number_format.hpp>

#include "forms/form_text.hpp"
#include "html/page.hpp"
#include "html/svg.hpp"
#include "text/say.hpp"

namespace parmetrics::detail {

std::string form_html(const Form& form, Language l) {
  const FormDefinition& def = form.definition;
  const auto tr = [&](std::string_view vi) { return xml_escape(def.english.in(vi, l)); };
  const std::string title = def.title.empty() ? std::string(def.code) : def.title.front();
  HtmlPage page(std::string(def.english.in(title, l)), l);
  std::string head = "<div class=\"form-head\"><div>";
  if (!def.code.empty()) head += fmt::format("<strong>{}</strong><br>", tr(def.code));
  if (!def.basis.empty()) head += fmt::format("<em>{}</em>", tr(def.basis));
  head += "</div><div class=\"right\">";
  if (!form.reporting_unit.empty()) {
    head +=
        xml_escape(say("form.reporting_unit", l, fmt::arg("unit", form.reporting_unit))) + "<br>";
  }
  if (!form.options.receiving_unit.empty()) {
    head +=
        xml_escape(say("form.receiving_unit", l, fmt::arg("unit", form.options.receiving_unit)));
  }
  head += "</div></div>\n";
  page.raw(head);
  for (const std::string& line : def.title)
    page.raw(fmt::format("<h1 class=\"c\">{}</h1>\n", tr(line)));
  page.paragraph(say("form.period", l, fmt::arg("from", format_day(form.options.period.from, l)),
                     fmt::arg("to", format_day(form.options.period.to, l))),
                 "c");
  if (!def.unit_of_measure.empty())
    page.raw(fmt::format("<p class=\"r\">{}</p>\n", tr(def.unit_of_measure)));
  std::string t = "<table class=\"form\">\n<thead>\n";
  for (int r = 0; r < def.header_rows; ++r) {
    t += "<tr>";
    for (const FormHeaderCell& c : def.header) {
      if (c.row != r) continue;
      t += fmt::format("<th rowspan=\"{}\" colspan=\"{}\">{}</th>", c.row_span, c.column_span,
                       tr(c.label));
    }
    t += "</tr>\n";
  }
  t += "<tr class=\"numbers\">";
  for (const FormColumn& c : def.columns) t += fmt::format("<th>({})</th>", c.number);
  t += "</tr>\n</thead>\n<tbody>\n";
  for (const FormRow& row : form.rows) {
    t += row.kind == FormRow::Kind::group ? "<tr>" : "<tr class=\"total\">";
    for (std::size_t c = 0; c < def.columns.size(); ++c) {
      switch (def.columns[c].kind) {
        case FormColumn::Kind::stt:
          t += fmt::format("<td class=\"c\">{}</td>", xml_escape(row.stt));
          break;
        case FormColumn::Kind::group:
          t += fmt::format("<td>{}</td>", row.kind == FormRow::Kind::group
                                              ? xml_escape(group_label(row, l))
                                              : tr(row.label));
          break;
        case FormColumn::Kind::count:
          t += fmt::format("<td class=\"n\">{}</td>", format_count(row.values[c], l));
          break;
      }
    }
    t += "</tr>\n";
  }
  t += "</tbody>\n</table>\n";
  page.raw(t);
  for (const std::string& n : form_notes(form, l)) page.paragraph(n, "note");
  return page.str();
}

}  // namespace parmetrics::detail
