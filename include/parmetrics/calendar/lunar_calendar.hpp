#pragma once
// The Vietnamese lunar calendar (âm lịch) at UTC+7, as published by Hồ Ngọc Đức: months start on
// the local day of the new moon, month 11 holds the winter solstice, and in a 13-month year the
// first month without a major solar term (trung khí) is the leap month. Computed astronomically
// once per process (see detail/lunar_table.hpp); every query here is a table look-up.
//
// Thread-safety: pure functions over constant tables; safe from any thread.

#include <iosfwd>
#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

/// A date of the Vietnamese lunar calendar (âm lịch), reckoned at UTC+7.
struct LunarDate {
  int day;    ///< 1..29 or 1..30
  int month;  ///< 1..12; a leap month repeats the number of the month before it
  int year;   ///< the solar year in which this lunar year's month 1 (Tết) falls
  bool leap;  ///< true for the leap month (tháng nhuận)
  friend constexpr bool operator==(const LunarDate&, const LunarDate&) = default;
};

/// Lunar years whose months the queries below accept (lunar 1899 holds 1900-01-01).
inline constexpr int kFirstSupportedLunarYear = 1899;
inline constexpr int kLastSupportedLunarYear = 2199;

/// Lunar date of a solar day; throws RangeError outside [kFirstSupportedDay,
/// kLastSupportedDay].
PARMETRICS_API LunarDate to_lunar(DayNumber day);

/// Solar day of a lunar date; throws ArgumentError when no such lunar date exists (e.g.
/// day 30 of a 29-day month, a leap month that year does not have) and RangeError when the
/// lunar year lies outside [kFirstSupportedLunarYear, kLastSupportedLunarYear] or the day outside
/// [kFirstSupportedDay, kLastSupportedDay].
PARMETRICS_API DayNumber from_lunar(const LunarDate& date);

/// Day of lunar New Year (Tết Nguyên Đán, mùng 1 tháng Giêng) of the lunar year that starts in
/// solar year `year` (1900..2199); throws RangeError otherwise.
PARMETRICS_API DayNumber lunar_new_year(int year);

/// Number of the leap month of lunar year `year`, or 0 when it has none; throws RangeError
/// outside [kFirstSupportedLunarYear, kLastSupportedLunarYear].
PARMETRICS_API int lunar_leap_month(int year);

/// Length of a lunar month, 29 or 30 days; throws like from_lunar.
PARMETRICS_API int lunar_month_length(int year, int month, bool leap = false);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// Writes "1/1/2024" (day/month/year), "15/2+/2023" for a leap month.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const LunarDate& value);

}  // namespace parmetrics
