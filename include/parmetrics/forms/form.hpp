#pragma once
// The reports a unit files (biểu mẫu báo cáo), as data: a form is a header tree with numbered
// columns, each column a count expression over the report's counts (metric_counts.hpp), rows
// grouped by level into sections, and check equations every output is verified against. Biểu số
// 06/VPCP/KSTT of Thông tư 01/2020/TT-VPCP is built in (data/forms/vpcp-06.json); a province adds
// its own form as a file, without code. docs/forms.md says how each column is counted.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/text/language.hpp>
#include <parmetrics/text/translations.hpp>

namespace parmetrics {

/// A count expression: a sum of counts, each with a sign ("early + on_time + late").
struct CountTerm {
  int sign = 1;
  std::size_t field = 0;  ///< index into count_fields()
};

/// A numbered column of a form.
struct FormColumn {
  enum class Kind : std::uint8_t { stt, group, count };
  Kind kind = Kind::count;
  std::string key;    ///< stable English name: the CSV column
  std::string label;  ///< the leaf's label path, " — " between levels
  int number = 0;     ///< (1), (2), … as the form prints it
  std::vector<CountTerm> terms;
};

/// A cell of the header as the form prints it: row and column from 0, spans of merged cells.
struct FormHeaderCell {
  std::string label;
  int row = 0, column = 0, row_span = 1, column_span = 1;
};

/// Rows of a form are grouped into sections by the unit's level ("Sở ban ngành", "Huyện", "Xã").
struct FormSection {
  std::string id;     ///< stable English name, e.g. "district"
  std::string label;  ///< as the form prints it
  std::vector<std::string> levels;
};

/// A check equation: column `left` equals the signed sum of the others.
struct FormCheck {
  std::string text;  ///< as written, e.g. "received_total = processed_total + pending_total"
  std::size_t left = 0;
  std::vector<std::pair<int, std::size_t>> right;  ///< sign, column index
};

/// A note printed under the form when its count is not zero ("Gồm {} hồ sơ …").
struct FormNote {
  std::string text;  ///< with one "{}" for the count
  std::vector<CountTerm> terms;
};

struct FormDefinition {
  std::string id;     ///< "vpcp-06"
  std::string code;   ///< "Biểu số 06/VPCP/KSTT"
  std::string basis;  ///< "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
  std::vector<std::string> title;
  std::string unit_of_measure;  ///< "Đơn vị tính: Số hồ sơ TTHC"
  std::vector<FormHeaderCell> header;
  int header_rows = 1;
  std::vector<FormColumn> columns;
  std::vector<FormSection> sections;
  std::string other_section;  ///< label of the section for levels no section names
  std::string total_label;    ///< "Tổng số"
  std::vector<FormCheck> checks;
  std::vector<FormNote> notes;
  /// The English of the form's labels (its "en" object): titles, header, sections, notes.
  Translations english;

  /// Reads a form file; throws DataError naming the origin and the JSON path at fault.
  PARMETRICS_API static FormDefinition parse(std::string_view json, std::string_view origin);
  /// A form shipped with parmetrics ("vpcp-06"), or nullopt.
  PARMETRICS_API static std::optional<FormDefinition> builtin(std::string_view id);
};

/// What a form's rows are.
enum class FormGrouping : std::uint8_t {
  unit,   ///< each unit's own dossiers (no roll-up: a district's row is its own), by section
  field,  ///< each field (lĩnh vực) within each section
  level,  ///< one row per section
};

struct FormOptions {
  ReportPeriod period;
  FormGrouping by = FormGrouping::unit;
  TimelinessPolicy policy;  ///< a profile: timeliness_profile("default" | "td")
  ReportFilter filter;
  unsigned threads = 0;
  /// The header block's "Đơn vị báo cáo" (by default the name of the one unit filtered on, or of
  /// the one top unit) and "Đơn vị nhận báo cáo" (by default none).
  std::string reporting_unit, receiving_unit;
};

struct FormRow {
  enum class Kind : std::uint8_t { section, group, total };
  Kind kind = Kind::group;
  std::string stt;      ///< "I", "1", … ("" for the total)
  std::string key;      ///< unit code, field, or section id; "total" for the total
  std::string label;    ///< unit name, field, section label, or the form's total label
  std::string section;  ///< the section's id
  /// One value per column (0 for the stt and group columns).
  std::vector<std::int64_t> values;
};

struct Form {
  FormDefinition definition;
  FormOptions options;
  std::vector<FormRow> rows;       ///< sections, their groups, then the total
  std::vector<std::string> notes;  ///< the definition's notes whose count is not zero
  /// The same notes as (index in the definition's notes, count): to write them in a language.
  std::vector<std::pair<std::size_t, std::int64_t>> note_counts;
  std::string reporting_unit;  ///< as given, or as FormOptions says it is found
};

/// Computes the form over the store and verifies every row against the form's checks and the
/// groups against the total; a failed check throws Error naming the form, the row and the
/// equation (a bug in the form or in parmetrics, never in the data).
PARMETRICS_API Form compute_form(const FormDefinition& definition, const DossierStore& store,
                                 const UnitRegistry& units, const ProcedureCatalog& procedures,
                                 const WorkingCalendar& calendar, const FormOptions& options);
/// The same over a live store's snapshot (model/live_store.hpp).
PARMETRICS_API Form compute_form(const FormDefinition& definition, const StoreSnapshot& snapshot,
                                 const UnitRegistry& units, const ProcedureCatalog& procedures,
                                 const WorkingCalendar& calendar, const FormOptions& options);

/// The form's notes in `language`: the form's English where its file gives it, the counts as the
/// language writes them.
PARMETRICS_API std::vector<std::string> form_notes(const Form& form, Language language);

enum class FormFormat : std::uint8_t { table, csv, markdown, html };

/// The form as text. CSV: a header of the column keys, one row per group, a last row "total"
/// (machines; no sections). Table and markdown: the title, the period, the numbered columns with
/// their labels, sections, groups, the total and the notes (people), in `language`: the form's
/// own English where its file gives it, numbers and dates as the language writes them. HTML: one
/// self-contained page with the header's merged cells as the form prints them.
PARMETRICS_API std::string format_form(const Form& form, FormFormat format,
                                       Language language = Language::vi);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a FormColumn::Kind: "stt", …
PARMETRICS_API std::string_view to_string(FormColumn::Kind value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, FormColumn::Kind value);
/// The name of a FormRow::Kind: "section", …
PARMETRICS_API std::string_view to_string(FormRow::Kind value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, FormRow::Kind value);
/// The name of a FormGrouping: "unit", …
PARMETRICS_API std::string_view to_string(FormGrouping value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, FormGrouping value);
/// The name of a FormFormat: "table", …
PARMETRICS_API std::string_view to_string(FormFormat value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, FormFormat value);

}  // namespace parmetrics
