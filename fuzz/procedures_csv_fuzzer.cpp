// Procedures CSV (import_procedures_csv); whole chunks against 64-byte chunks.

#include <parmetrics/io/csv_import.hpp>

#include "fuzz_support.hpp"
#include "world.hpp"

using namespace parmetrics;

namespace {

struct Run {
  ProcedureCatalog procedures = fuzz::two_procedures();
  ImportReport report;
  bool ok = false;

  Run(std::string_view text, std::size_t chunk) {
    const std::size_t before = procedures.size();
    ImportOptions o;
    o.chunk_bytes = chunk;
    ok = fuzz::runs([&] { import_procedures_csv(text, "p.csv", procedures, report, o); });
    if (ok) fuzz::expect_reconciles(report, procedures.size() - before);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const Run whole(text, 0);
  const Run tiny(text, 64);
  fuzz::expect(whole.ok == tiny.ok, "chunk sizes disagree on failing");
  if (whole.ok) {
    fuzz::expect_same(whole.report, tiny.report);
    fuzz::expect(whole.procedures.size() == tiny.procedures.size(),
                 "chunk sizes load different procedures");
  }
  return 0;
}
