// Events CSV (import_events_csv) over a store of three dossiers: one thread with whole chunks
// against two threads with 64-byte chunks.

#include <parmetrics/io/csv_import.hpp>

#include "fuzz_support.hpp"
#include "world.hpp"

using namespace parmetrics;

namespace {

constexpr std::string_view kDossiers =
    "code,unit,procedure,channel,received_at,appointment_at,ended_at\n"
    "A,H55.01,1.001,direct,2023-08-14T08:00,2023-08-17T08:00,\n"
    "B,H55.01,2.002,online,2023-08-14T08:00,,2023-08-14T10:00\n"
    "C,000.00.30.H55,1.001,postal,2023-08-15T09:30,,\n";

struct Run {
  UnitRegistry units = fuzz::two_units();
  ProcedureCatalog procedures = fuzz::two_procedures();
  DossierStore store;
  ImportReport report;
  bool ok = false;

  Run(std::string_view text, unsigned threads, std::size_t chunk) {
    ImportReport setup;
    import_dossiers_csv(kDossiers, "d.csv", units, procedures, fuzz::calendar(), store, setup);
    fuzz::expect(setup.loaded_count() == 3, "the harness's dossiers do not load");
    ImportOptions o;
    o.threads = threads;
    o.chunk_bytes = chunk;
    ok = fuzz::runs([&] { import_events_csv(text, "e.csv", store, report, o); });
    if (ok) {
      fuzz::expect(report.reconciles(), "read != loaded + rejected");
      fuzz::expect(store.size() == 3, "events changed the number of dossiers");
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const Run one(text, 1, 0);
  const Run two(text, 2, 64);
  fuzz::expect(one.ok == two.ok, "one thread and two threads disagree on failing");
  if (one.ok) {
    fuzz::expect_same(one.report, two.report);
    fuzz::expect_same(one.store, two.store);
  }
  return 0;
}
