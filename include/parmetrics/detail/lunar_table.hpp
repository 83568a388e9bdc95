#pragma once
// Internals of the lunar calendar, exposed so that tests can check the astronomy against Meeus's
// worked examples and benchmarks can time the table build. Not a stable interface.

#include <cstdint>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics::detail {

/// Every lunar month from month 11 of lunar year kFirstLabelYear (Nov/Dec 1897) up to, not
/// including, month 11 of lunar year 2200: about 3,750 months in 23 kB.
struct LunarMonthTable {
  /// Lunar year of the first month; labels store years relative to it in 9 bits.
  static constexpr int kFirstLabelYear = 1897;
  /// First lunar year whose every month is in the table.
  static constexpr int kFirstFullYear = kFirstLabelYear + 1;

  /// First day of month i, ascending; one more entry than `labels` closes the last month.
  std::vector<DayNumber> starts;
  /// (lunar year - kFirstLabelYear) << 5 | month << 1 | leap, one per month.
  std::vector<std::uint16_t> labels;
  /// Index of month 1 of lunar year kFirstFullYear + i; one more entry than `leap_month`.
  std::vector<std::uint16_t> first_month;
  /// Leap month of lunar year kFirstFullYear + i, 0 when none.
  std::vector<std::uint8_t> leap_month;
};

constexpr std::uint16_t pack_lunar_label(int year, int month, bool leap) noexcept {
  return static_cast<std::uint16_t>((year - LunarMonthTable::kFirstLabelYear) << 5 | month << 1 |
                                    (leap ? 1 : 0));
}
constexpr int label_year(std::uint16_t label) noexcept {
  return (label >> 5) + LunarMonthTable::kFirstLabelYear;
}
constexpr int label_month(std::uint16_t label) noexcept {
  return (label >> 1) & 0xF;
}
constexpr bool label_leap(std::uint16_t label) noexcept {
  return (label & 1) != 0;
}

/// Runs the astronomy (about 3,750 new moons and as many solar longitudes); a few milliseconds.
PARMETRICS_API LunarMonthTable build_lunar_month_table();

/// The table, built on first use (thread-safe) and kept for the life of the process.
PARMETRICS_API const LunarMonthTable& lunar_month_table();

/// TT minus UT in seconds at a decimal year (Espenak & Meeus 2006 polynomials, 1860-2200+).
PARMETRICS_API double delta_t_seconds(double decimal_year);

/// Julian Ephemeris Day (TT) of true new moon number k, k = 0 being that of 2000-01-06 (Meeus,
/// Astronomical Algorithms, 2nd ed., ch. 49, all periodic and planetary terms).
PARMETRICS_API double new_moon_jde(int k);

/// Apparent geocentric longitude of the Sun in degrees at a Julian Ephemeris Day, NOT reduced to
/// [0, 360): it grows continuously, so floor(value / 30) counts major solar terms (Meeus ch. 25
/// with the truncated VSOP87 of appendix III, FK5 correction, nutation and aberration).
PARMETRICS_API double sun_apparent_longitude(double jde);

}  // namespace parmetrics::detail
