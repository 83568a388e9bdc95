#pragma once
// The benchmarks' province held in memory: 10 M dossiers of 1,000 units and 200 procedures,
// January–August 2023 on the real calendar, built by a small deterministic loop so that the
// benchmarks depend neither on the generator nor on the importers.

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/model/dossier_store.hpp>

namespace parmetrics::bench {

struct ProvinceStore {
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  WorkingCalendar calendar;
};

/// Built on first use (about 20 s), then shared by every benchmark of the process.
const ProvinceStore& province_store();

}  // namespace parmetrics::bench
