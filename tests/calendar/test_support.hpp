#pragma once
// Shorthands for writing dates and instants in tests the way people read them, and the official
// calendar most tests evaluate against.

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/calendar/working_calendar.hpp>

namespace parmetrics::test {

constexpr DayNumber day(int y, unsigned m, unsigned d) {
  return days_from_civil(y, m, d);
}

constexpr MinuteStamp at(int y, unsigned m, unsigned d, int hh, int mm) {
  return to_minutes(days_from_civil(y, m, d), hh * 60 + mm);
}

/// The official calendar (Vietnam's days off and office hours), made once per test program.
inline const WorkingCalendar& official_calendar() {
  static const WorkingCalendar c;
  return c;
}

}  // namespace parmetrics::test
