// The working calendar: rules by era, day queries, instants, Boost edge, sharing between threads.

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <boost/test/unit_test.hpp>

#include <random>
#include <thread>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>

#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::at;
using parmetrics::test::day;
using parmetrics::test::official_calendar;

namespace {

DayKind kind(DayNumber d) {
  return official_calendar().day_info(d).kind;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(working_calendar)

BOOST_AUTO_TEST_CASE(fixed_holidays_and_their_names) {
  // 2025-01-01 (Wed), 2025-04-30 (Wed), 2025-05-01 (Thu): Labour Code 2019 art. 112.
  BOOST_TEST((kind(day(2025, 1, 1)) == DayKind::holiday));
  BOOST_TEST(official_calendar().day_info(day(2025, 1, 1)).name == "Tết Dương lịch");
  BOOST_TEST((kind(day(2025, 4, 30)) == DayKind::holiday));
  BOOST_TEST((kind(day(2025, 5, 1)) == DayKind::holiday));
  BOOST_TEST(official_calendar().day_info(day(2025, 5, 1)).name == "Ngày Quốc tế Lao động");
  BOOST_TEST((kind(day(2025, 1, 6)) == DayKind::workday));
  BOOST_TEST(official_calendar().day_info(day(2025, 1, 6)).name.empty());
}

BOOST_AUTO_TEST_CASE(hung_kings_day_is_a_holiday_from_2007) {
  // 10/3 lunar: 2007-04-26 (Thursday), the first year it was a paid holiday (Law 84/2007/QH11);
  // 2006-04-07 (Friday) was 10/3 Bính Tuất and a working day.
  BOOST_TEST((kind(day(2007, 4, 26)) == DayKind::holiday));
  BOOST_TEST(official_calendar().day_info(day(2007, 4, 26)).name == "Giỗ Tổ Hùng Vương");
  BOOST_TEST((kind(day(2006, 4, 7)) == DayKind::workday));
}

BOOST_AUTO_TEST_CASE(compensation_day_for_a_holiday_on_a_weekend) {
  // 2022-01-01 was a Saturday: Monday 2022-01-03 was given off (art. 111(3)). The Saturday
  // stays a rest day (kind weekend) and carries the holiday's name (issue 12).
  BOOST_TEST((kind(day(2022, 1, 1)) == DayKind::weekend));
  BOOST_TEST(official_calendar().day_info(day(2022, 1, 1)).name == "Tết Dương lịch");
  BOOST_TEST((kind(day(2022, 1, 3)) == DayKind::observed));
  BOOST_TEST(official_calendar().day_info(day(2022, 1, 3)).name == "Nghỉ bù Tết Dương lịch");
}

BOOST_AUTO_TEST_CASE(rest_days_that_are_holidays_by_law_carry_the_name_in_every_year) {
  // Issue 12: one rule, shipped years and computed ones alike. 2023-09-02 (Quốc khánh) was a
  // Saturday; Tết 2024 (mùng 1 = Saturday 10 February) had 10-11 February on the weekend; Tết
  // 2027 (mùng 1 = Saturday 6 February, no announced schedule) likewise. They stay weekend days;
  // the days given back are observed, not holidays.
  BOOST_TEST((kind(day(2023, 9, 2)) == DayKind::weekend));
  BOOST_TEST(official_calendar().day_info(day(2023, 9, 2)).name == "Quốc khánh");
  BOOST_TEST(official_calendar().day_info(day(2023, 9, 3)).name.empty());  // a plain Sunday
  BOOST_TEST((kind(day(2023, 9, 4)) == DayKind::observed));
  for (const DayNumber d : {day(2024, 2, 10), day(2024, 2, 11), day(2027, 2, 6), day(2027, 2, 7)}) {
    BOOST_TEST((kind(d) == DayKind::weekend));
    BOOST_TEST(official_calendar().day_info(d).name == "Tết Nguyên Đán");
  }
  BOOST_TEST((kind(day(2027, 2, 9)) == DayKind::observed));
  BOOST_TEST(official_calendar().is_announced(2024));
  BOOST_TEST(!official_calendar().is_announced(2027));
}

BOOST_AUTO_TEST_CASE(saturdays_were_working_days_before_the_forty_hour_week) {
  // QĐ 188/1999/QĐ-TTg: Saturdays off from 1999-10-02.
  BOOST_TEST((kind(day(1998, 3, 7)) == DayKind::workday));
  BOOST_TEST((kind(day(1999, 9, 25)) == DayKind::workday));
  BOOST_TEST((kind(day(1999, 10, 2)) == DayKind::weekend));
  BOOST_TEST((kind(day(1999, 10, 3)) == DayKind::weekend));
}

BOOST_AUTO_TEST_CASE(one_national_day_before_2021_two_after) {
  // 2020-09-02 was a Wednesday: 1/9 and 3/9 were working days. 2021-09-02 was a Thursday and
  // Friday 3/9 was the adjacent day off.
  BOOST_TEST((kind(day(2020, 9, 1)) == DayKind::workday));
  BOOST_TEST((kind(day(2020, 9, 2)) == DayKind::holiday));
  BOOST_TEST((kind(day(2020, 9, 3)) == DayKind::workday));
  BOOST_TEST((kind(day(2021, 9, 2)) == DayKind::holiday));
  BOOST_TEST(!official_calendar().is_working_day(day(2021, 9, 3)));
}

BOOST_AUTO_TEST_CASE(adjust_advance_and_count_working_days) {
  // Tết 2024: off Thu 8/2 .. Wed 14/2.
  BOOST_TEST(official_calendar().adjust(day(2024, 2, 8)) == day(2024, 2, 15));
  BOOST_TEST(official_calendar().adjust(day(2024, 2, 7)) == day(2024, 2, 7));
  BOOST_TEST(official_calendar().advance(day(2024, 2, 7), 1) == day(2024, 2, 15));
  BOOST_TEST(official_calendar().advance(day(2024, 2, 7), 3) == day(2024, 2, 19));
  BOOST_TEST(official_calendar().advance(day(2024, 2, 15), -1) == day(2024, 2, 7));
  BOOST_TEST(official_calendar().advance(day(2024, 2, 10), -1) == day(2024, 2, 7));
  BOOST_TEST(official_calendar().advance(day(2024, 2, 10), 0) == day(2024, 2, 15));
  // [5/2, 19/2): Mon 5, Tue 6, Wed 7, Thu 15, Fri 16 = 5 working days.
  BOOST_TEST(official_calendar().working_days_between(day(2024, 2, 5), day(2024, 2, 19)) == 5);
  BOOST_TEST(official_calendar().working_days_between(day(2024, 2, 19), day(2024, 2, 5)) == -5);
}

BOOST_AUTO_TEST_CASE(next_working_instant) {
  BOOST_TEST(official_calendar().next_working_instant(at(2023, 3, 6, 6, 59)) ==
             at(2023, 3, 6, 7, 0));
  BOOST_TEST(official_calendar().next_working_instant(at(2023, 3, 6, 9, 15)) ==
             at(2023, 3, 6, 9, 15));
  BOOST_TEST(official_calendar().next_working_instant(at(2023, 3, 6, 11, 30)) ==
             at(2023, 3, 6, 13, 30));
  BOOST_TEST(official_calendar().next_working_instant(at(2023, 3, 6, 17, 0)) ==
             at(2023, 3, 7, 7, 0));
  BOOST_TEST(official_calendar().next_working_instant(at(2023, 3, 10, 23, 59)) ==
             at(2023, 3, 13, 7, 0));
}

BOOST_AUTO_TEST_CASE(working_time_between_instants) {
  // Mon 07:00 → Fri 17:00 of a plain week: 5 × 480.
  BOOST_TEST(official_calendar().working_minutes_between(at(2023, 3, 6, 7, 0),
                                                         at(2023, 3, 10, 17, 0)) == 2400);
  BOOST_TEST(official_calendar().working_minutes_between(at(2023, 3, 10, 17, 0),
                                                         at(2023, 3, 6, 7, 0)) == -2400);
  // Lunch and nights do not count: 11:00 → 14:00 is 30 + 30.
  BOOST_TEST(official_calendar().working_minutes_between(at(2023, 3, 6, 11, 0),
                                                         at(2023, 3, 6, 14, 0)) == 60);
}

BOOST_AUTO_TEST_CASE(adding_then_measuring_gives_back_the_duration) {
  std::mt19937 rng(20231);
  std::uniform_int_distribution<DayNumber> days(day(1995, 1, 1), day(2150, 12, 31));
  std::uniform_int_distribution<int> minutes(0, 24 * 60 - 1);
  std::uniform_int_distribution<std::int64_t> durations(0, 480 * 60);
  for (int i = 0; i < 200000; ++i) {
    const MinuteStamp t = to_minutes(days(rng), minutes(rng));
    const std::int64_t d = durations(rng);
    const MinuteStamp u = official_calendar().add_working_minutes(t, d);
    BOOST_REQUIRE(u >= t);
    BOOST_REQUIRE_EQUAL(official_calendar().working_minutes_between(t, u), d);
    // u is the earliest such instant: a minute earlier there is less working time behind.
    if (d > 0) BOOST_REQUIRE_EQUAL(official_calendar().working_minutes_between(t, u - 1), d - 1);
  }
}

BOOST_AUTO_TEST_CASE(queries_outside_the_range_throw) {
  BOOST_CHECK_THROW((void)official_calendar().is_working_day(day(1899, 12, 31)),
                    parmetrics::RangeError);
  BOOST_CHECK_THROW((void)official_calendar().day_info(day(2200, 1, 1)), parmetrics::RangeError);
  BOOST_CHECK_THROW((void)official_calendar().add_working_minutes(at(2199, 12, 30, 8, 0), 480 * 10),
                    parmetrics::RangeError);
  BOOST_CHECK_THROW((void)official_calendar().add_working_minutes(at(2023, 3, 6, 8, 0), -1),
                    parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(office_hours_are_configurable_per_weekday) {
  // 07:30–11:30, 13:00–17:00 on weekdays, Friday afternoon until 16:00.
  WorkingHours hours(DaySchedule::parse("07:30-11:30,13:00-17:00"));
  hours.set(5, DaySchedule::parse("07:30-11:30,13:00-16:00"));
  CalendarOptions options;
  options.hours = hours;
  const WorkingCalendar c(options);
  BOOST_TEST(c.hours().standard_day_minutes() == 480);
  BOOST_TEST(c.next_working_instant(at(2023, 3, 6, 7, 0)) == at(2023, 3, 6, 7, 30));
  BOOST_TEST(c.next_working_instant(at(2023, 3, 6, 12, 0)) == at(2023, 3, 6, 13, 0));
  // Fri 2023-03-10: 240 + 180 = 420 minutes.
  BOOST_TEST(c.working_minutes_between(at(2023, 3, 10, 0, 0), at(2023, 3, 11, 0, 0)) == 420);
  // Fri 15:00 + 2 h: one hour on Friday, then Monday 07:30 + 60 → 08:30.
  BOOST_TEST(c.appointment(at(2023, 3, 10, 15, 0), StatutoryTime::working_hours(2)) ==
             at(2023, 3, 13, 8, 30));
}

BOOST_AUTO_TEST_CASE(boost_date_time_edge) {
  using boost::gregorian::date;
  using boost::posix_time::ptime;
  using boost::posix_time::time_from_string;
  BOOST_TEST(to_day_number(date(1970, 1, 1)) == 0);
  BOOST_TEST(to_gregorian(day(2024, 2, 10)) == date(2024, 2, 10));
  BOOST_TEST(!official_calendar().is_working_day(date(2024, 2, 12)));
  BOOST_TEST(official_calendar().appointment(time_from_string("2024-02-07 16:00:00"),
                                             StatutoryTime::working_days(1)) ==
             time_from_string("2024-02-15 16:00:00"));
  // Seconds are dropped: minute precision.
  BOOST_TEST(to_minute_stamp(time_from_string("2024-02-07 16:00:59")) == at(2024, 2, 7, 16, 0));
  BOOST_TEST(official_calendar().working_time_between(time_from_string("2023-03-06 07:00:00"),
                                                      time_from_string("2023-03-06 11:30:00")) ==
             boost::posix_time::minutes(270));
  BOOST_CHECK_THROW((void)to_day_number(date(boost::gregorian::not_a_date_time)),
                    parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(copies_share_and_threads_agree) {
  // The calendar is immutable: copies made in threads answer like the original.
  const WorkingCalendar original;
  const MinuteStamp expected =
      original.appointment(at(2024, 2, 7, 9, 0), StatutoryTime::working_days(2));
  std::vector<std::thread> threads;
  std::vector<int> agreed(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      const WorkingCalendar copy = original;
      for (int k = 0; k < 10000; ++k) {
        agreed[static_cast<std::size_t>(i)] +=
            copy.appointment(at(2024, 2, 7, 9, 0), StatutoryTime::working_days(2)) == expected;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int a : agreed) BOOST_TEST(a == 10000);
  BOOST_TEST(expected == at(2024, 2, 16, 9, 0));
}

BOOST_AUTO_TEST_SUITE_END()
