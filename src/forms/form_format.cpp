// A form as text: CSV for machines (stable keys, no sections), a table and markdown for people
// (the form's own labels, numbered columns, numbers and dates as the language writes them).

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include "forms/form_text.hpp"
#include "text/layout.hpp"
#include "text/say.hpp"

namespace parmetrics {

namespace {

using detail::fit;
using detail::say;
using detail::short_name;
using detail::wrap;
constexpr std::size_t kWidth = detail::kTableWidth;

std::string csv(const Form& form) {
  const FormDefinition& def = form.definition;
  std::string out;
  for (std::size_t c = 0; c < def.columns.size(); ++c) {
    if (c != 0) out += ',';
    out += def.columns[c].key;
  }
  out += '\n';
  for (const FormRow& row : form.rows) {
    if (row.kind == FormRow::Kind::section) continue;
    for (std::size_t c = 0; c < def.columns.size(); ++c) {
      if (c != 0) out += ',';
      switch (def.columns[c].kind) {
        case FormColumn::Kind::stt:
          out += row.kind == FormRow::Kind::total ? "" : row.stt;
          break;
        case FormColumn::Kind::group:
          out += csv_field(row.key);
          break;
        case FormColumn::Kind::count:
          out += std::to_string(row.values[c]);
          break;
      }
    }
    out += '\n';
  }
  return out;
}

/// A column's label in the language: each level of the header path on its own.
std::string column_label(const FormDefinition& def, const FormColumn& c, Language l) {
  std::string out;
  std::string_view rest = c.label;
  constexpr std::string_view kLevel = " — ";
  while (true) {
    const std::size_t cut = rest.find(kLevel);
    out += def.english.in(rest.substr(0, cut), l);
    if (cut == std::string_view::npos) break;
    out += kLevel;
    rest = rest.substr(cut + kLevel.size());
  }
  return out;
}

/// A row's label: a section's and the total's in the language, a unit's name or a field as is.
std::string row_label(const Form& form, const FormRow& row, Language l) {
  if (row.kind == FormRow::Kind::group) return detail::group_label(row, l);
  return std::string(form.definition.english.in(row.label, l));
}

/// Title, basis, period and the legend of the numbered columns.
std::string preamble(const Form& form, bool markdown, Language l) {
  const FormDefinition& def = form.definition;
  const Translations& en = def.english;
  std::string out;
  const std::string strong = markdown ? "**" : "";
  if (!def.code.empty()) out += fmt::format("{}{}{}", strong, en.in(def.code, l), strong);
  if (!def.basis.empty()) {
    out += fmt::format("{}{}", def.code.empty() ? "" : " — ", en.in(def.basis, l));
  }
  if (!out.empty()) out = markdown ? out + "\n\n" : wrap(out, kWidth);
  for (const std::string& line : def.title) {
    out += fmt::format("{}{}{}", markdown ? "## " : "", en.in(line, l), markdown ? "\n\n" : "\n");
  }
  const char* end = markdown ? "  \n" : "\n";
  if (!form.reporting_unit.empty()) {
    out += say("form.reporting_unit", l, fmt::arg("unit", form.reporting_unit)) + end;
  }
  if (!form.options.receiving_unit.empty()) {
    out += say("form.receiving_unit", l, fmt::arg("unit", form.options.receiving_unit)) + end;
  }
  out += say("form.period", l, fmt::arg("from", format_day(form.options.period.from, l)),
             fmt::arg("to", format_day(form.options.period.to, l))) +
         "\n";
  if (markdown) out += '\n';
  if (!def.unit_of_measure.empty())
    out += fmt::format("{}{}", en.in(def.unit_of_measure, l), markdown ? "\n\n" : "\n");
  if (!markdown) out += '\n';
  for (const FormColumn& c : def.columns) {
    const std::string legend = fmt::format("({}) {}", c.number, column_label(def, c, l));
    out += markdown ? fmt::format("- {}\n", legend) : wrap(legend, kWidth, "     ");
  }
  out += '\n';
  return out;
}

std::string notes(const Form& form, bool markdown, Language l) {
  std::string out;
  for (const std::string& n : form_notes(form, l)) {
    out += '\n';
    out += markdown ? fmt::format("{}\n", n) : wrap(fmt::format("* {}", n), kWidth, "  ");
  }
  return out;
}

std::string table(const Form& form, Language l) {
  const FormDefinition& def = form.definition;
  std::string out = preamble(form, false, l);
  // Each number column as wide as its widest figure or its "(n)", the group column what is left
  // of 120 (at most 27, at least 12): 4 + 27 + 11 × 7 for Biểu 06 on a province's figures.
  constexpr std::size_t kStt = 4, kGroupMax = 27, kGroupMin = 12;
  std::vector<std::size_t> widths(def.columns.size(), kStt);
  std::size_t used = 0;
  std::size_t group_columns = 0;
  for (std::size_t c = 0; c < def.columns.size(); ++c) {
    if (def.columns[c].kind == FormColumn::Kind::count) {
      std::size_t w = std::max<std::size_t>(5, fmt::format("({})", def.columns[c].number).size());
      for (const FormRow& row : form.rows) w = std::max(w, format_count(row.values[c], l).size());
      widths[c] = w;
    }
    if (def.columns[c].kind == FormColumn::Kind::group) {
      ++group_columns;
    } else {
      used += widths[c];
    }
    used += c == 0 ? 0 : 1;
  }
  const std::size_t left =
      kWidth > used ? (kWidth - used) / std::max<std::size_t>(group_columns, 1) : 0;
  for (std::size_t c = 0; c < def.columns.size(); ++c) {
    if (def.columns[c].kind == FormColumn::Kind::group)
      widths[c] = std::clamp(left, kGroupMin, kGroupMax);
  }
  std::string header, rule;
  for (std::size_t i = 0; i < def.columns.size(); ++i) {
    const FormColumn& c = def.columns[i];
    const std::size_t w = widths[i];
    const std::string label = fmt::format("({})", c.number);
    if (!header.empty()) header += ' ';
    header += fit(label, w, c.kind == FormColumn::Kind::count);
    if (!rule.empty()) rule += ' ';
    rule.append(w, '-');
  }
  out += fmt::format("{}\n{}\n", header, rule);
  for (const FormRow& row : form.rows) {
    std::string line;
    for (std::size_t c = 0; c < def.columns.size(); ++c) {
      const FormColumn& col = def.columns[c];
      if (!line.empty()) line += ' ';
      switch (col.kind) {
        case FormColumn::Kind::stt:
          line += fit(row.stt, widths[c], false);
          break;
        case FormColumn::Kind::group:
          line += fit(row.kind == FormRow::Kind::group ? fmt::format("  {}", short_name(row.label))
                                                       : row_label(form, row, l),
                      widths[c], false);
          break;
        case FormColumn::Kind::count:
          line += fit(format_count(row.values[c], l), widths[c], true);
          break;
      }
    }
    if (row.kind == FormRow::Kind::total) out += fmt::format("{}\n", rule);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += fmt::format("{}\n", line);
  }
  out += notes(form, false, l);
  return out;
}

std::string markdown(const Form& form, Language l) {
  const FormDefinition& def = form.definition;
  std::string out = preamble(form, true, l);
  std::string header = "|", rule = "|";
  for (const FormColumn& c : def.columns) {
    header += fmt::format(" ({}) |", c.number);
    rule += c.kind == FormColumn::Kind::count ? " ---: |" : " --- |";
  }
  out += fmt::format("{}\n{}\n", header, rule);
  for (const FormRow& row : form.rows) {
    const bool bold = row.kind != FormRow::Kind::group;
    std::string line = "|";
    for (std::size_t c = 0; c < def.columns.size(); ++c) {
      std::string cell;
      switch (def.columns[c].kind) {
        case FormColumn::Kind::stt:
          cell = row.stt;
          break;
        case FormColumn::Kind::group:
          cell = row_label(form, row, l);
          for (std::size_t p = 0; (p = cell.find('|', p)) != std::string::npos; p += 2) {
            cell.replace(p, 1, "\\|");
          }
          break;
        case FormColumn::Kind::count:
          cell = format_count(row.values[c], l);
          break;
      }
      line += bold && !cell.empty() ? fmt::format(" **{}** |", cell) : fmt::format(" {} |", cell);
    }
    out += fmt::format("{}\n", line);
  }
  out += notes(form, true, l);
  return out;
}

}  // namespace

std::string detail::group_label(const FormRow& row, Language language) {
  const std::string_view unknown = message("form.unknown_field", Language::vi);
  return row.label == unknown ? std::string(message("form.unknown_field", language)) : row.label;
}

std::vector<std::string> form_notes(const Form& form, Language language) {
  std::vector<std::string> out;
  for (const auto& [index, count] : form.note_counts) {
    std::string n(form.definition.english.in(form.definition.notes[index].text, language));
    if (const std::size_t at = n.find("{}"); at != std::string::npos) {
      n.replace(at, 2, format_count(count, language));
    }
    out.push_back(std::move(n));
  }
  return out;
}

std::string format_form(const Form& form, FormFormat format, Language language) {
  switch (format) {
    case FormFormat::csv:
      return csv(form);
    case FormFormat::markdown:
      return markdown(form, language);
    case FormFormat::html:
      return detail::form_html(form, language);
    case FormFormat::table:
      break;
  }
  return table(form, language);
}

}  // namespace parmetrics
