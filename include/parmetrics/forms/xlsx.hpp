#pragma once
// Forms and lists as the .xlsx file an office sends upward (libxlsxwriter): the header block,
// the header's merged cells as the form prints them, numbered columns, numbers as numbers with
// thousands separators, dates as dates, column widths, frozen header rows, one sheet per form or
// list. docs/forms.md shows the layout.
//
// Thread-safety: an XlsxWorkbook belongs to one thread from construction to close(); separate
// workbooks may be written from separate threads at once.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <parmetrics/export.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/worklist.hpp>

namespace parmetrics {

struct XlsxOptions {
  /// Rows are written to disk as they come (libxlsxwriter's constant_memory mode): memory stays
  /// flat whatever the list's length. Lists only: a form's merged header needs the whole sheet in
  /// memory, and add(Form) throws MisuseError in this mode.
  bool constant_memory = false;
  /// The language of the labels (a form's or a list's English where its file gives it) and of the
  /// header block; numbers and dates are Excel's, shown as the reader's locale writes them.
  Language language = Language::vi;
};

/// A workbook being written; sheets are added in order and the file is complete after close().
/// A file that cannot be created or written is a DataError naming it; a sheet name empty or given
/// twice an ArgumentError; a sheet added after close() a MisuseError.
class PARMETRICS_API XlsxWorkbook {
 public:
  explicit XlsxWorkbook(const std::filesystem::path& file, const XlsxOptions& options = {});
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  /// A sheet named `sheet` (by default the form's id; at most 31 characters).
  void add(const Form& form, std::string_view sheet = {});
  /// A sheet named `sheet` (by default the layout's id).
  void add(const DossierList& list, const DossierListLayout& layout, const UnitRegistry& units,
           const ProcedureCatalog& procedures, std::string_view sheet = {});
  /// Writes the file; the destructor closes a workbook not closed (and swallows its error).
  void close();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// One form in one file.
PARMETRICS_API void write_xlsx(const Form& form, const std::filesystem::path& file,
                               Language language = Language::vi);
/// One list in one file, in constant memory.
PARMETRICS_API void write_xlsx(const DossierList& list, const DossierListLayout& layout,
                               const UnitRegistry& units, const ProcedureCatalog& procedures,
                               const std::filesystem::path& file, Language language = Language::vi);

}  // namespace parmetrics
