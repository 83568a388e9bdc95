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

struct XlsxWorkbook::State {
  std::string file;
  bool constant_memory = false;
  lxw_workbook* book = nullptr;
  std::set<std::string> sheets;
  // Formats (owned by the workbook).
  Language language = Language::vi;
  lxw_format *bold = nullptr, *italic = nullptr, *title = nullptr, *centred = nullptr,
             *right = nullptr, *head = nullptr, *number_head = nullptr, *text = nullptr,
             *text_bold = nullptr, *number = nullptr, *number_bold = nullptr, *instant = nullptr,
             *hours = nullptr, *integer = nullptr, *stt = nullptr, *stt_bold = nullptr;

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

void XlsxWorkbook::add(const Form& form, std::string_view sheet) {
  State& s = *state_;
  if (s.constant_memory) {
    throw MisuseError("XlsxWorkbook::add",
                      s.file + ": a form's merged header needs a workbook not in constant memory");
  }
  const FormDefinition& def = form.definition;
  const Language l = s.language;
  const auto tr = [&](std::string_view vi) { return std::string(def.english.in(vi, l)); };
  lxw_worksheet* ws = s.sheet(sheet.empty() ? std::string_view(def.id) : sheet);
  const auto last = static_cast<lxw_col_t>(def.columns.size() - 1);
  const auto half = static_cast<lxw_col_t>(std::min<std::size_t>(def.columns.size() / 2, 6));
  lxw_row_t r = 0;
  // The header block: the form's code and basis on the left, the units on the right, the title
  // and the period across, the unit of measure on the right.
  worksheet_merge_range(ws, r, 0, r, half, tr(def.code).c_str(), s.bold);
  if (!form.reporting_unit.empty()) {
    const std::string line =
        detail::say("form.reporting_unit", l, fmt::arg("unit", form.reporting_unit));
    worksheet_merge_range(ws, r, half + 1, r, last, line.c_str(), s.right);
  }
  ++r;
  worksheet_merge_range(ws, r, 0, r, half, tr(def.basis).c_str(), s.italic);
  if (!form.options.receiving_unit.empty()) {
    const std::string line =
        detail::say("form.receiving_unit", l, fmt::arg("unit", form.options.receiving_unit));
    worksheet_merge_range(ws, r, half + 1, r, last, line.c_str(), s.right);
  }
  r += 2;
  for (const std::string& line : def.title) {
    worksheet_merge_range(ws, r, 0, r, last, tr(line).c_str(), s.title);
    worksheet_set_row(ws, r, 32, nullptr);
    ++r;
  }
  const std::string period =
      detail::say("form.period", l, fmt::arg("from", format_day(form.options.period.from, l)),
                  fmt::arg("to", format_day(form.options.period.to, l)));
  worksheet_merge_range(ws, r, 0, r, last, period.c_str(), s.centred);
  ++r;
  if (!def.unit_of_measure.empty()) {
    worksheet_merge_range(ws, r, 0, r, last, tr(def.unit_of_measure).c_str(), s.right);
  }
  r += 2;
  // The header's cells, merged as the form prints them, then the row of column numbers.
  const lxw_row_t top = r;
  for (const FormHeaderCell& c : def.header) {
    const auto r0 = static_cast<lxw_row_t>(top + c.row);
    const auto c0 = static_cast<lxw_col_t>(c.column);
    const auto r1 = static_cast<lxw_row_t>(r0 + c.row_span - 1);
    const auto c1 = static_cast<lxw_col_t>(c0 + c.column_span - 1);
    if (r0 == r1 && c0 == c1) {
      worksheet_write_string(ws, r0, c0, tr(c.label).c_str(), s.head);
    } else {
      worksheet_merge_range(ws, r0, c0, r1, c1, tr(c.label).c_str(), s.head);
    }
  }
  for (int h = 0; h < def.header_rows; ++h) worksheet_set_row(ws, top + h, 48, nullptr);
  r = top + static_cast<lxw_row_t>(def.header_rows);
  for (std::size_t c = 0; c < def.columns.size(); ++c) {
    const std::string n = fmt::format("({})", def.columns[c].number);
    worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), n.c_str(), s.number_head);
  }
  ++r;
  worksheet_freeze_panes(ws, r, 2);
  worksheet_repeat_rows(ws, top, r - 1);
  for (const FormRow& row : form.rows) {
    const bool strong = row.kind != FormRow::Kind::group;
    for (std::size_t c = 0; c < def.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      switch (def.columns[c].kind) {
        case FormColumn::Kind::stt:
          worksheet_write_string(ws, r, col, row.stt.c_str(), strong ? s.stt_bold : s.stt);
          break;
        case FormColumn::Kind::group:
          worksheet_write_string(
              ws, r, col,
              (row.kind == FormRow::Kind::group ? detail::group_label(row, l) : tr(row.label))
                  .c_str(),
              strong ? s.text_bold : s.text);
          break;
        case FormColumn::Kind::count:
          worksheet_write_number(ws, r, col, static_cast<double>(row.values[c]),
                                 strong ? s.number_bold : s.number);
          break;
      }
    }
    ++r;
  }
  ++r;
  for (const std::string& n : form_notes(form, l)) {
    worksheet_merge_range(ws, r, 0, r, last, n.c_str(), s.italic);
    ++r;
  }
  for (std::size_t c = 0; c < def.columns.size(); ++c) {
    const double w = def.columns[c].kind == FormColumn::Kind::stt     ? 6
                     : def.columns[c].kind == FormColumn::Kind::group ? 56
                                                                      : 12;
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
  }
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
  // Column widths first: in constant memory nothing may be set after rows are written. A text
  // column is as wide as its longest cell (a spreadsheet's body does not wrap), within 6..60; an
  // instant ("31/08/2023 16:07") needs 18; numbers their layout's width.
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
    const DossierListRow& row = list.rows[i];
    for (std::size_t c = 0; c < layout.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const ListColumn& k = kinds[c];
      switch (k.kind) {
        case CellKind::time: {
          const std::optional<MinuteStamp> t =
              k.received ? std::optional<MinuteStamp>(row.received) : row.*k.instant;
          if (t) {
            lxw_datetime dt = excel_time(*t);
            worksheet_write_datetime(ws, r, col, &dt, s.instant);
          } else {
            worksheet_write_blank(ws, r, col, s.text);
          }
          break;
        }
        case CellKind::stt:
        case CellKind::count:
          worksheet_write_number(
              ws, r, col, k.kind == CellKind::stt ? static_cast<double>(i + 1) : 1.0, s.integer);
          break;
        case CellKind::late:
          if (row.late_minutes) {
            worksheet_write_number(ws, r, col, static_cast<double>(*row.late_minutes) / 60.0,
                                   s.hours);
          } else {
            worksheet_write_blank(ws, r, col, s.text);
          }
          break;
        case CellKind::text: {
          const std::string v =
              dossier_list_cell(row, i + 1, layout.columns[c].field, units, procedures, false, l);
          worksheet_write_string(ws, r, col, v.c_str(), s.text);
          break;
        }
      }
    }
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
