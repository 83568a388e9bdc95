// Appointments (ngày hẹn trả) hand-computed from the rules in docs/calendar.md: office hours
// 07:00–11:30 and 13:30–17:00 (270 + 210 = 480 minutes), a working day = 480 minutes.
// The week of 2023-03-06 (Mon) to 2023-03-10 (Fri) has no holiday, nor do the two weeks after it.

#include <boost/test/unit_test.hpp>

#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>

#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::at;
using parmetrics::test::official_calendar;

namespace {

MinuteStamp due(MinuteStamp received, const char* duration) {
  return official_calendar().appointment(received, StatutoryTime::parse(duration));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(deadline)

BOOST_AUTO_TEST_CASE(receipt_before_opening_starts_at_seven) {
  // 06:59 → clock starts 07:00; 4 h → 11:00.
  BOOST_TEST(due(at(2023, 3, 6, 6, 59), "4h") == at(2023, 3, 6, 11, 0));
  BOOST_TEST(due(at(2023, 3, 6, 7, 0), "4h") == at(2023, 3, 6, 11, 0));
}

BOOST_AUTO_TEST_CASE(receipt_just_before_lunch) {
  // 11:29: 1 min before lunch, 210 min in the afternoon = 211; 29 min left → Tue 07:29.
  BOOST_TEST(due(at(2023, 3, 6, 11, 29), "4h") == at(2023, 3, 7, 7, 29));
}

BOOST_AUTO_TEST_CASE(receipt_at_or_during_lunch_starts_at_half_past_one) {
  // 11:30 and 12:00 → 13:30; 210 min that afternoon, 30 min left → Tue 07:30.
  BOOST_TEST(due(at(2023, 3, 6, 11, 30), "4h") == at(2023, 3, 7, 7, 30));
  BOOST_TEST(due(at(2023, 3, 6, 12, 0), "4h") == at(2023, 3, 7, 7, 30));
}

BOOST_AUTO_TEST_CASE(receipt_at_or_after_closing_starts_next_morning) {
  BOOST_TEST(due(at(2023, 3, 6, 17, 0), "4h") == at(2023, 3, 7, 11, 0));
  BOOST_TEST(due(at(2023, 3, 6, 17, 1), "4h") == at(2023, 3, 7, 11, 0));
}

BOOST_AUTO_TEST_CASE(landing_exactly_on_the_end_of_the_morning_gives_half_past_eleven) {
  // 07:00 + 270 min = 11:30 exactly: the due is 11:30, not 13:30.
  BOOST_TEST(due(at(2023, 3, 6, 7, 0), "4.5h") == at(2023, 3, 6, 11, 30));
  // 07:00 + 1 d = 480 min ends at 17:00 the same day, not 07:00 the next.
  BOOST_TEST(due(at(2023, 3, 6, 7, 0), "1d") == at(2023, 3, 6, 17, 0));
}

BOOST_AUTO_TEST_CASE(half_and_whole_working_days) {
  BOOST_TEST(due(at(2023, 3, 6, 7, 0), "0.5d") == at(2023, 3, 6, 11, 0));
  // 13:30 + 1 d: 210 min Monday afternoon, 270 min Tuesday morning → Tue 11:30.
  BOOST_TEST(due(at(2023, 3, 6, 13, 30), "1d") == at(2023, 3, 7, 11, 30));
}

BOOST_AUTO_TEST_CASE(fifteen_working_days) {
  // From Mon 09:00, each working day brings the clock back to 09:00: three plain weeks later.
  BOOST_TEST(due(at(2023, 3, 6, 9, 0), "15d") == at(2023, 3, 27, 9, 0));
}

BOOST_AUTO_TEST_CASE(calendar_days) {
  // 2023-03-06 + 30 days = 2023-04-05, a Wednesday: the same clock time.
  BOOST_TEST(due(at(2023, 3, 6, 9, 0), "30cd") == at(2023, 4, 5, 9, 0));
  // 2023-03-02 + 30 days = Saturday 2023-04-01 → Monday 07:00.
  BOOST_TEST(due(at(2023, 3, 2, 10, 0), "30cd") == at(2023, 4, 3, 7, 0));
  // 18:00 + 30 days is after hours → the next working morning (2023-04-06 07:00).
  BOOST_TEST(due(at(2023, 3, 6, 18, 0), "30cd") == at(2023, 4, 6, 7, 0));
}

BOOST_AUTO_TEST_CASE(receipt_on_a_saturday) {
  BOOST_TEST(due(at(2023, 3, 11, 9, 0), "4h") == at(2023, 3, 13, 11, 0));
}

BOOST_AUTO_TEST_CASE(receipt_on_a_holiday) {
  // 2023: Hùng Kings on Sat 29/4, 30/4 on Sunday, 1/5 Monday; compensation days Tue 2/5 and
  // Wed 3/5 (the official 2023 schedule: no work from 29/4 to 3/5). Received on 1/5 → the clock
  // starts Thu 4/5 07:00.
  BOOST_TEST(due(at(2023, 5, 1, 9, 0), "4h") == at(2023, 5, 4, 11, 0));
}

BOOST_AUTO_TEST_CASE(deadline_across_tet) {
  // Tết 2024: no work from Thu 8/2 to Wed 14/2. Wed 7/2 09:00 + 2 d (960 min): 360 min on the
  // 7th, 480 on the 15th, 120 on the 16th → Fri 16/2 09:00.
  BOOST_TEST(due(at(2024, 2, 7, 9, 0), "2d") == at(2024, 2, 16, 9, 0));
}

BOOST_AUTO_TEST_CASE(pause_spanning_a_weekend_and_holidays) {
  // Received Mon 2023-04-24 08:00, 5 d. Without a pause: Tue, Wed, Thu, Fri at 08:00 count 4 d;
  // 29/4–3/5 are off; the fifth day ends Thu 4/5 08:00.
  const MinuteStamp received = at(2023, 4, 24, 8, 0);
  const auto five_days = StatutoryTime::working_days(5);
  BOOST_TEST(official_calendar().appointment(received, five_days) == at(2023, 5, 4, 8, 0));

  // A supplement request from Thu 27/4 10:00 to Thu 4/5 10:00: its working time is 27/4
  // 10:00–11:30 (90) + 210, 28/4 480, 4/5 07:00–10:00 (180) = 960 min = 2 d. The due moves
  // 960 working minutes later: Fri 5/5 08:00, then Mon 8/5 08:00.
  const Pause pause{at(2023, 4, 27, 10, 0), at(2023, 5, 4, 10, 0)};
  BOOST_TEST(official_calendar().working_minutes_between(pause.start, pause.end) == 960);
  BOOST_TEST(official_calendar().appointment(received, five_days, {&pause, 1}) ==
             at(2023, 5, 8, 8, 0));

  // As the portal counts it: later by the elapsed 7 days, 4/5 08:00 → 11/5 08:00.
  BOOST_TEST(official_calendar().appointment(received, five_days, {&pause, 1},
                                             PausePolicy::elapsed) == at(2023, 5, 11, 8, 0));
}

BOOST_AUTO_TEST_CASE(pause_over_a_plain_weekend) {
  // Fri 2023-03-10 16:00 → Mon 2023-03-13 08:00: 60 min on Friday, 60 on Monday.
  BOOST_TEST(official_calendar().working_minutes_between(at(2023, 3, 10, 16, 0),
                                                         at(2023, 3, 13, 8, 0)) == 120);
}

BOOST_AUTO_TEST_CASE(two_pauses_add_up_and_empty_pauses_count_nothing) {
  // Received Mon 2023-03-06 07:00, 1 d → 17:00. Pauses of 60 working minutes (08:00–09:00) and
  // 45 (11:00–11:30 and 13:30–13:45, lunch not counted), and one that ends where it starts: the
  // due moves 105 min, to Tue 08:45.
  const Pause pauses[] = {{at(2023, 3, 6, 8, 0), at(2023, 3, 6, 9, 0)},
                          {at(2023, 3, 6, 11, 0), at(2023, 3, 6, 13, 45)},
                          {at(2023, 3, 6, 15, 0), at(2023, 3, 6, 15, 0)}};
  BOOST_TEST(official_calendar().appointment(at(2023, 3, 6, 7, 0), StatutoryTime::working_days(1),
                                             pauses) == at(2023, 3, 7, 8, 45));
}

BOOST_AUTO_TEST_CASE(overlapping_pauses_count_once_in_any_order) {
  // Received Mon 2023-03-06 07:00, 1 d → 17:00. Pauses 09:00–11:00 and 08:00–10:00 (given out of
  // order) overlap: their union 08:00–11:00 is 180 working minutes, and 08:30–09:30 inside it
  // adds nothing. The due moves 180 min: Tue 07:00 + 180 = 10:00.
  const Pause pauses[] = {{at(2023, 3, 6, 9, 0), at(2023, 3, 6, 11, 0)},
                          {at(2023, 3, 6, 8, 0), at(2023, 3, 6, 10, 0)},
                          {at(2023, 3, 6, 8, 30), at(2023, 3, 6, 9, 30)}};
  BOOST_TEST(official_calendar().appointment(at(2023, 3, 6, 7, 0), StatutoryTime::working_days(1),
                                             pauses) == at(2023, 3, 7, 10, 0));
  BOOST_TEST(official_calendar().appointment(at(2023, 3, 6, 7, 0), StatutoryTime::working_days(1),
                                             pauses,
                                             PausePolicy::elapsed) == at(2023, 3, 6, 20, 0));
}

BOOST_AUTO_TEST_CASE(no_appointment_after_the_calendar) {
  // 30 calendar days from 2199-12-15 fall in 2200: out of range, never 2200-01-14.
  BOOST_CHECK_THROW(
      official_calendar().appointment(at(2199, 12, 15, 8, 0), StatutoryTime::calendar_days(30)),
      parmetrics::RangeError);
  // An elapsed pause that carries the due past 2199-12-31 likewise.
  const Pause long_pause[] = {{at(2199, 12, 20, 8, 0), at(2199, 12, 31, 8, 0)}};
  BOOST_CHECK_THROW(
      official_calendar().appointment(at(2199, 12, 19, 8, 0), StatutoryTime::working_days(5),
                                      long_pause, PausePolicy::elapsed),
      parmetrics::RangeError);
}

BOOST_AUTO_TEST_CASE(statutory_time_parsing) {
  BOOST_TEST((StatutoryTime::parse("4h") == StatutoryTime::working_hours(4)));
  BOOST_TEST((StatutoryTime::parse("0.5d") == StatutoryTime::working_days(0.5)));
  BOOST_TEST((StatutoryTime::parse("30cd") == StatutoryTime::calendar_days(30)));
  for (const char* bad : {"", "4", "h", "-1d", "1.5cd", "4 h", "abc", "1e3d", "4hh"}) {
    BOOST_CHECK_THROW(StatutoryTime::parse(bad), parmetrics::ArgumentError);
  }
}

BOOST_AUTO_TEST_SUITE_END()
