#pragma once
// The precomputed tables behind WorkingCalendar. Every query reads a few entries: no loop over
// days, no allocation.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <parmetrics/calendar/working_hours.hpp>

namespace parmetrics::detail {

/// Per-minute tables of one day's office hours, so that a query inside a day is one look-up.
struct ScheduleTable {
  std::array<std::uint16_t, 24 * 60 + 1> elapsed{};  ///< working minutes in [00:00, m)
  std::array<std::int16_t, 24 * 60 + 1> next{};      ///< first working minute >= m, or -1
  std::vector<std::int16_t> reach;  ///< reach[r]: earliest m with elapsed[m] == r (r >= 1)
  int minutes = 0;
  int first_start = -1;

  void build(const DaySchedule& schedule);
};

struct DayEntry {
  std::int32_t prefix;        ///< working minutes from the first day up to this day's 00:00
  std::int32_t next_workday;  ///< ordinal of the first working day on or after this day
  std::uint8_t kind;          ///< DayKind
  std::uint8_t schedule;      ///< index into CalendarTables::schedules; kClosed when not working
  std::uint16_t name;         ///< index into CalendarTables::names (0: no name)
};

struct CalendarTables {
  static constexpr std::uint8_t kClosed = 7;

  std::vector<DayEntry> days;  ///< one per day from kFirstSupportedDay, plus a sentinel
  std::vector<std::int32_t> workday_offset;  ///< ordinal -> day offset from kFirstSupportedDay
  std::vector<std::int32_t> workday_prefix;  ///< ordinal -> prefix at that day's 00:00
  /// bucket[b]: the last working-day ordinal whose prefix <= b << bucket_shift. Each working day
  /// has at least 1 << bucket_shift minutes, so the day holding a target minute is that ordinal or
  /// the next one: add_working_minutes is O(1).
  std::vector<std::int32_t> bucket;
  int bucket_shift = 0;
  std::int64_t total_minutes = 0;
  std::array<ScheduleTable, 8> schedules;  ///< 0..6 by weekday, 7 closed
  std::vector<std::string> names;
  WorkingHours hours;
  std::vector<std::string> data_sets;
  /// Years some data set announces (a CalendarDataYear); the others are computed by rule.
  std::vector<int> announced_years;
};

}  // namespace parmetrics::detail
