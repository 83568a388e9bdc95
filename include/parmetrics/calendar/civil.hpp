#pragma once
// Serial day numbers and civil (year/month/day) fields, after Howard Hinnant's date algorithms:
// arithmetic happens on day counts, people read fields.
//
// Thread-safety: constexpr arithmetic on values; safe from any thread.

#include <iosfwd>

#include <cstdint>
#include <parmetrics/export.hpp>

namespace parmetrics {

/// Serial day: days since 1970-01-01 in the proleptic Gregorian calendar (local civil date of
/// Vietnam, UTC+7).
using DayNumber = std::int32_t;

/// Serial minute: minutes since 1970-01-01T00:00 local time of Vietnam (UTC+7, no DST).
using MinuteStamp = std::int64_t;

inline constexpr int kMinutesPerDay = 24 * 60;

/// A civil date as people write it.
struct CivilDate {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  friend constexpr bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// Day number of a civil date (valid for any proleptic Gregorian date).
constexpr DayNumber days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

constexpr DayNumber days_from_civil(CivilDate c) noexcept {
  return days_from_civil(c.year, c.month, c.day);
}

/// Civil date of a day number.
constexpr CivilDate civil_from_days(DayNumber z) noexcept {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2), m, d};
}

/// Day of the week: 0 = Sunday, 1 = Monday, ..., 6 = Saturday.
constexpr unsigned weekday(DayNumber z) noexcept {
  return static_cast<unsigned>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

constexpr bool is_leap_year(int y) noexcept {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr unsigned days_in_month(int y, unsigned m) noexcept {
  constexpr unsigned char kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29u : kDays[m - 1];
}

constexpr bool is_valid_civil(int y, unsigned m, unsigned d) noexcept {
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/// The range every calendar query supports: 1900-01-01 to 2199-12-31.
inline constexpr DayNumber kFirstSupportedDay = days_from_civil(1900, 1, 1);
inline constexpr DayNumber kLastSupportedDay = days_from_civil(2199, 12, 31);

constexpr MinuteStamp to_minutes(DayNumber d, int minute_of_day = 0) noexcept {
  return static_cast<MinuteStamp>(d) * kMinutesPerDay + minute_of_day;
}

/// Day of a minute stamp (floor division, correct before 1970 too).
constexpr DayNumber day_of(MinuteStamp t) noexcept {
  return static_cast<DayNumber>(t >= 0 ? t / kMinutesPerDay
                                       : (t - (kMinutesPerDay - 1)) / kMinutesPerDay);
}

constexpr int minute_of_day(MinuteStamp t) noexcept {
  return static_cast<int>(t - static_cast<MinuteStamp>(day_of(t)) * kMinutesPerDay);
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(civil_from_days(days_from_civil(2000, 2, 29)) == CivilDate{2000, 2, 29});
static_assert(weekday(days_from_civil(2024, 2, 10)) == 6);  // Tết Giáp Thìn fell on a Saturday.

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// Writes "2024-02-10".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const CivilDate& value);

}  // namespace parmetrics
