// The reports a unit files (issue 14), on the 10 M dossiers of province_store.hpp: Biểu 06 by
// unit against the report it is computed from, and a 100 k-row worklist written to .xlsx (rows/s
// and the memory the writing takes at its peak, beyond what the process held before).

#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/worklist.hpp>
#include <parmetrics/forms/xlsx.hpp>
#include <parmetrics/metrics/report.hpp>

#include "province_store.hpp"

namespace {

using namespace parmetrics;

ReportPeriod period() {
  return ReportPeriod::of(days_from_civil(2023, 1, 1), days_from_civil(2023, 8, 31));
}

// Biểu 06 by unit: one evaluation of every dossier (the report by unit without roll-up, no
// quantiles), the sections and the check equations on every row. Compare with
// BM_MetricsReportByUnit/2 (rolled up, with quantiles) and BM_MetricsReportByUnitNoQuantiles/2.
void BM_FormVpcp06ByUnit(benchmark::State& state) {
  const bench::ProvinceStore& b = bench::province_store();
  FormOptions o;
  o.period = period();
  o.threads = static_cast<unsigned>(state.range(0));
  const FormDefinition vpcp06 = *FormDefinition::builtin("vpcp-06");
  std::size_t rows = 0;
  for (auto _ : state) {
    const Form f = compute_form(vpcp06, b.store, b.units, b.procedures, b.calendar, o);
    rows = f.rows.size();
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(b.store.size()));
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_FormVpcp06ByUnit)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Resident memory in KiB from /proc/self/status ("VmRSS" now, "VmHWM" its peak).
std::int64_t status_kib(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string word;
  while (in >> word) {
    if (word == key + ":") {
      std::int64_t kib = 0;
      in >> kib;
      return kib;
    }
  }
  return -1;
}

/// Resets the peak resident size to the current one (Linux: clear_refs "5"); false elsewhere.
bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

// 100,000 rows of the worklist layout (every column) to .xlsx in constant memory: the list is
// made once, outside the timing; what is timed is the writing, zip included.
void BM_WorklistXlsx100k(benchmark::State& state) {
  const bench::ProvinceStore& b = bench::province_store();
  DossierListOptions o;
  o.period = period();
  for (UnitId u = 0; u < 12; ++u) o.filter.units.push_back(u + 100);  // 12 communes, ~10 k each
  DossierList list = list_dossiers(b.store, b.units, b.procedures, b.calendar, o);
  if (list.rows.size() < 100'000) {
    state.SkipWithError("fewer than 100,000 rows chosen");
    return;
  }
  list.rows.resize(100'000);
  const DossierListLayout layout = *DossierListLayout::builtin("worklist");
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "parmetrics-bench-worklist.xlsx";
  std::int64_t peak = 0;
  for (auto _ : state) {
    const bool reset = reset_peak();
    const std::int64_t before = status_kib("VmRSS");
    write_xlsx(list, layout, b.units, b.procedures, file);
    if (reset) peak = std::max(peak, status_kib("VmHWM") - before);
  }
  state.SetItemsProcessed(state.iterations() * 100'000);
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
  state.counters["peak_extra_MB"] = static_cast<double>(peak) / 1024.0;
  std::filesystem::remove(file);
}
BENCHMARK(BM_WorklistXlsx100k)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
