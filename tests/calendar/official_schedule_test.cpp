// The calendar against the official schedules of 2019–2026: every weekday off and every rest day
// worked, typed in from the announcements cited in official_schedule_2019_2026.hpp.

#include <boost/test/unit_test.hpp>

#include <set>

#include <parmetrics/calendar/lunar_calendar.hpp>
#include <parmetrics/calendar/working_calendar.hpp>

#include "calendar/official_schedule_2019_2026.hpp"
#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::day;
using parmetrics::test::kOfficialSchedule;

namespace {

// Weekdays off and weekend days worked per the official table.
std::set<DayNumber> official_exceptions(int year) {
  std::set<DayNumber> days;
  for (const auto& o : kOfficialSchedule) {
    if (o.year == year) days.insert(day(o.year, o.month, o.day));
  }
  return days;
}

// Days of a year whose status differs from the plain week (Mon–Fri work, Sat–Sun rest).
std::set<DayNumber> exceptions(const WorkingCalendar& calendar, int year, DayNumber from,
                               DayNumber to) {
  std::set<DayNumber> days;
  for (DayNumber d = std::max(from, day(year, 1, 1)); d <= std::min(to, day(year, 12, 31)); ++d) {
    const bool weekend = weekday(d) == 0 || weekday(d) == 6;
    if (calendar.is_working_day(d) == weekend) days.insert(d);
  }
  return days;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(official_schedule)

BOOST_AUTO_TEST_CASE(every_day_off_and_every_day_worked_2019_to_2026) {
  const WorkingCalendar calendar;
  for (int year = 2019; year <= 2026; ++year) {
    BOOST_TEST_CONTEXT("year " << year) {
      const auto expected = official_exceptions(year);
      const auto actual = exceptions(calendar, year, day(year, 1, 1), day(year, 12, 31));
      BOOST_TEST(actual == expected, boost::test_tools::per_element());
    }
  }
  for (const auto& o : kOfficialSchedule) {
    BOOST_TEST_CONTEXT(o.year << "-" << o.month << "-" << o.day << " (" << o.source << ")") {
      BOOST_TEST(calendar.is_working_day(day(o.year, o.month, o.day)) == o.working);
    }
  }
}

// The rules alone (no data set) reproduce each year's Tết block of 2019–2026, none of which had
// a swap: the default is a faithful guess for years not yet announced.
BOOST_AUTO_TEST_CASE(rules_alone_reproduce_the_tet_blocks_2019_to_2026) {
  CalendarOptions rules_only;
  rules_only.builtin_data = false;
  const WorkingCalendar calendar(rules_only);
  for (int year = 2019; year <= 2026; ++year) {
    BOOST_TEST_CONTEXT("year " << year) {
      const DayNumber tet = lunar_new_year(year);
      std::set<DayNumber> expected;
      for (DayNumber d : official_exceptions(year)) {
        if (d >= tet - 10 && d <= tet + 10) expected.insert(d);
      }
      const auto actual = exceptions(calendar, year, tet - 10, tet + 10);
      BOOST_TEST(actual == expected, boost::test_tools::per_element());
    }
  }
}

// So do the National Day blocks of 2021–2025 (2026 adds a swap, which only data can know).
BOOST_AUTO_TEST_CASE(rules_alone_reproduce_the_national_day_blocks_2021_to_2025) {
  CalendarOptions rules_only;
  rules_only.builtin_data = false;
  const WorkingCalendar calendar(rules_only);
  for (int year = 2021; year <= 2025; ++year) {
    BOOST_TEST_CONTEXT("year " << year) {
      std::set<DayNumber> expected;
      for (DayNumber d : official_exceptions(year)) {
        if (d >= day(year, 8, 25) && d <= day(year, 9, 10)) expected.insert(d);
      }
      const auto actual = exceptions(calendar, year, day(year, 8, 25), day(year, 9, 10));
      BOOST_TEST(actual == expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
