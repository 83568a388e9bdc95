#pragma once
// The holidays the law itself fixes, by era. The government's yearly choices come as data
// (CalendarData); these rules are the default where no data replaces them.

#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>

namespace parmetrics::detail {

/// How a holiday that falls on a rest day is compensated.
enum class Compensation : unsigned char {
  /// The next working day (Labour Code 1994 art. 73, 2012 art. 115(3), 2019 art. 111(3)).
  next_working_day,
  /// A Saturday to the working day before the block, a Sunday to the one after it: the Tết
  /// schedules published since 2014.
  saturday_before_sunday_after,
};

struct RuleHoliday {
  DayNumber day;
  std::string_view name;
  std::string_view block;  ///< one of kRuleBlocks; a data year may replace a whole block
  Compensation compensation;
  DayNumber block_first;  ///< first and last day of the block this holiday belongs to
  DayNumber block_last;
};

/// The weekly rest days: Sunday, and Saturday too from 1999-10-02 (the 40-hour week of
/// QĐ 188/1999/QĐ-TTg).
bool is_rest_day(DayNumber day) noexcept;

/// The rule holidays of a solar year (1900..2199), in date order within each block.
void rule_holidays(int year, std::vector<RuleHoliday>& out);

}  // namespace parmetrics::detail
