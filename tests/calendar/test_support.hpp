#pragma once
// Shorthands for writing dates and instants in tests the way people read them.

#include <parmetrics/calendar/civil.hpp>

namespace parmetrics::test {

constexpr DayNumber day(int y, unsigned m, unsigned d) {
  return days_from_civil(y, m, d);
}

constexpr MinuteStamp at(int y, unsigned m, unsigned d, int hh, int mm) {
  return to_minutes(days_from_civil(y, m, d), hh * 60 + mm);
}

}  // namespace parmetrics::test
