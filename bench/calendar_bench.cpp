// Deadline arithmetic: appointments and working time per second on one core, and the one-off cost
// of building a calendar.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>

namespace {

using namespace parmetrics;

struct Inputs {
  std::vector<MinuteStamp> received;
  std::vector<MinuteStamp> later;
  std::vector<StatutoryTime> durations;
};

// Receipts spread over 2015–2030 at any minute, durations like real procedures' (4 h to 30 d).
const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs r;
    std::mt19937 rng(766);
    std::uniform_int_distribution<DayNumber> day(days_from_civil(2015, 1, 1),
                                                 days_from_civil(2030, 12, 31));
    std::uniform_int_distribution<int> minute(0, 24 * 60 - 1);
    std::uniform_int_distribution<int> span(0, 60 * 24 * 60);
    const StatutoryTime kinds[] = {
        StatutoryTime::working_hours(4), StatutoryTime::working_days(0.5),
        StatutoryTime::working_days(3),  StatutoryTime::working_days(15),
        StatutoryTime::working_days(30), StatutoryTime::calendar_days(30)};
    std::uniform_int_distribution<std::size_t> kind(0, std::size(kinds) - 1);
    constexpr std::size_t kCount = 1 << 16;
    for (std::size_t i = 0; i < kCount; ++i) {
      const MinuteStamp t = to_minutes(day(rng), minute(rng));
      r.received.push_back(t);
      r.later.push_back(t + span(rng));
      r.durations.push_back(kinds[kind(rng)]);
    }
    return r;
  }();
  return in;
}

void BM_Appointment(benchmark::State& state) {
  const WorkingCalendar calendar;
  const Inputs& in = inputs();
  const std::size_t n = in.received.size();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.appointment(in.received[i], in.durations[i]));
    i = (i + 1) & (n - 1);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("appointments");
}
BENCHMARK(BM_Appointment);

void BM_WorkingMinutesBetween(benchmark::State& state) {
  const WorkingCalendar calendar;
  const Inputs& in = inputs();
  const std::size_t n = in.received.size();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.working_minutes_between(in.received[i], in.later[i]));
    i = (i + 1) & (n - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WorkingMinutesBetween);

void BM_NextWorkingInstant(benchmark::State& state) {
  const WorkingCalendar calendar;
  const Inputs& in = inputs();
  const std::size_t n = in.received.size();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.next_working_instant(in.received[i]));
    i = (i + 1) & (n - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NextWorkingInstant);

// Building the tables of 1900–2199 (the lunar table is built once per process before this).
void BM_CalendarConstruction(benchmark::State& state) {
  CalendarOptions options;
  (void)WorkingCalendar(options);
  for (auto _ : state) {
    WorkingCalendar calendar(options);
    benchmark::DoNotOptimize(calendar);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("calendars");
}
BENCHMARK(BM_CalendarConstruction)->Unit(benchmark::kMillisecond);

}  // namespace
