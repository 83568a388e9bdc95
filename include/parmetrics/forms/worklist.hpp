#pragma once
// Worklists and the register of dossiers (sổ theo dõi hồ sơ): one row per dossier, chosen by its
// state as of an instant — late, overdue, due within a working time, late with no apology,
// pending, or all — most urgent first. The columns a list prints are data
// (data/forms/worklist.json, data/forms/register.json: Mẫu số 06 of Thông tư 01/2018/TT-VPCP), so
// that a province prints its own register without code. docs/forms.md says how each is chosen.
//
// Thread-safety: list_dossiers() and the formatters are safe to call concurrently on const
// inputs; a DossierList or a layout is a value.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/text/language.hpp>
#include <parmetrics/text/translations.hpp>

namespace parmetrics {

/// Which dossiers a list holds (each in the period's scope, as of its as-of).
enum class DossierListStatus : std::uint8_t {
  late,             ///< ended late (trễ hạn)
  overdue,          ///< pending past the appointment (quá hạn)
  due_within,       ///< pending within time, its clock running, due within `due_within`
  apology_missing,  ///< late or overdue with no apology issued (chưa xin lỗi)
  pending,          ///< not ended (đang giải quyết)
  all,              ///< every dossier in scope
};

/// "late", "overdue", "due-within", "apology-missing", "pending", "all".
PARMETRICS_API std::string_view to_string(DossierListStatus s) noexcept;
PARMETRICS_API std::optional<DossierListStatus> parse_dossier_list_status(
    std::string_view name) noexcept;

/// How a list's rows are ordered.
enum class DossierListOrder : std::uint8_t {
  urgency,  ///< most urgent first (list_dossiers says how): a worklist
  receipt,  ///< by receipt, then code: a register (sổ theo dõi) is kept in the order received
};

struct DossierListOptions {
  ReportPeriod period;  ///< the scope (received in it or carried over) and the as-of
  DossierListStatus status = DossierListStatus::all;
  /// For due_within: working hours or days, or calendar days, from as-of.
  StatutoryTime due_within = StatutoryTime::working_days(1);
  TimelinessPolicy policy;
  ReportFilter filter;
  DossierListOrder order = DossierListOrder::urgency;
};

struct DossierListRow {
  DossierStore::Index index = 0;  ///< the row in the store (or its position in a snapshot)
  std::string code;
  UnitId unit = 0;
  std::optional<ProcedureId> procedure;
  Channel channel = Channel::direct;
  MinuteStamp received = 0;
  /// As recorded or computed at receipt (the register's "hẹn trả"), and as moved by the
  /// completed supplement pauses (what lateness is judged against).
  std::optional<MinuteStamp> appointment, effective_appointment;
  std::optional<MinuteStamp> ended;     ///< nullopt while pending, or when its time is unknown
  std::optional<MinuteStamp> returned;  ///< the result handed over (trả kết quả), by as-of
  EndKind end_kind = EndKind::none;     ///< of an end by as-of
  DossierEvaluation evaluation;
  /// Working minutes from the effective appointment to the end (to the open supplement's request,
  /// or to as-of, while pending): positive late, negative early or time left; nullopt without an
  /// appointment.
  std::optional<std::int64_t> late_minutes;
  std::optional<MinuteStamp> new_appointment;  ///< the latest an apology announced by as-of
};

struct DossierList {
  DossierListOptions options;
  std::vector<DossierListRow> rows;
};

/// The dossiers the options choose, by default most urgent first: pending before ended, then by
/// late_minutes from the largest (most late, or least time left), those with no appointment
/// last, then by receipt and code. O(dossiers) plus the sort of the rows chosen.
PARMETRICS_API DossierList list_dossiers(const DossierStore& store, const UnitRegistry& units,
                                         const ProcedureCatalog& procedures,
                                         const WorkingCalendar& calendar,
                                         const DossierListOptions& options);
/// The same over a live store's snapshot: DossierListRow::index is then the row's position in
/// the snapshot (StoreSnapshot::row).
PARMETRICS_API DossierList list_dossiers(const StoreSnapshot& snapshot, const UnitRegistry& units,
                                         const ProcedureCatalog& procedures,
                                         const WorkingCalendar& calendar,
                                         const DossierListOptions& options);

/// A list's layout: its title lines and columns, each a field of the row.
struct DossierListLayout {
  struct Column {
    std::string key;    ///< the CSV column
    std::string field;  ///< what the cell shows: one of dossier_list_fields()
    std::string label;  ///< as the list prints it
    int width = 12;     ///< characters in a table (and, about, in a spreadsheet)
  };
  std::string id, code, basis;
  std::vector<std::string> title;
  std::vector<Column> columns;
  /// Which columns a 120-character table shows (all when empty).
  std::vector<std::string> table_columns;
  /// The English of the list's labels (its "en" object).
  Translations english;

  /// Reads a list file; throws DataError naming the origin and the JSON path at fault.
  PARMETRICS_API static DossierListLayout parse(std::string_view json, std::string_view origin);
  /// "worklist" or "register", or nullopt.
  PARMETRICS_API static std::optional<DossierListLayout> builtin(std::string_view id);
};

/// The fields a list's column can show (docs/forms.md): stt, code, unit, unit_name, procedure,
/// procedure_name, field, channel, received, appointment, effective_appointment, ended, returned,
/// status, late, apology, new_appointment, count, note, blank.
PARMETRICS_API std::span<const std::string_view> dossier_list_fields() noexcept;

/// One cell's text as people read it in `language` (labels from the message catalogue,
/// "31/08/2023 16:07" or ISO 8601, hours with one decimal), or, with `machine`, as CSV keeps it
/// (English keys, ISO 8601, minutes). `number` is the row's STT.
PARMETRICS_API std::string dossier_list_cell(const DossierListRow& row, std::size_t number,
                                             std::string_view field, const UnitRegistry& units,
                                             const ProcedureCatalog& procedures, bool machine,
                                             Language language = Language::vi);

/// The line under a list's title: its period, as-of and number of dossiers, in `language`.
PARMETRICS_API std::string dossier_list_period(const DossierList& list, Language language);

enum class DossierListFormat : std::uint8_t { table, csv };

/// The list as text: CSV (a header of the column keys, one row per dossier) or a table.
PARMETRICS_API std::string format_dossier_list(
    const DossierList& list, const DossierListLayout& layout, const UnitRegistry& units,
    const ProcedureCatalog& procedures, DossierListFormat format, Language language = Language::vi);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, DossierListStatus value);
/// The name of a DossierListOrder: "urgency", …
PARMETRICS_API std::string_view to_string(DossierListOrder value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, DossierListOrder value);
/// The name of a DossierListFormat: "table", …
PARMETRICS_API std::string_view to_string(DossierListFormat value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, DossierListFormat value);

}  // namespace parmetrics
