#pragma once
// The national portal's dossier records (DongBoHoSoMC sync service, primer §9): a JSON array or
// JSON Lines, with the portal's field names, codes and yyyyMMddHHmmss dates, mapped onto the same
// model as the native CSV.
//
// Thread-safety: an import writes the registries and the store it is given, alone: no reader of
// them while it runs; imports into different stores may run at once. It parses with simdjson on
// the calling thread.

#include <filesystem>
#include <string_view>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

/// Taken by reference only: the importers need not bring Boost.Date_Time into every includer.
class WorkingCalendar;

PARMETRICS_API void import_portal_json(std::string_view text, std::string_view origin,
                                       UnitRegistry& units, ProcedureCatalog& procedures,
                                       const WorkingCalendar& calendar, DossierStore& store,
                                       ImportReport& report, const ImportOptions& options = {});
PARMETRICS_API void import_portal_json(const std::filesystem::path& file, UnitRegistry& units,
                                       ProcedureCatalog& procedures,
                                       const WorkingCalendar& calendar, DossierStore& store,
                                       ImportReport& report, const ImportOptions& options = {});

}  // namespace parmetrics
