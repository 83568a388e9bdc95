// The two bulk dossier importers, chosen at build time by PARMETRICS_FUZZ_PORTAL
// (fuzz/CMakeLists.txt): dossiers CSV (import_dossiers_csv) or the national portal's JSON
// (import_portal_json: an array, an object with a list, JSON lines). Each with and without
// registering unknown codes, one thread with whole chunks against two threads with 64-byte
// chunks.

#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/portal_import.hpp>

#include "fuzz_support.hpp"
#include "world.hpp"

using namespace parmetrics;

namespace {

struct Run {
  UnitRegistry units = fuzz::two_units();
  ProcedureCatalog procedures = fuzz::two_procedures();
  DossierStore store;
  ImportReport report;
  bool ok = false;

  Run(std::string_view text, bool register_unknown, unsigned threads, std::size_t chunk) {
    ImportOptions o;
    o.register_unknown = register_unknown;
    o.threads = threads;
    o.chunk_bytes = chunk;
    ok = fuzz::runs([&] {
#if PARMETRICS_FUZZ_PORTAL
      import_portal_json(text, "p.json", units, procedures, fuzz::calendar(), store, report, o);
#else
      import_dossiers_csv(text, "d.csv", units, procedures, fuzz::calendar(), store, report, o);
#endif
    });
    if (ok) fuzz::expect_reconciles(report, store.size());
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  for (const bool register_unknown : {false, true}) {
    const Run one(text, register_unknown, 1, 0);
    const Run two(text, register_unknown, 2, 64);
    fuzz::expect(one.ok == two.ok, "one thread and two threads disagree on failing");
    if (!one.ok) continue;
    fuzz::expect_same(one.report, two.report);
    fuzz::expect_same(one.store, two.store);
    fuzz::expect(
        one.units.size() == two.units.size() && one.procedures.size() == two.procedures.size(),
        "one thread and two threads register different codes");
    if (!register_unknown) {
      fuzz::expect(one.units.size() == 2 && one.procedures.size() == 2,
                   "codes registered without register_unknown");
    }
  }
  return 0;
}
