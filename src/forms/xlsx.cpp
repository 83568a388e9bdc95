#include <parmetrics/forms/xlsx.hpp>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <set>
#include <utility>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/text/number_format.hpp>

#include "forms/form_text.hpp"
#include "text/layout.hpp"
#include "text/say.hpp"

namespace parmetrics {

namespace {

// Excel's limits on sheet names: 31 characters, none of []:*?/\.
std::string sheet_name(std::string_view wanted) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const char c = wanted[i];
    const bool lead = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (lead && ++chars > 31) break;
    out += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
  }
  return out;
}

lxw_datetime excel_time(MinuteStamp t) {
  const CivilDate d = civil_from_days(day_of(t));
  const int m = minute_of_day(t);
  return {d.year, static_cast<int>(d.month), static_cast<int>(d.day), m / 60, m % 60, 0};
}

}  // namespace

namespace {

/// The cell formats of a workbook (owned by it).
struct XlsxFormats {
  lxw_format *bold = nullptr, *italic = nullptr, *title = nullptr, *centred = nullptr,
             *right = nullptr, *head = nullptr, *number_head = nullptr, *text = nullptr,
             *text_bold = nullptr, *number = nullptr, *number_bold = nullptr, *instant = nullptr,
             *hours = nullptr, *integer = nullptr, *stt = nullptr, *stt_bold = nullptr;
};

}  // namespace

struct XlsxWorkbook::State : XlsxFormats {
  std::string file;
  bool constant_memory = false;
  lxw_workbook* book = nullptr;
  std::set<std::string> sheets;
  Language language = Language::vi;

  lxw_format* format(bool is_bold, bool border) {
    lxw_format* f = workbook_add_format(book);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    if (is_bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  }

  void make_formats() {
    bold = format(true, false);
    italic = format(false, false);
    format_set_italic(italic);
    title = format(true, false);
    format_set_align(title, LXW_ALIGN_CENTER);
    format_set_text_wrap(title);
    centred = format(false, false);
    format_set_align(centred, LXW_ALIGN_CENTER);
    right = format(false, false);
    format_set_align(right, LXW_ALIGN_RIGHT);
    head = format(true, true);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_text_wrap(head);
    number_head = format(false, true);
    format_set_align(number_head, LXW_ALIGN_CENTER);
    format_set_italic(number_head);
    // No wrapping in the body: libxlsxwriter cannot size a row to wrapped text, and a wrapped
    // name would spill over the next row; the columns are wide enough instead.
    text = format(false, true);
    text_bold = format(true, true);
    stt = format(false, true);
    format_set_align(stt, LXW_ALIGN_CENTER);
    stt_bold = format(true, true);
    format_set_align(stt_bold, LXW_ALIGN_CENTER);
    number = format(false, true);
    format_set_num_format(number, "#,##0");
    number_bold = format(true, true);
    format_set_num_format(number_bold, "#,##0");
    instant = format(false, true);
    format_set_num_format(instant, "dd/mm/yyyy hh:mm");
    hours = format(false, true);
    format_set_num_format(hours, "0.0");
    integer = format(false, true);
    format_set_align(integer, LXW_ALIGN_CENTER);
    format_set_num_format(integer, "0");
  }

  void check(lxw_error e, std::string_view what) const {
    if (e != LXW_NO_ERROR) {
      throw DataError(file, "", "", fmt::format("cannot write {} ({})", what, lxw_strerror(e)));
    }
  }

  lxw_worksheet* sheet(std::string_view wanted) {
    if (book == nullptr) throw MisuseError("XlsxWorkbook::add", file + ": the workbook is closed");
    const std::string name = sheet_name(wanted);
    if (name.empty() || !sheets.insert(name).second) {
      throw ArgumentError(
          "XlsxWorkbook::add",
          fmt::format("{}: the sheet name '{}' is empty or given twice", file, name));
    }
    lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
    if (ws == nullptr)
      throw DataError(file, "", "", fmt::format("cannot add the sheet '{}'", name));
    worksheet_set_paper(ws, 9);  // A4
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    return ws;
  }
};

XlsxWorkbook::XlsxWorkbook(const std::filesystem::path& file, const XlsxOptions& options)
    : state_(std::make_unique<State>()) {
  state_->file = file.string();
  state_->constant_memory = options.constant_memory;
  state_->language = options.language;
  lxw_workbook_options o{};
  o.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  state_->book = workbook_new_opt(state_->file.c_str(), &o);
  if (state_->book == nullptr) throw DataError(file.string(), "", "", "cannot create the workbook");
  state_->make_formats();
}

XlsxWorkbook::~XlsxWorkbook() {
  if (state_ && state_->book != nullptr) {
    try {
      close();
    } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
  }
}

void XlsxWorkbook::close() {
  if (state_->book == nullptr) return;
  lxw_workbook* book = std::exchange(state_->book, nullptr);
  state_->check(workbook_close(book), "the workbook");
}

namespace {

/// A form's sheet: the header block, the header's merged cells, the rows, the notes.
class FormSheet {
 public:
  FormSheet(const XlsxFormats& f, lxw_worksheet* ws, const Form& form, Language l)
      : f_(f),
        ws_(ws),
        form_(form),
        def_(form.definition),
        l_(l),
        last_(static_cast<lxw_col_t>(def_.columns.size() - 1)) {}

  void write() {
    header_block();
    header_cells();
    body();
    for (std::size_t c = 0; c < def_.columns.size(); ++c) {
      const double w = def_.columns[c].kind == FormColumn::Kind::stt     ? 6
                       : def_.columns[c].kind == FormColumn::Kind::group ? 56
                                                                         : 12;
      worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
  }

 private:
  std::string tr(std::string_view vi) const { return std::string(def_.english.in(vi, l_)); }

  /// The form's code and basis on the left, the units on the right, the title and the period
  /// across, the unit of measure on the right.
  void header_block() {
    const auto half = static_cast<lxw_col_t>(std::min<std::size_t>(def_.columns.size() / 2, 6));
    worksheet_merge_range(ws_, r_, 0, r_, half, tr(def_.code).c_str(), f_.bold);
    if (!form_.reporting_unit.empty()) {
      const std::string line =
          detail::say("form.reporting_unit", l_, fmt::arg("unit", form_.reporting_unit));
      worksheet_merge_range(ws_, r_, half + 1, r_, last_, line.c_str(), f_.right);
    }
    ++r_;
    worksheet_merge_range(ws_, r_, 0, r_, half, tr(def_.basis).c_str(), f_.italic);
    if (!form_.options.receiving_unit.empty()) {
      const std::string line =
          detail::say("form.receiving_unit", l_, fmt::arg("unit", form_.options.receiving_unit));
      worksheet_merge_range(ws_, r_, half + 1, r_, last_, line.c_str(), f_.right);
    }
    r_ += 2;
    for (const std::string& line : def_.title) {
      worksheet_merge_range(ws_, r_, 0, r_, last_, tr(line).c_str(), f_.title);
      worksheet_set_row(ws_, r_, 32, nullptr);
      ++r_;
    }
    const std::string period =
        detail::say("form.period", l_, fmt::arg("from", format_day(form_.options.period.from, l_)),
                    fmt::arg("to", format_day(form_.options.period.to, l_)));
    worksheet_merge_range(ws_, r_, 0, r_, last_, period.c_str(), f_.centred);
    ++r_;
    if (!def_.unit_of_measure.empty()) {
      worksheet_merge_range(ws_, r_, 0, r_, last_, tr(def_.unit_of_measure).c_str(), f_.right);
    }
    r_ += 2;
  }

  /// The header's cells, merged as the form prints them, then the row of column numbers; both
  /// repeat on every printed page and stay in view.
  void header_cells() {
    const lxw_row_t top = r_;
    for (const FormHeaderCell& c : def_.header) {
      const auto r0 = static_cast<lxw_row_t>(top + c.row);
      const auto c0 = static_cast<lxw_col_t>(c.column);
      const auto r1 = static_cast<lxw_row_t>(r0 + c.row_span - 1);
      const auto c1 = static_cast<lxw_col_t>(c0 + c.column_span - 1);
      if (r0 == r1 && c0 == c1) {
        worksheet_write_string(ws_, r0, c0, tr(c.label).c_str(), f_.head);
      } else {
        worksheet_merge_range(ws_, r0, c0, r1, c1, tr(c.label).c_str(), f_.head);
      }
    }
    for (int h = 0; h < def_.header_rows; ++h) worksheet_set_row(ws_, top + h, 48, nullptr);
    r_ = top + static_cast<lxw_row_t>(def_.header_rows);
    for (std::size_t c = 0; c < def_.columns.size(); ++c) {
      const std::string n = fmt::format("({})", def_.columns[c].number);
      worksheet_write_string(ws_, r_, static_cast<lxw_col_t>(c), n.c_str(), f_.number_head);
    }
    ++r_;
    worksheet_freeze_panes(ws_, r_, 2);
    worksheet_repeat_rows(ws_, top, r_ - 1);
  }

  /// The rows (sections and the total in bold, figures as numbers), then the notes.
  void body() {
    for (const FormRow& row : form_.rows) {
      const bool strong = row.kind != FormRow::Kind::group;
      for (std::size_t c = 0; c < def_.columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        switch (def_.columns[c].kind) {
          case FormColumn::Kind::stt:
            worksheet_write_string(ws_, r_, col, row.stt.c_str(), strong ? f_.stt_bold : f_.stt);
            break;
          case FormColumn::Kind::group: {
            const std::string label =
                row.kind == FormRow::Kind::group ? detail::group_label(row, l_) : tr(row.label);
            worksheet_write_string(ws_, r_, col, label.c_str(), strong ? f_.text_bold : f_.text);
            break;
          }
          case FormColumn::Kind::count:
            worksheet_write_number(ws_, r_, col, static_cast<double>(row.values[c]),
                                   strong ? f_.number_bold : f_.number);
            break;
        }
      }
      ++r_;
    }
    ++r_;
    for (const std::string& n : form_notes(form_, l_)) {
      worksheet_merge_range(ws_, r_, 0, r_, last_, n.c_str(), f_.italic);
      ++r_;
    }
  }

  const XlsxFormats& f_;
  lxw_worksheet* ws_;
  const Form& form_;
  const FormDefinition& def_;
  Language l_;
  lxw_col_t last_;
  lxw_row_t r_ = 0;
};

}  // namespace

void XlsxWorkbook::add(const Form& form, std::string_view sheet) {
  State& s = *state_;
  if (s.constant_memory) {
    throw MisuseError("XlsxWorkbook::add",
                      s.file + ": a form's merged header needs a workbook not in constant memory");
  }
  lxw_worksheet* ws = s.sheet(sheet.empty() ? std::string_view(form.definition.id) : sheet);
  FormSheet(s, ws, form, s.language).write();
}

namespace {

/// What a list's column writes: an instant, a number, hours, or text.
enum class CellKind : std::uint8_t { time, stt, count, late, text };

struct ListColumn {
  CellKind kind = CellKind::text;
  std::optional<MinuteStamp> DossierListRow::*instant = nullptr;  ///< for an optional instant
  bool received = false;                                          ///< the one instant always set
};

ListColumn list_column(std::string_view f) {
  using R = DossierListRow;
  if (f == "received") return {CellKind::time, nullptr, true};
  if (f == "appointment") return {CellKind::time, &R::appointment};
  if (f == "effective_appointment") return {CellKind::time, &R::effective_appointment};
  if (f == "ended") return {CellKind::time, &R::ended};
  if (f == "returned") return {CellKind::time, &R::returned};
  if (f == "new_appointment") return {CellKind::time, &R::new_appointment};
  if (f == "stt") return {CellKind::stt};
  if (f == "count") return {CellKind::count};
  if (f == "late") return {CellKind::late};
  return {};
}

std::size_t utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// A text column is as wide as its longest cell (a spreadsheet's body does not wrap), within
/// 6..60; an instant ("31/08/2023 16:07") needs 18; numbers their layout's width.
std::vector<double> list_widths(const DossierList& list, const DossierListLayout& layout,
                                const std::vector<ListColumn>& kinds, const UnitRegistry& units,
                                const ProcedureCatalog& procedures) {
  std::vector<double> widths(layout.columns.size());
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    widths[c] =
        kinds[c].kind == CellKind::time ? 18.0 : std::max(6.0, 1.2 * layout.columns[c].width);
    if (kinds[c].kind != CellKind::text || layout.columns[c].field == "blank") continue;
    std::size_t longest = utf8_chars(layout.columns[c].label) / 3;  // the head wraps in 3 lines
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
      longest = std::max(
          longest, utf8_chars(dossier_list_cell(list.rows[i], i + 1, layout.columns[c].field, units,
                                                procedures, false)));
    }
    widths[c] = std::clamp(1.1 * static_cast<double>(longest) + 2.0, 6.0, 60.0);
  }
  return widths;
}

/// One dossier's row: instants as Excel's date-times, numbers and hours as numbers, the rest as
/// the list's text.
void write_list_row(lxw_worksheet* ws, lxw_row_t r, const XlsxFormats& f,
                    const DossierListLayout& layout, const std::vector<ListColumn>& kinds,
                    const DossierListRow& row, std::size_t number, const UnitRegistry& units,
                    const ProcedureCatalog& procedures, Language l) {
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const ListColumn& k = kinds[c];
    switch (k.kind) {
      case CellKind::time: {
        const std::optional<MinuteStamp> t =
            k.received ? std::optional<MinuteStamp>(row.received) : row.*k.instant;
        if (t) {
          lxw_datetime dt = excel_time(*t);
          worksheet_write_datetime(ws, r, col, &dt, f.instant);
        } else {
          worksheet_write_blank(ws, r, col, f.text);
        }
        break;
      }
      case CellKind::stt:
      case CellKind::count:
        worksheet_write_number(
            ws, r, col, k.kind == CellKind::stt ? static_cast<double>(number) : 1.0, f.integer);
        break;
      case CellKind::late:
        if (row.late_minutes) {
          worksheet_write_number(ws, r, col, static_cast<double>(*row.late_minutes) / 60.0,
                                 f.hours);
        } else {
          worksheet_write_blank(ws, r, col, f.text);
        }
        break;
      case CellKind::text: {
        const std::string v =
            dossier_list_cell(row, number, layout.columns[c].field, units, procedures, false, l);
        worksheet_write_string(ws, r, col, v.c_str(), f.text);
        break;
      }
    }
  }
}

}  // namespace

void XlsxWorkbook::add(const DossierList& list, const DossierListLayout& layout,
                       const UnitRegistry& units, const ProcedureCatalog& procedures,
                       std::string_view sheet) {
  State& s = *state_;
  const Language l = s.language;
  const auto tr = [&](std::string_view vi) { return std::string(layout.english.in(vi, l)); };
  lxw_worksheet* ws = s.sheet(sheet.empty() ? std::string_view(layout.id) : sheet);
  std::vector<ListColumn> kinds;
  for (const DossierListLayout::Column& c : layout.columns) kinds.push_back(list_column(c.field));
  // Column widths first: in constant memory nothing may be set after rows are written.
  const std::vector<double> widths = list_widths(list, layout, kinds, units, procedures);
  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                         nullptr);
  }
  lxw_row_t r = 0;
  // Single cells, rows in order: constant memory allows no merge across rows written later.
  if (!layout.code.empty()) worksheet_write_string(ws, r++, 0, tr(layout.code).c_str(), s.bold);
  if (!layout.basis.empty()) {
    worksheet_write_string(ws, r++, 0, tr(layout.basis).c_str(), s.italic);
  }
  for (const std::string& line : layout.title)
    worksheet_write_string(ws, r++, 0, tr(line).c_str(), s.bold);
  const std::string period = dossier_list_period(list, l);
  worksheet_write_string(ws, r++, 0, period.c_str(), s.italic);
  ++r;
  const lxw_row_t head = r;
  worksheet_set_row(ws, r, 45, nullptr);
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), tr(layout.columns[c].label).c_str(),
                           s.head);
  }
  ++r;
  worksheet_freeze_panes(ws, r, 0);
  worksheet_repeat_rows(ws, head, head);
  for (std::size_t i = 0; i < list.rows.size(); ++i, ++r) {
    write_list_row(ws, r, s, layout, kinds, list.rows[i], i + 1, units, procedures, l);
  }
  if (!layout.columns.empty()) {
    worksheet_autofilter(ws, head, 0, r == head + 1 ? head : r - 1,
                         static_cast<lxw_col_t>(layout.columns.size() - 1));
  }
}

void write_xlsx(const Form& form, const std::filesystem::path& file, Language language) {
  XlsxWorkbook book(file, XlsxOptions{false, language});
  book.add(form);
  book.close();
}

void write_xlsx(const DossierList& list, const DossierListLayout& layout, const UnitRegistry& units,
                const ProcedureCatalog& procedures, const std::filesystem::path& file,
                Language language) {
  XlsxWorkbook book(file, XlsxOptions{true, language});
  book.add(list, layout, units, procedures);
  book.close();
}

}  // namespace parmetrics
