#include "calendar/holiday_rules.hpp"

#include <algorithm>

#include <parmetrics/calendar/lunar_calendar.hpp>

namespace parmetrics::detail {

namespace {

constexpr DayNumber kFortyHourWeek = days_from_civil(1999, 10, 2);
// Labour Code 2012 (5 days of Tết) took effect on 2013-05-01: the first Tết under it is 2014's.
constexpr int kFirstFiveDayTet = 2014;
// Law 84/2007/QH11 made the Hùng Kings' day (10/3 lunar) a paid holiday from 2007.
constexpr int kFirstHungKingsHoliday = 2007;
// Labour Code 2019 (2 days of National Day) took effect on 2021-01-01.
constexpr int kFirstTwoDayNationalDay = 2021;

void add_single(std::vector<RuleHoliday>& out, DayNumber day, std::string_view name,
                std::string_view block) {
  out.push_back({day, name, block, day});
}

}  // namespace

bool is_rest_day(DayNumber day) noexcept {
  const unsigned w = weekday(day);
  return w == 0 || (w == 6 && day >= kFortyHourWeek);
}

void rule_holidays(int year, std::vector<RuleHoliday>& out) {
  add_single(out, days_from_civil(year, 1, 1), "Tết Dương lịch", "new_year");

  // Tết: the end of the lunar year and the first days of the new one; the data set holds each
  // year's actual choice. Before 2014, four days: the last day of the year and mùng 1–3. Since,
  // five, chosen as in 2015–2026: when mùng 1 is a Monday or Tuesday, the last day and mùng 1–4,
  // else the last two days and mùng 1–3 (docs/calendar-sources.md).
  const DayNumber new_year = lunar_new_year(year);
  DayNumber first = new_year - 1;
  DayNumber last = new_year + 2;
  if (year >= kFirstFiveDayTet) {
    const unsigned w = weekday(new_year);
    if (w == 1 || w == 2) {
      last = new_year + 3;
    } else {
      first = new_year - 2;
    }
  }
  for (DayNumber d = first; d <= last; ++d) out.push_back({d, "Tết Nguyên Đán", "tet", last});

  if (year >= kFirstHungKingsHoliday) {
    add_single(out, from_lunar(LunarDate{10, 3, year, false}), "Giỗ Tổ Hùng Vương", "hung_kings");
  }
  add_single(out, days_from_civil(year, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước",
             "reunification_day");
  add_single(out, days_from_civil(year, 5, 1), "Ngày Quốc tế Lao động", "labour_day");

  const DayNumber national_day = days_from_civil(year, 9, 2);
  if (year < kFirstTwoDayNationalDay) {
    add_single(out, national_day, "Quốc khánh", "national_day");
  } else {
    // The adjacent day is chosen each year so that the block joins a weekend; the choices of
    // 2021–2026 follow one rule: 3 Sep when 2 Sep is a Monday or a Thursday, else 1 Sep.
    const unsigned w = weekday(national_day);
    const DayNumber adjacent = w == 1 || w == 4 ? national_day + 1 : national_day - 1;
    const DayNumber last = std::max(adjacent, national_day);
    out.push_back({std::min(adjacent, national_day), "Quốc khánh", "national_day", last});
    out.push_back({last, "Quốc khánh", "national_day", last});
  }
}

}  // namespace parmetrics::detail
