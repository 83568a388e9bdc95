#pragma once
// The holidays the law itself fixes, by era. The government's yearly choices come as data
// (CalendarData); these rules are the default where no data replaces them.

#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>

namespace parmetrics::detail {

/// A holiday fixed by the law. One on a rest day is compensated on the next working day after
/// its block (Labour Code 1994 art. 73, 2012 art. 115(3), 2019 art. 111(3); the Tết schedules of
/// 2010–2026 make up weekend Tết days right after the block, one by one).
struct RuleHoliday {
  DayNumber day;
  std::string_view name;
  std::string_view block;  ///< one of kRuleBlocks; a data year may replace a whole block
  DayNumber block_last;    ///< last day of the block this holiday belongs to
};

/// The weekly rest days: Sunday, and Saturday too from 1999-10-02 (the 40-hour week of
/// QĐ 188/1999/QĐ-TTg).
bool is_rest_day(DayNumber day) noexcept;

/// The rule holidays of a solar year (1900..2199), in date order within each block.
void rule_holidays(int year, std::vector<RuleHoliday>& out);

}  // namespace parmetrics::detail
