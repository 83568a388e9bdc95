#include <parmetrics/forms/form.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include <parmetrics/error.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/model/live_store.hpp>
#include <parmetrics/text/messages.hpp>

#include "detail/embedded_data.hpp"
#include "detail/json_document.hpp"
#include "text/translations_json.hpp"

namespace parmetrics {

namespace {

using nlohmann::json;

/// Reads a form file under one error contract: DataError(origin, JSON path, field, reason).
class FormReader {
 public:
  explicit FormReader(std::string_view origin) : origin_(origin) {}

  [[noreturn]] void fail(const std::string& path, const std::string& reason) const {
    throw DataError(origin_, path, "", reason);
  }

  std::string text(const json& parent, const char* key, const std::string& path,
                   bool required = true) const {
    const auto it = parent.find(key);
    if (it == parent.end()) {
      if (required) fail(path, fmt::format("no \"{}\"", key));
      return {};
    }
    if (!it->is_string()) {
      fail(fmt::format("{}.{}", path, key),
           fmt::format("not a string but {}", detail::describe_json(*it)));
    }
    return it->get<std::string>();
  }

  /// "a + b - c" over the counts' names.
  std::vector<CountTerm> expression(const std::string& expr, const std::string& path) const {
    std::vector<CountTerm> terms;
    int sign = 1;
    bool want_name = true;
    std::size_t i = 0;
    while (i < expr.size()) {
      const char c = expr[i];
      if (c == ' ') {
        ++i;
      } else if (!want_name && (c == '+' || c == '-')) {
        sign = c == '+' ? 1 : -1;
        want_name = true;
        ++i;
      } else if (want_name && (std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
        std::size_t j = i;
        while (j < expr.size() &&
               (std::isalnum(static_cast<unsigned char>(expr[j])) || expr[j] == '_')) {
          ++j;
        }
        const std::string_view name(expr.data() + i, j - i);
        const auto fields = count_fields();
        const auto f = std::find_if(fields.begin(), fields.end(),
                                    [&](const CountField& cf) { return cf.name == name; });
        if (f == fields.end()) fail(path, fmt::format("\"{}\" is not a count", name));
        terms.push_back({sign, static_cast<std::size_t>(f - fields.begin())});
        want_name = false;
        i = j;
      } else {
        fail(path, fmt::format("\"{}\": expected {} at character {}", expr,
                               want_name ? "a count's name" : "+ or -", i + 1));
      }
    }
    if (want_name) fail(path, fmt::format("\"{}\": expected a count's name at its end", expr));
    return terms;
  }

  /// The header tree: cells placed row by row, leaves as columns.
  void header(const json& nodes, const std::string& path, int row, int& column,
              FormDefinition& form, const std::string& label_path) const {
    if (!nodes.is_array() || nodes.empty()) fail(path, "not a non-empty array");
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      const json& node = nodes[n];
      const std::string here = fmt::format("{}[{}]", path, n);
      if (!node.is_object()) fail(here, "not an object");
      FormHeaderCell cell;
      cell.label = text(node, "label", here);
      cell.row = row;
      cell.column = column;
      const std::string full =
          label_path.empty() ? cell.label : fmt::format("{} — {}", label_path, cell.label);
      if (const auto children = node.find("children"); children != node.end()) {
        const int first = column;
        const std::size_t index = form.header.size();
        form.header.push_back(cell);
        header(*children, here + ".children", row + 1, column, form, full);
        form.header[index].column_span = column - first;
        continue;
      }
      FormColumn col;
      col.key = text(node, "key", here);
      col.label = full;
      col.number = column + 1;
      const std::string kind = text(node, "kind", here, false);
      if (kind == "stt") {
        col.kind = FormColumn::Kind::stt;
      } else if (kind == "group") {
        col.kind = FormColumn::Kind::group;
      } else if (kind.empty() || kind == "count") {
        col.terms = expression(text(node, "count", here), here + ".count");
      } else {
        fail(here + ".kind", fmt::format("\"{}\" is not stt, group or count", kind));
      }
      for (const FormColumn& other : form.columns) {
        if (other.key == col.key) fail(here + ".key", fmt::format("\"{}\" twice", col.key));
      }
      form.columns.push_back(std::move(col));
      form.header.push_back(cell);
      ++column;
    }
  }

  std::size_t column_index(const FormDefinition& form, std::string_view key,
                           const std::string& path) const {
    for (std::size_t c = 0; c < form.columns.size(); ++c) {
      if (form.columns[c].key == key && form.columns[c].kind == FormColumn::Kind::count) return c;
    }
    fail(path, fmt::format("\"{}\" is not a count column of the form", key));
  }

  FormCheck check(const FormDefinition& form, const std::string& text,
                  const std::string& path) const {
    FormCheck check;
    check.text = text;
    const auto eq = text.find('=');
    if (eq == std::string::npos) fail(path, fmt::format("\"{}\" has no '='", text));
    const auto trim = [](std::string_view s) {
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      return s;
    };
    check.left = column_index(form, trim(std::string_view(text).substr(0, eq)), path);
    int sign = 1;
    std::string_view rest = std::string_view(text).substr(eq + 1);
    while (true) {
      rest = trim(rest);
      const auto op = rest.find_first_of("+-");
      const std::string_view name = trim(rest.substr(0, op));
      check.right.emplace_back(sign, column_index(form, name, path));
      if (op == std::string_view::npos) break;
      sign = rest[op] == '+' ? 1 : -1;
      rest = rest.substr(op + 1);
    }
    return check;
  }

  FormDefinition read(std::string_view text_in) const {
    const json doc = detail::parse_json_document(text_in, origin_);
    if (!doc.is_object()) fail("$", "a form is an object");
    FormDefinition form;
    form.id = text(doc, "id", "$");
    form.code = text(doc, "code", "$", false);
    form.basis = text(doc, "basis", "$", false);
    if (const auto t = doc.find("title"); t != doc.end()) {
      if (!t->is_array()) fail("$.title", "not an array of lines");
      for (std::size_t i = 0; i < t->size(); ++i) {
        if (!(*t)[i].is_string()) fail(fmt::format("$.title[{}]", i), "not a string");
        form.title.push_back((*t)[i].get<std::string>());
      }
    }
    form.unit_of_measure = text(doc, "unit_of_measure", "$", false);
    const auto h = doc.find("header");
    if (h == doc.end()) fail("$", "no \"header\"");
    int column = 0;
    header(*h, "$.header", 0, column, form, "");
    for (const FormHeaderCell& c : form.header)
      form.header_rows = std::max(form.header_rows, c.row + 1);
    // A leaf reaches down to the last header row.
    for (FormHeaderCell& c : form.header) {
      const bool has_child =
          std::any_of(form.header.begin(), form.header.end(), [&](const FormHeaderCell& o) {
            return o.row == c.row + 1 && o.column >= c.column &&
                   o.column < c.column + c.column_span;
          });
      if (!has_child) c.row_span = form.header_rows - c.row;
    }
    if (const auto s = doc.find("sections"); s != doc.end()) {
      if (!s->is_array()) fail("$.sections", "not an array");
      for (std::size_t i = 0; i < s->size(); ++i) {
        const std::string here = fmt::format("$.sections[{}]", i);
        const json& node = (*s)[i];
        if (!node.is_object()) fail(here, "not an object");
        FormSection section{text(node, "id", here), text(node, "label", here), {}};
        const auto levels = node.find("levels");
        if (levels == node.end() || !levels->is_array()) fail(here, "no \"levels\" array");
        for (const json& l : *levels) {
          if (!l.is_string()) fail(here + ".levels", "not a string");
          section.levels.push_back(l.get<std::string>());
        }
        form.sections.push_back(std::move(section));
      }
    }
    form.other_section = text(doc, "other_section", "$", false);
    if (form.other_section.empty()) form.other_section = "Khác";
    form.total_label = text(doc, "total", "$", false);
    if (form.total_label.empty()) form.total_label = "Tổng số";
    if (const auto c = doc.find("checks"); c != doc.end()) {
      if (!c->is_array()) fail("$.checks", "not an array");
      for (std::size_t i = 0; i < c->size(); ++i) {
        const std::string here = fmt::format("$.checks[{}]", i);
        if (!(*c)[i].is_string()) fail(here, "not a string");
        form.checks.push_back(check(form, (*c)[i].get<std::string>(), here));
      }
    }
    if (const auto n = doc.find("notes"); n != doc.end()) {
      if (!n->is_array()) fail("$.notes", "not an array");
      for (std::size_t i = 0; i < n->size(); ++i) {
        const std::string here = fmt::format("$.notes[{}]", i);
        if (!(*n)[i].is_object()) fail(here, "not an object");
        FormNote note{text((*n)[i], "text", here), {}};
        if (note.text.find("{}") == std::string::npos)
          fail(here + ".text", "no \"{}\" for the count");
        note.terms = expression(text((*n)[i], "count", here), here + ".count");
        form.notes.push_back(std::move(note));
      }
    }
    form.english = detail::read_translations(doc, origin_);
    return form;
  }

 private:
  std::string origin_;
};

std::int64_t evaluate(const std::vector<CountTerm>& terms, const MetricCounts& counts) {
  const auto fields = count_fields();
  std::int64_t v = 0;
  for (const CountTerm& t : terms) {
    v += t.sign * static_cast<std::int64_t>(counts.*fields[t.field].member);
  }
  return v;
}

std::string roman(std::size_t n) {
  static constexpr std::pair<std::size_t, const char*> kDigits[] = {
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
      {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  std::string s;
  for (const auto& [value, digits] : kDigits) {
    while (n >= value) {
      s += digits;
      n -= value;
    }
  }
  return s;
}

/// The section of a level: its index in the form, or sections.size() for none.
std::size_t section_of(const FormDefinition& form, std::string_view level) {
  for (std::size_t s = 0; s < form.sections.size(); ++s) {
    const auto& levels = form.sections[s].levels;
    if (std::find(levels.begin(), levels.end(), level) != levels.end()) return s;
  }
  return form.sections.size();
}

/// The section of a unit: its level's, else its nearest ancestor's (a district's department is
/// district-level, a province's department provincial), else sections.size() ("other").
std::size_t section_of(const FormDefinition& form, const UnitRegistry& units, UnitId unit) {
  for (const UnitId a : units.ancestors_and_self(unit)) {
    const std::size_t s = section_of(form, units[a].level);
    if (s != form.sections.size()) return s;
  }
  return form.sections.size();
}

struct Group {
  std::string key, label;
  MetricCounts counts;
};

/// The groups of each section (sections.size() + 1 lists, the last "other"): units, or fields
/// (one pass per section over its units), or the sections themselves; `total` gets the report
/// whose total is every dossier once.
/// How a form computes its reports: compute_report on a store or on a snapshot.
using RunReport = std::function<Report(const ReportOptions&)>;

std::vector<std::vector<Group>> groups_by_section(const FormDefinition& form,
                                                  const RunReport& run_report,
                                                  const UnitRegistry& units,
                                                  const FormOptions& options, Report& total) {
  std::vector<std::vector<Group>> out(form.sections.size() + 1);
  ReportOptions ro;
  ro.period = options.period;
  ro.policy = options.policy;
  ro.filter = options.filter;
  ro.threads = options.threads;
  ro.processing_quantiles = false;
  ro.roll_up = false;
  ro.by = GroupBy::unit;
  Report by_unit = run_report(ro);
  std::vector<std::vector<UnitId>> members(out.size());
  for (const ReportRow& row : by_unit.rows) {
    const std::size_t s = section_of(form, units, *row.unit);
    if (options.by != FormGrouping::field) {
      // By level, compute_form sums a section's units into its one row.
      out[s].push_back({row.key, row.name.empty() ? row.key : row.name, row.counts});
      continue;
    }
    const auto& wanted = options.filter.units;
    const auto chain = units.ancestors_and_self(*row.unit);
    if (wanted.empty() || std::any_of(chain.begin(), chain.end(), [&](UnitId a) {
          return std::find(wanted.begin(), wanted.end(), a) != wanted.end();
        })) {
      members[s].push_back(*row.unit);
    }
  }
  if (options.by == FormGrouping::field) {
    for (std::size_t s = 0; s < out.size(); ++s) {
      if (members[s].empty()) continue;
      ReportOptions part = ro;
      part.by = GroupBy::field;
      part.filter.units = members[s];
      part.filter.subtrees = false;
      const Report report = run_report(part);
      for (const ReportRow& row : report.rows) {
        out[s].push_back(
            {row.key,
             row.key.empty() ? std::string(message("form.unknown_field", Language::vi)) : row.key,
             row.counts});
      }
    }
  }
  total = std::move(by_unit);
  return out;
}

FormRow make_row(const FormDefinition& form, FormRow::Kind kind, std::string stt, std::string key,
                 std::string label, std::string section, const MetricCounts& counts) {
  FormRow row{kind, std::move(stt), std::move(key), std::move(label), std::move(section), {}};
  row.values.reserve(form.columns.size());
  for (const FormColumn& c : form.columns) row.values.push_back(evaluate(c.terms, counts));
  return row;
}

void verify(const Form& form) {
  const FormDefinition& def = form.definition;
  for (const FormRow& row : form.rows) {
    for (const FormCheck& check : def.checks) {
      std::int64_t right = 0;
      for (const auto& [sign, c] : check.right) right += sign * row.values[c];
      if (row.values[check.left] != right) {
        // The form's own arithmetic: a definition whose checks its columns cannot meet.
        throw DataError(
            def.id, fmt::format("row {} ({})", row.stt.empty() ? row.key : row.stt, row.label),
            check.text, fmt::format("the check fails: {} ≠ {}", row.values[check.left], right));
      }
    }
  }
  // The groups add up to the total, column by column.
  std::vector<std::int64_t> sum(def.columns.size(), 0);
  for (const FormRow& row : form.rows) {
    if (row.kind != FormRow::Kind::group) continue;
    for (std::size_t c = 0; c < sum.size(); ++c) sum[c] += row.values[c];
  }
  const FormRow& total = form.rows.back();
  for (std::size_t c = 0; c < sum.size(); ++c) {
    if (def.columns[c].kind == FormColumn::Kind::count && sum[c] != total.values[c]) {
      throw DataError(
          def.id, fmt::format("column ({})", def.columns[c].number), def.columns[c].key,
          fmt::format("the groups sum to {}, the total is {}", sum[c], total.values[c]));
    }
  }
}

}  // namespace

FormDefinition FormDefinition::parse(std::string_view json_text, std::string_view origin) {
  return FormReader(origin).read(json_text);
}

std::optional<FormDefinition> FormDefinition::builtin(std::string_view id) {
  const std::string path = fmt::format("forms/{}.json", id);
  const std::string_view text = detail::embedded_file(path);
  if (text.empty()) return std::nullopt;
  return parse(text, path);
}

namespace {

Form form_from_reports(const FormDefinition& definition, const RunReport& run_report,
                       const UnitRegistry& units, const FormOptions& options) {
  Form form{definition, options, {}, {}, {}, options.reporting_unit};
  if (form.reporting_unit.empty()) {
    std::vector<UnitId> tops;
    for (UnitId u = 0; u < units.size(); ++u) {
      if (!units.parent(u)) tops.push_back(u);
    }
    const auto& wanted = options.filter.units;
    const std::optional<UnitId> one = wanted.size() == 1 ? std::optional<UnitId>(wanted[0])
                                      : tops.size() == 1 ? std::optional<UnitId>(tops[0])
                                                         : std::nullopt;
    if (one) form.reporting_unit = units[*one].name.empty() ? units[*one].code : units[*one].name;
  }
  Report total;
  const auto sections = groups_by_section(definition, run_report, units, options, total);
  std::size_t number = 0;
  for (std::size_t s = 0; s < sections.size(); ++s) {
    if (sections[s].empty()) continue;
    const bool other = s == definition.sections.size();
    const std::string id = other ? "other" : definition.sections[s].id;
    const std::string label = other ? definition.other_section : definition.sections[s].label;
    MetricCounts sum;
    for (const Group& g : sections[s]) sum += g.counts;
    ++number;
    if (options.by == FormGrouping::level) {
      form.rows.push_back(
          make_row(definition, FormRow::Kind::group, std::to_string(number), id, label, id, sum));
      continue;
    }
    form.rows.push_back(
        make_row(definition, FormRow::Kind::section, roman(number), id, label, id, sum));
    std::size_t n = 0;
    for (const Group& g : sections[s]) {
      form.rows.push_back(make_row(definition, FormRow::Kind::group, std::to_string(++n),
                                   options.by == FormGrouping::field ? id + "/" + g.key : g.key,
                                   g.label, id, g.counts));
    }
  }
  form.rows.push_back(make_row(definition, FormRow::Kind::total, "", "total",
                               definition.total_label, "", total.total.counts));
  for (std::size_t i = 0; i < definition.notes.size(); ++i) {
    const FormNote& note = definition.notes[i];
    const std::int64_t n = evaluate(note.terms, total.total.counts);
    if (n == 0) continue;
    form.note_counts.emplace_back(i, n);
    std::string text = note.text;
    text.replace(text.find("{}"), 2, std::to_string(n));
    form.notes.push_back(std::move(text));
  }
  verify(form);
  return form;
}

}  // namespace

Form compute_form(const FormDefinition& definition, const DossierStore& store,
                  const UnitRegistry& units, const ProcedureCatalog& procedures,
                  const WorkingCalendar& calendar, const FormOptions& options) {
  return form_from_reports(
      definition,
      [&](const ReportOptions& o) { return compute_report(store, units, procedures, calendar, o); },
      units, options);
}

Form compute_form(const FormDefinition& definition, const StoreSnapshot& snapshot,
                  const UnitRegistry& units, const ProcedureCatalog& procedures,
                  const WorkingCalendar& calendar, const FormOptions& options) {
  return form_from_reports(
      definition,
      [&](const ReportOptions& o) {
        return compute_report(snapshot, units, procedures, calendar, o);
      },
      units, options);
}

}  // namespace parmetrics
