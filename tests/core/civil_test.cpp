#include <parmetrics/calendar/civil.hpp>

#include <boost/test/unit_test.hpp>

using namespace parmetrics;

BOOST_AUTO_TEST_SUITE(civil)

// Known anchors: the Unix epoch, and weekdays read off a printed calendar.
BOOST_AUTO_TEST_CASE(anchors) {
  BOOST_TEST(days_from_civil(1970, 1, 1) == 0);
  BOOST_TEST(days_from_civil(1970, 1, 2) == 1);
  BOOST_TEST(days_from_civil(1969, 12, 31) == -1);
  // 2000-03-01 is 11017 days after the epoch: 30 years of 365 days + 7 leap days (1972..1996)
  // + Jan and Feb 2000 (31 + 29) = 10950 + 7 + 60.
  BOOST_TEST(days_from_civil(2000, 3, 1) == 10950 + 7 + 60);
  BOOST_TEST(weekday(days_from_civil(1970, 1, 1)) == 4u);    // a Thursday
  BOOST_TEST(weekday(days_from_civil(1900, 1, 1)) == 1u);    // a Monday
  BOOST_TEST(weekday(days_from_civil(2026, 11, 26)) == 4u);  // a Thursday
}

BOOST_AUTO_TEST_CASE(round_trip_over_the_supported_range) {
  int previous_weekday = static_cast<int>(weekday(kFirstSupportedDay - 1));
  for (DayNumber d = kFirstSupportedDay; d <= kLastSupportedDay; ++d) {
    const CivilDate c = civil_from_days(d);
    BOOST_REQUIRE(is_valid_civil(c.year, c.month, c.day));
    BOOST_REQUIRE(days_from_civil(c) == d);
    const int w = static_cast<int>(weekday(d));
    BOOST_REQUIRE(w == (previous_weekday + 1) % 7);
    previous_weekday = w;
  }
}

BOOST_AUTO_TEST_CASE(minutes_split_into_day_and_minute_of_day) {
  const MinuteStamp t = to_minutes(days_from_civil(2024, 2, 8), 7 * 60 + 30);
  BOOST_TEST(day_of(t) == days_from_civil(2024, 2, 8));
  BOOST_TEST(minute_of_day(t) == 450);
  const MinuteStamp before_epoch = to_minutes(days_from_civil(1960, 5, 1), 1);
  BOOST_TEST(day_of(before_epoch) == days_from_civil(1960, 5, 1));
  BOOST_TEST(minute_of_day(before_epoch) == 1);
}

BOOST_AUTO_TEST_CASE(leap_years) {
  BOOST_TEST(is_leap_year(2000));
  BOOST_TEST(!is_leap_year(1900));
  BOOST_TEST(!is_leap_year(2100));
  BOOST_TEST(is_leap_year(2024));
  BOOST_TEST(days_in_month(2024, 2) == 29u);
  BOOST_TEST(days_in_month(2023, 2) == 28u);
  BOOST_TEST(!is_valid_civil(2023, 2, 29));
  BOOST_TEST(!is_valid_civil(2023, 13, 1));
}

BOOST_AUTO_TEST_SUITE_END()
