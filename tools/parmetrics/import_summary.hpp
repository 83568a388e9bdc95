#pragma once
// What a command's imports did, printed in the same words by every command, and the exit status
// that follows from it (README, "Exit status"): 0 when every record was loaded, 3 when the
// command produced its output but some were rejected.

#include <cstdint>
#include <ostream>
#include <string_view>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/indices/sipas_responses.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/model/unit.hpp>

#include <string>
#include <vector>

namespace parmetrics::cli {

/// Says in `report` how many units and procedures an import registered from its records (no
/// units or procedures file given), so that the summary shows it.
void note_registered(ImportReport& report, std::size_t units, std::size_t procedures);

/// Says once on `err` which years of [from, to] no data set announces, so that their days off are
/// computed by the law's rules (a guess until the government announces them).
void note_computed_years(const WorkingCalendar& calendar, DayNumber from, DayNumber to,
                         std::string_view command, std::ostream& err);

/// Lays each --units-layer FILE over `units` (apply_reform_mapping), saying on `err` what each
/// did and its notes.
void apply_units_layers(const std::vector<std::string>& layers, UnitRegistry& units,
                        std::ostream& err);

class ImportSummary {
 public:
  /// `command` names the command in the closing line ("parmetrics report: …").
  ImportSummary(std::string_view command, std::ostream& err) : command_(command), err_(err) {}

  /// Prints `file: read N, loaded N, rejected N`, its warnings, its first rejections
  /// (`file:line: …`) and the rest counted by reason.
  void add(std::string_view file, const ImportReport& report);
  void add(std::string_view file, const SipasLoadReport& report);

  std::uint64_t rejected() const noexcept { return rejected_; }

  /// The command's exit status once its output is written: kExitOk, or kExitRejected after a
  /// closing line on the error stream that says how many records were rejected.
  int exit_status() const;

 private:
  std::string_view command_;
  std::ostream& err_;
  std::uint64_t rejected_ = 0;
};

}  // namespace parmetrics::cli
