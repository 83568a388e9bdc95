#pragma once
// The files a command reads and the one order every command loads them in: units and procedures
// first (they define what the other files name), then the units' procedures (QĐ 766's facts),
// dossiers (native CSV, then portal JSON), events, feedback and communes. Without a units file the
// units the records name are registered as they come, likewise procedures; a units file is never
// added to behind its back (an unknown unit is rejected). Each file is summarised on its own.

#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

#include "import_summary.hpp"
#include "options.hpp"

namespace parmetrics::cli {

struct InputFiles {
  std::optional<std::string> units, procedures;
  std::vector<std::string> unit_procedures, dossiers, portal, events, feedback, communes;

  /// The files the flags in `o` name (a flag the command does not take names none); with
  /// `positional_dossiers`, the positional arguments are dossier files too.
  static InputFiles of(const ParsedOptions& o, bool positional_dossiers = false);

  bool any_dossiers() const noexcept { return !dossiers.empty() || !portal.empty(); }
};

/// Where the files load: a store only when they name dossiers or events, facts only when they
/// name some.
struct LoadTargets {
  UnitRegistry& units;
  ProcedureCatalog& procedures;
  DossierStore* store = nullptr;
  ServiceIndexFacts* facts = nullptr;
};

struct LoadSettings {
  std::string_view command;  ///< for the progress line: "parmetrics report: reading …"
  const WorkingCalendar& calendar;
  unsigned threads = 0;  ///< the importers' (0: every core)
  /// --strict: every file is still read and summarised, then a rejected record stops the
  /// command (StrictStop: exit status 1, no output) instead of exit status 3 after it.
  bool strict = false;
  /// A progress line for each file while it loads, on a terminal only (null: none).
  std::ostream* progress = nullptr;
};

/// --strict and a record rejected: "1 record rejected (--strict)", "N records …".
class StrictStop : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Loads `files` in the order above; the registry is not resolved (the caller may lay units
/// layers over it first). Throws StrictStop after the summaries under --strict.
void load_inputs(const InputFiles& files, const LoadSettings& settings, LoadTargets into,
                 ImportSummary& summary);

/// The official calendar with each --calendar layer over it.
WorkingCalendar calendar_from(const ParsedOptions& o);

/// --threads N (0, the default: every core).
unsigned threads_from(const ParsedOptions& o);

}  // namespace parmetrics::cli
