#pragma once
// The native CSV formats (docs/formats.md): units.csv, procedures.csv, dossiers.csv, events.csv.
// RFC 4180, UTF-8 (a BOM is skipped), header row, columns in any order, CRLF or LF.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

/// Taken by reference only: the importers need not bring Boost.Date_Time into every includer.
class WorkingCalendar;

struct ImportOptions {
  /// Any rejection makes the import throw DataError (after reading everything, so that the
  /// report is complete).
  bool strict = false;
  /// Threads for parsing; 0 = all cores.
  unsigned threads = 0;
  /// Register units and procedures that a dossier names but the registry does not hold (used
  /// when no units.csv is given); when false they are rejected.
  bool register_unknown = false;
  /// Register unknown procedures only (a units file given, no procedures file): units are never
  /// registered behind a units file's back.
  bool register_unknown_procedures = false;
  /// Bytes of input per parallel work item; 0 = the default (2 MiB). For tuning and for tests
  /// (tiny chunks put chunk boundaries everywhere); the result never depends on it.
  std::size_t chunk_bytes = 0;
};

/// Each loader reads `text` (the file's bytes; `origin` names it in reports) or a file, appends
/// what it loads, and records every record in `report`. A file that cannot be read, or a header
/// that lacks a required column, throws DataError.
PARMETRICS_API void import_units_csv(std::string_view text, std::string_view origin,
                                     UnitRegistry& units, ImportReport& report,
                                     const ImportOptions& options = {});
PARMETRICS_API void import_procedures_csv(std::string_view text, std::string_view origin,
                                          ProcedureCatalog& procedures, ImportReport& report,
                                          const ImportOptions& options = {});
/// Dossiers: the appointment, when absent and the procedure known, is computed with `calendar`.
PARMETRICS_API void import_dossiers_csv(std::string_view text, std::string_view origin,
                                        UnitRegistry& units, ProcedureCatalog& procedures,
                                        const WorkingCalendar& calendar, DossierStore& store,
                                        ImportReport& report, const ImportOptions& options = {});
/// Dossiers as native JSON (docs/formats.md, "Native JSON dossiers"): objects keyed by
/// dossiers.csv's column names, with the same values (a string, or a number as its digits; null
/// or a missing key is an empty field), in a JSON array, {"data": [...]} or JSON Lines. Each
/// record goes through dossiers.csv's checks and reasons; a rejection names the record's number
/// in the array (from 1, Rejection::record_number) or its line (JSON Lines). A key that is no
/// column is ignored with a warning, as an unknown column is. An array that is not valid JSON
/// throws DataError (nothing loaded); a malformed line of JSON Lines is rejected alone.
PARMETRICS_API void import_dossiers_json(std::string_view text, std::string_view origin,
                                         UnitRegistry& units, ProcedureCatalog& procedures,
                                         const WorkingCalendar& calendar, DossierStore& store,
                                         ImportReport& report, const ImportOptions& options = {});
/// Events of dossiers already in `store` (matched by code).
PARMETRICS_API void import_events_csv(std::string_view text, std::string_view origin,
                                      DossierStore& store, ImportReport& report,
                                      const ImportOptions& options = {});

/// The dossier codes an events.csv names (its `code` column), each once, sorted; records whose
/// structure is broken are skipped (import_events_csv rejects them). For callers that hold the
/// dossiers elsewhere (the service's live store): they copy these into the DossierStore given to
/// import_events_csv. The header is checked as import_events_csv checks it (DataError).
PARMETRICS_API std::vector<std::string> events_csv_codes(std::string_view text,
                                                         std::string_view origin);

/// The same, reading a file (memory-mapped).
PARMETRICS_API void import_units_csv(const std::filesystem::path& file, UnitRegistry& units,
                                     ImportReport& report, const ImportOptions& options = {});
PARMETRICS_API void import_procedures_csv(const std::filesystem::path& file,
                                          ProcedureCatalog& procedures, ImportReport& report,
                                          const ImportOptions& options = {});
PARMETRICS_API void import_dossiers_csv(const std::filesystem::path& file, UnitRegistry& units,
                                        ProcedureCatalog& procedures,
                                        const WorkingCalendar& calendar, DossierStore& store,
                                        ImportReport& report, const ImportOptions& options = {});
PARMETRICS_API void import_events_csv(const std::filesystem::path& file, DossierStore& store,
                                      ImportReport& report, const ImportOptions& options = {});

}  // namespace parmetrics
