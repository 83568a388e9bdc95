// Evaluation + aggregation of 10 M dossiers held in memory (issue 4: >= 50 M dossiers/s on 2
// cores, <= 64 bytes per dossier), on the province of province_store.hpp.

#include <benchmark/benchmark.h>

#include <cstdint>

#include <parmetrics/metrics/report.hpp>

#include "province_store.hpp"

namespace {

using namespace parmetrics;
using BenchData = bench::ProvinceStore;

const BenchData& data() {
  return bench::province_store();
}

ReportOptions options(GroupBy by, unsigned threads, bool quantiles = true) {
  ReportOptions o;
  o.period = ReportPeriod::of(days_from_civil(2023, 1, 1), days_from_civil(2023, 8, 31));
  o.by = by;
  o.threads = threads;
  o.processing_quantiles = quantiles;
  return o;
}

void run_report(benchmark::State& state, GroupBy by, bool quantiles) {
  const BenchData& b = data();
  const ReportOptions o = options(by, static_cast<unsigned>(state.range(0)), quantiles);
  std::uint64_t in_scope = 0;
  for (auto _ : state) {
    const Report r = compute_report(b.store, b.units, b.procedures, b.calendar, o);
    in_scope = r.total.counts.in_scope;
    benchmark::DoNotOptimize(in_scope);
  }
  const auto n = static_cast<std::int64_t>(b.store.size());
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(b.store.evaluated_bytes()));
  state.counters["dossiers"] = static_cast<double>(n);
  state.counters["in_scope"] = static_cast<double>(in_scope);
  state.counters["bytes_per_dossier"] =
      static_cast<double>(b.store.memory_bytes()) / static_cast<double>(n);
  state.counters["evaluated_bytes_per_dossier"] =
      static_cast<double>(b.store.evaluated_bytes()) / static_cast<double>(n);
}

void BM_MetricsReportByUnit(benchmark::State& s) {
  run_report(s, GroupBy::unit, true);
}
void BM_MetricsReportByUnitNoQuantiles(benchmark::State& s) {
  run_report(s, GroupBy::unit, false);
}
void BM_MetricsReportTotal(benchmark::State& s) {
  run_report(s, GroupBy::none, true);
}
void BM_MetricsReportByMonth(benchmark::State& s) {
  run_report(s, GroupBy::month, true);
}
void BM_MetricsReportByProcedure(benchmark::State& s) {
  run_report(s, GroupBy::procedure, true);
}

BENCHMARK(BM_MetricsReportByUnit)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MetricsReportByUnitNoQuantiles)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_MetricsReportTotal)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MetricsReportByMonth)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MetricsReportByProcedure)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// One dossier at a time through the public per-dossier function (the rules without the engine).
void BM_MetricsEvaluateDossier(benchmark::State& state) {
  const BenchData& b = data();
  const ReportOptions o = options(GroupBy::none, 1);
  const auto n = static_cast<DossierStore::Index>(b.store.size());
  DossierStore::Index i = 0;
  for (auto _ : state) {
    const DossierEvaluation e =
        evaluate_dossier(DossierFacts::of(b.store, i), o.period.as_of, b.calendar, o.policy);
    benchmark::DoNotOptimize(e);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MetricsEvaluateDossier);

}  // namespace
