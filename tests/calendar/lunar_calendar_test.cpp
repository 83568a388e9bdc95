#include <parmetrics/calendar/lunar_calendar.hpp>
#include <parmetrics/detail/lunar_table.hpp>
#include <parmetrics/error.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#ifndef PARMETRICS_TEST_DATA_DIR
#error "PARMETRICS_TEST_DATA_DIR must point at the tests directory"
#endif

namespace pm = parmetrics;

namespace {

constexpr pm::DayNumber day(int y, unsigned m, unsigned d) {
  return pm::days_from_civil(y, m, d);
}

pm::DayNumber parse_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    throw std::runtime_error("bad ISO date in reference table: " + text);
  }
  return day(std::stoi(text.substr(0, 4)), static_cast<unsigned>(std::stoul(text.substr(5, 2))),
             static_cast<unsigned>(std::stoul(text.substr(8, 2))));
}

struct ReferenceYear {
  int year;
  pm::DayNumber tet;
  pm::DayNumber hung_kings;
};

// Written by tests/calendar/reference/generate_tet_reference.py from PyEphem's ephemerides, so a
// wrong coefficient or rule in the library cannot be mirrored in it.
std::vector<ReferenceYear> load_reference() {
  const std::string path =
      PARMETRICS_TEST_DATA_DIR "/calendar/reference/tet_hung_kings_1900_2199.csv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(in, line);
  if (line != "year,tet,hung_kings") throw std::runtime_error("unexpected header: " + line);
  std::vector<ReferenceYear> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto c1 = line.find(',');
    const auto c2 = line.find(',', c1 + 1);
    if (c1 == std::string::npos || c2 == std::string::npos) {
      throw std::runtime_error("bad reference row: " + line);
    }
    rows.push_back({std::stoi(line.substr(0, c1)), parse_iso_date(line.substr(c1 + 1, c2 - c1 - 1)),
                    parse_iso_date(line.substr(c2 + 1))});
  }
  return rows;
}

pm::LunarDate lunar(int d, int m, int y, bool leap = false) {
  return pm::LunarDate{d, m, y, leap};
}

}  // namespace

namespace parmetrics {
// Lets BOOST_TEST print both sides of a failed comparison; internal linkage so that it cannot
// clash with a printer another test file might define.
static std::ostream& boost_test_print_type(std::ostream& os, const LunarDate& d) {
  return os << d.day << '/' << d.month << (d.leap ? " nhuận" : "") << '/' << d.year;
}
}  // namespace parmetrics

BOOST_AUTO_TEST_SUITE(lunar_calendar)

BOOST_AUTO_TEST_CASE(tet_and_hung_kings_match_ephemeris_reference_every_year) {
  const std::vector<ReferenceYear> rows = load_reference();
  BOOST_REQUIRE_EQUAL(rows.size(), 300U);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ReferenceYear& r = rows[i];
    BOOST_TEST_CONTEXT("year " << r.year) {
      BOOST_TEST(r.year == 1900 + static_cast<int>(i));
      BOOST_TEST(pm::lunar_new_year(r.year) == r.tet);
      BOOST_TEST(pm::from_lunar(lunar(10, 3, r.year)) == r.hung_kings);
      BOOST_TEST(pm::to_lunar(r.tet) == lunar(1, 1, r.year));
      BOOST_TEST(pm::to_lunar(r.hung_kings) == lunar(10, 3, r.year));
    }
  }
}

// Years in which a calendar reckoned at UTC+8 (China) differs from Vietnam's (domain README §4).
BOOST_AUTO_TEST_CASE(utc7_dates_that_differ_from_china) {
  BOOST_TEST(pm::lunar_new_year(1985) == day(1985, 1, 21));           // China: 20 Feb
  BOOST_TEST(pm::lunar_new_year(2007) == day(2007, 2, 17));           // China: 18 Feb
  BOOST_TEST(pm::lunar_new_year(2030) == day(2030, 2, 2));            // China: 3 Feb
  BOOST_TEST(pm::from_lunar(lunar(10, 3, 2009)) == day(2009, 4, 4));  // China: 5 Apr
}

// Published Vietnamese lunar calendars (lịch vạn niên) and official holiday notices.
BOOST_AUTO_TEST_CASE(published_leap_months) {
  struct Leap {
    int year, month;
    pm::DayNumber regular_start, leap_start;
  };
  const auto leaps = std::to_array<Leap>({
      {2017, 6, day(2017, 6, 24), day(2017, 7, 23)},  // Đinh Dậu, tháng 6 nhuận
      {2020, 4, day(2020, 4, 23), day(2020, 5, 23)},  // Canh Tý, tháng 4 nhuận
      {2023, 2, day(2023, 2, 20), day(2023, 3, 22)},  // Quý Mão, tháng 2 nhuận
      {2025, 6, day(2025, 6, 25), day(2025, 7, 25)},  // Ất Tỵ, tháng 6 nhuận
  });
  for (const Leap& l : leaps) {
    BOOST_TEST_CONTEXT("year " << l.year) {
      BOOST_TEST(pm::lunar_leap_month(l.year) == l.month);
      BOOST_TEST(pm::from_lunar(lunar(1, l.month, l.year)) == l.regular_start);
      BOOST_TEST(pm::from_lunar(lunar(1, l.month, l.year, true)) == l.leap_start);
      BOOST_TEST(pm::to_lunar(l.leap_start) == lunar(1, l.month, l.year, true));
      BOOST_TEST(pm::to_lunar(l.leap_start - 1) ==
                 lunar(l.leap_start - l.regular_start, l.month, l.year));
    }
  }
  for (int year : {2018, 2019, 2021, 2022, 2024, 2026}) {
    BOOST_TEST_CONTEXT("year " << year) {
      BOOST_TEST(pm::lunar_leap_month(year) == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(published_festival_dates) {
  BOOST_TEST(pm::lunar_new_year(2024) == day(2024, 2, 10));            // Tết Giáp Thìn
  BOOST_TEST(pm::lunar_new_year(2025) == day(2025, 1, 29));            // Tết Ất Tỵ
  BOOST_TEST(pm::lunar_new_year(2026) == day(2026, 2, 17));            // Tết Bính Ngọ
  BOOST_TEST(pm::from_lunar(lunar(10, 3, 2024)) == day(2024, 4, 18));  // Giỗ Tổ Hùng Vương
  BOOST_TEST(pm::from_lunar(lunar(10, 3, 2025)) == day(2025, 4, 7));
  BOOST_TEST(pm::from_lunar(lunar(15, 7, 2024)) == day(2024, 8, 18));  // Vu Lan
  BOOST_TEST(pm::from_lunar(lunar(15, 8, 2024)) == day(2024, 9, 17));  // Tết Trung Thu
  BOOST_TEST(pm::to_lunar(day(2024, 2, 9)) == lunar(30, 12, 2023));    // Giao thừa
}

BOOST_AUTO_TEST_CASE(supported_range_edges) {
  BOOST_TEST(pm::to_lunar(pm::kFirstSupportedDay) == lunar(1, 12, 1899));
  BOOST_TEST(pm::to_lunar(pm::kLastSupportedDay) == lunar(14, 11, 2199));
  BOOST_TEST(pm::from_lunar(lunar(1, 12, 1899)) == pm::kFirstSupportedDay);
  BOOST_TEST(pm::from_lunar(lunar(14, 11, 2199)) == pm::kLastSupportedDay);
  BOOST_TEST(pm::lunar_new_year(1900) == day(1900, 1, 31));
}

// Every supported day: the conversion is invertible and consecutive days walk through the
// lunar months without gaps.
BOOST_AUTO_TEST_CASE(every_day_round_trips_and_months_are_contiguous) {
  pm::LunarDate previous = pm::to_lunar(pm::kFirstSupportedDay);
  std::size_t failures = 0;
  for (pm::DayNumber d = pm::kFirstSupportedDay; d <= pm::kLastSupportedDay; ++d) {
    const pm::LunarDate l = pm::to_lunar(d);
    if (pm::from_lunar(l) != d) ++failures;
    if (d == pm::kFirstSupportedDay) continue;
    if (l.day == 1) {
      if (previous.day != pm::lunar_month_length(previous.year, previous.month, previous.leap)) {
        ++failures;
      }
    } else if (l.day != previous.day + 1 || l.month != previous.month || l.year != previous.year ||
               l.leap != previous.leap) {
      ++failures;
    }
    previous = l;
  }
  BOOST_TEST(failures == 0U);
}

BOOST_AUTO_TEST_CASE(random_round_trips) {
  std::mt19937 rng(20240210);
  std::uniform_int_distribution<pm::DayNumber> any_day(pm::kFirstSupportedDay,
                                                       pm::kLastSupportedDay);
  for (int i = 0; i < 100000; ++i) {
    const pm::DayNumber d = any_day(rng);
    BOOST_TEST_CONTEXT("day " << d) {
      BOOST_TEST(pm::from_lunar(pm::to_lunar(d)) == d);
    }
  }

  // Not 2199: its last months run past 2199-12-31.
  std::uniform_int_distribution<int> any_year(1900, 2198);
  std::uniform_int_distribution<int> any_month(1, 12);
  std::bernoulli_distribution pick_leap(0.25);
  for (int i = 0; i < 100000; ++i) {
    const int year = any_year(rng);
    const int leap_month = pm::lunar_leap_month(year);
    const bool leap = leap_month != 0 && pick_leap(rng);
    const int month = leap ? leap_month : any_month(rng);
    const int length = pm::lunar_month_length(year, month, leap);
    const int d = std::uniform_int_distribution<int>(1, length)(rng);
    const pm::LunarDate date = lunar(d, month, year, leap);
    BOOST_TEST_CONTEXT(d << '/' << month << (leap ? "L" : "") << '/' << year) {
      BOOST_TEST(pm::to_lunar(pm::from_lunar(date)) == date);
    }
  }
}

BOOST_AUTO_TEST_CASE(year_and_month_lengths_are_plausible) {
  for (int year = 1900; year <= 2198; ++year) {
    BOOST_TEST_CONTEXT("year " << year) {
      const int length = pm::lunar_new_year(year + 1) - pm::lunar_new_year(year);
      const int leap = pm::lunar_leap_month(year);
      if (leap == 0) {
        BOOST_TEST((length >= 353 && length <= 355));
      } else {
        BOOST_TEST((length >= 383 && length <= 385));
        BOOST_TEST((leap >= 1 && leap <= 12));
      }
      for (int m = 1; m <= 12; ++m) {
        const int n = pm::lunar_month_length(year, m);
        BOOST_TEST((n == 29 || n == 30));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(out_of_range) {
  BOOST_CHECK_THROW(pm::to_lunar(pm::kFirstSupportedDay - 1), parmetrics::RangeError);
  BOOST_CHECK_THROW(pm::to_lunar(pm::kLastSupportedDay + 1), parmetrics::RangeError);
  BOOST_CHECK_THROW(pm::lunar_new_year(1899), parmetrics::RangeError);
  BOOST_CHECK_THROW(pm::lunar_new_year(2200), parmetrics::RangeError);
  BOOST_CHECK_THROW(pm::lunar_leap_month(1898), parmetrics::RangeError);
  BOOST_CHECK_THROW(pm::lunar_leap_month(2200), parmetrics::RangeError);
  BOOST_CHECK_THROW(pm::from_lunar(lunar(1, 1, 1898)), parmetrics::RangeError);
  BOOST_CHECK_THROW(pm::from_lunar(lunar(1, 1, 2200)), parmetrics::RangeError);
  // Lunar 1899 and 2199 are supported, but only their days inside 1900..2199.
  BOOST_CHECK_THROW(pm::from_lunar(lunar(1, 1, 1899)), parmetrics::RangeError);
  BOOST_CHECK_THROW(pm::from_lunar(lunar(29, 11, 1899)), parmetrics::RangeError);  // 1899-12-31
  BOOST_CHECK_THROW(pm::from_lunar(lunar(15, 11, 2199)), parmetrics::RangeError);  // 2200-01-01
  BOOST_TEST(pm::lunar_month_length(1899, 1) >= 29);  // the table still knows the whole year
}

BOOST_AUTO_TEST_CASE(invalid_lunar_dates) {
  int short_month = 0;
  for (int m = 1; m <= 12 && short_month == 0; ++m) {
    if (pm::lunar_month_length(2024, m) == 29) short_month = m;
  }
  BOOST_REQUIRE(short_month != 0);
  BOOST_CHECK_THROW(pm::from_lunar(lunar(30, short_month, 2024)), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(pm::from_lunar(lunar(1, 3, 2024, true)), parmetrics::ArgumentError);  // no leap
  BOOST_CHECK_THROW(pm::from_lunar(lunar(1, 3, 2023, true)),
                    parmetrics::ArgumentError);  // leap is 2
  BOOST_CHECK_THROW(pm::from_lunar(lunar(0, 1, 2024)), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(pm::from_lunar(lunar(31, 1, 2024)), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(pm::from_lunar(lunar(1, 0, 2024)), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(pm::from_lunar(lunar(1, 13, 2024)), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(pm::lunar_month_length(2024, 4, true), parmetrics::ArgumentError);
  BOOST_CHECK_NO_THROW(pm::from_lunar(lunar(1, 2, 2023, true)));
}

// The astronomy against the worked examples of Meeus, Astronomical Algorithms (2nd ed.).
BOOST_AUTO_TEST_CASE(meeus_worked_examples) {
  // Example 49.a: the New Moon of 1977 February, k = -283, JDE 2443192.65118.
  BOOST_TEST(std::abs(pm::detail::new_moon_jde(-283) - 2443192.65118) < 2e-5);
  // Example 25.b: 1992 October 13.0 TD, apparent longitude 199°54'21.818" (VSOP87).
  const double unreduced = pm::detail::sun_apparent_longitude(2448908.5);
  const double lon = unreduced - 360.0 * std::floor(unreduced / 360.0);
  BOOST_TEST(std::abs(lon - (199 + 54 / 60.0 + 21.818 / 3600)) * 3600 < 0.5);  // arcseconds
  // Espenak & Meeus: Delta T at 2000.0 is 63.86 s.
  BOOST_TEST(std::abs(pm::detail::delta_t_seconds(2000.0) - 63.86) < 0.01);
}

BOOST_AUTO_TEST_CASE(table_rebuild_is_deterministic_and_compact) {
  const pm::detail::LunarMonthTable& cached = pm::detail::lunar_month_table();
  const pm::detail::LunarMonthTable rebuilt = pm::detail::build_lunar_month_table();
  BOOST_TEST(rebuilt.starts == cached.starts);
  BOOST_TEST(rebuilt.labels == cached.labels);
  BOOST_TEST(cached.starts.size() == cached.labels.size() + 1);
  BOOST_TEST(cached.labels.size() < 3800U);
}

BOOST_AUTO_TEST_SUITE_END()
