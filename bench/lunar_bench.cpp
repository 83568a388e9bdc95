#include <parmetrics/calendar/lunar_calendar.hpp>
#include <parmetrics/detail/lunar_table.hpp>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

namespace {

// A power of two so the loop can wrap with a mask; large enough that the branch predictor cannot
// learn the sequence, small enough (16 kB) to stay in L1/L2 like the month table itself.
constexpr std::size_t kSampleSize = 4096;

std::vector<parmetrics::DayNumber> random_days() {
  std::mt19937 rng(42);
  std::uniform_int_distribution<parmetrics::DayNumber> any(parmetrics::kFirstSupportedDay,
                                                           parmetrics::kLastSupportedDay);
  std::vector<parmetrics::DayNumber> days(kSampleSize);
  for (auto& d : days) d = any(rng);
  return days;
}

void BM_SolarToLunar(benchmark::State& state) {
  const std::vector<parmetrics::DayNumber> days = random_days();
  parmetrics::to_lunar(days[0]);  // builds the table outside the timed loop
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(parmetrics::to_lunar(days[i]));
    i = (i + 1) & (kSampleSize - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SolarToLunar);

void BM_LunarToSolar(benchmark::State& state) {
  std::vector<parmetrics::LunarDate> dates;
  dates.reserve(kSampleSize);
  for (parmetrics::DayNumber d : random_days()) dates.push_back(parmetrics::to_lunar(d));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(parmetrics::from_lunar(dates[i]));
    i = (i + 1) & (kSampleSize - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LunarToSolar);

// The one-off cost paid by the first lunar query of a process; items are lunar months.
void BM_LunarTableBuild(benchmark::State& state) {
  std::int64_t months = 0;
  for (auto _ : state) {
    const parmetrics::detail::LunarMonthTable table = parmetrics::detail::build_lunar_month_table();
    benchmark::DoNotOptimize(table.starts.data());
    months += static_cast<std::int64_t>(table.labels.size());
  }
  state.SetItemsProcessed(months);
}
BENCHMARK(BM_LunarTableBuild)->Unit(benchmark::kMillisecond);

}  // namespace
