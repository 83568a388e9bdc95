// A day number where the live store takes a minute must not compile (docs/live-store.md, "Days
// and minutes"). Compiled by tests/compile_fail/run.cmake once per case: PARMETRICS_CASE 0 is the
// control, written with the right types, which must compile; every other case must fail, and for
// the reason it shows (the compiler's message names Minute).

#include <parmetrics/model/live_store.hpp>

using namespace parmetrics;

[[maybe_unused]] void write(LiveStore& store, DayNumber day, MinuteStamp minute) {
#if PARMETRICS_CASE == 0
  store.record_end("X", Minute(minute));
  store.record_apology("X", {Minute(minute), Minute::of(day, 17 * 60), false});
  [[maybe_unused]] const Minute noon = Minute::of(day, 12 * 60);
#elif PARMETRICS_CASE == 1
  store.record_end("X", day);  // a day passed where a minute is taken
#elif PARMETRICS_CASE == 2
  [[maybe_unused]] const Minute m(day);  // a minute made from a day
#elif PARMETRICS_CASE == 3
  store.record_apology("X", {Minute(minute), day, false});  // a day as the new appointment
#elif PARMETRICS_CASE == 4
  store.request_supplement("X", minute);  // even a MinuteStamp: only a Minute, made on purpose
#elif PARMETRICS_CASE == 5
  [[maybe_unused]] const Minute m(day * 1440);  // the day's minutes by hand, in 32 bits
#endif
  (void)day;
  (void)minute;
}
