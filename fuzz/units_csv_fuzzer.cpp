// Units CSV (import_units_csv), into an empty registry and into one that holds units already;
// whole chunks against 64-byte chunks.

#include <parmetrics/io/csv_import.hpp>

#include "fuzz_support.hpp"
#include "world.hpp"

using namespace parmetrics;

namespace {

struct Run {
  UnitRegistry units;
  ImportReport report;
  bool ok = false;

  Run(std::string_view text, bool preloaded, std::size_t chunk) {
    if (preloaded) units = fuzz::two_units();
    const std::size_t before = units.size();
    ImportOptions o;
    o.chunk_bytes = chunk;
    ok = fuzz::runs([&] { import_units_csv(text, "u.csv", units, report, o); });
    if (ok) {
      fuzz::expect_reconciles(report, units.size() - before);
      // Whatever was loaded resolves: every parent and successor known, no loop.
      fuzz::runs([&] { units.resolve(); });
      for (UnitId id = 0; id < units.size(); ++id) (void)units.parent(id);
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  for (const bool preloaded : {false, true}) {
    const Run whole(text, preloaded, 0);
    const Run tiny(text, preloaded, 64);
    fuzz::expect(whole.ok == tiny.ok, "chunk sizes disagree on failing");
    if (!whole.ok) continue;
    fuzz::expect_same(whole.report, tiny.report);
    fuzz::expect(whole.units.size() == tiny.units.size(), "chunk sizes load different units");
  }
  return 0;
}
