#include "html/page.hpp"

#include <fmt/format.h>

#include "html/svg.hpp"

namespace parmetrics::detail {

namespace {

constexpr std::string_view kStyle = R"(
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 13px;
         color: #222; margin: 24px auto; max-width: 1180px; }
  h1 { font-size: 20px; margin: 0 0 6px; }
  h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 1px solid #bbb; }
  p.meta { color: #555; margin: 0 0 12px; }
  ul.summary li { margin: 3px 0; }
  table { border-collapse: collapse; margin: 6px 0 14px; }
  th, td { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; }
  th { background: #eef2f6; font-weight: 600; text-align: center; }
  td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  tr.total td { font-weight: bold; border-top: 2px solid #444; }
  tbody tr:nth-child(even) td { background: #fafbfc; }
  figure { margin: 10px 0 18px; break-inside: avoid; }
  figure svg { width: 100%; height: auto; max-width: 960px; display: block; }
  figure table { font-size: 12px; }
  .c { text-align: center; } .r { text-align: right; }
  h1.c { font-size: 17px; margin: 14px 0 4px; }
  div.form-head { display: flex; justify-content: space-between; }
  div.form-head .right { text-align: right; }
  table.form th { font-weight: 600; } table.form tr.numbers th { font-style: italic; font-weight: normal; }
  p.note { font-style: italic; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
                 tr { break-inside: avoid; } }
)";

std::string table_html(const std::vector<TextColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows, bool total_last) {
  std::string s = "<table>\n<thead><tr>";
  for (const TextColumn& c : columns) s += fmt::format("<th>{}</th>", xml_escape(c.label));
  s += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool total = total_last && i + 1 == rows.size();
    s += total ? "<tr class=\"total\">" : "<tr>";
    for (std::size_t j = 0; j < columns.size(); ++j) {
      const std::string cell = j < rows[i].size() ? rows[i][j] : std::string();
      // A unit's indentation (two spaces a level) as a padding the page keeps.
      std::size_t depth = 0;
      while (depth < cell.size() && cell[depth] == ' ') ++depth;
      const std::string style =
          depth > 0 ? fmt::format(" style=\"padding-left:{}px\"", 6 + 7 * depth) : "";
      s += fmt::format("<td{}{}>{}</td>", columns[j].right ? " class=\"n\"" : "", style,
                       xml_escape(cell.substr(depth)));
    }
    s += "</tr>\n";
  }
  return s + "</tbody>\n</table>\n";
}

}  // namespace

HtmlPage::HtmlPage(std::string title, Language language)
    : title_(std::move(title)), language_(language) {}

void HtmlPage::heading(int level, std::string_view text) {
  body_ += fmt::format("<h{0}>{1}</h{0}>\n", level, xml_escape(text));
}

void HtmlPage::paragraph(std::string_view text, std::string_view css_class) {
  body_ += css_class.empty() ? fmt::format("<p>{}</p>\n", xml_escape(text))
                             : fmt::format("<p class=\"{}\">{}</p>\n", css_class, xml_escape(text));
}

void HtmlPage::list(const std::vector<std::string>& items) {
  body_ += "<ul class=\"summary\">\n";
  for (const std::string& i : items) body_ += fmt::format("<li>{}</li>\n", xml_escape(i));
  body_ += "</ul>\n";
}

void HtmlPage::table(const std::vector<TextColumn>& columns,
                     const std::vector<std::vector<std::string>>& rows, bool total_last) {
  body_ += table_html(columns, rows, total_last);
}

void HtmlPage::figure(const std::string& svg, const std::vector<TextColumn>& columns,
                      const std::vector<std::vector<std::string>>& rows) {
  body_ += "<figure>\n" + svg + table_html(columns, rows, false) + "</figure>\n";
}

void HtmlPage::raw(std::string_view html) {
  body_ += html;
}

std::string HtmlPage::str() const {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"parmetrics\">\n<title>{}</title>\n<style>{}</style>\n"
      "</head>\n<body>\n{}</body>\n</html>\n",
      to_string(language_), xml_escape(title_), kStyle, body_);
}

}  // namespace parmetrics::detail
