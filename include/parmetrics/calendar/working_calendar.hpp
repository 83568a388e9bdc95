#pragma once
// The Vietnamese working calendar of civil servants: weekly rest days, public holidays by era,
// compensation days (nghỉ bù), the government's yearly choices and swaps (hoán đổi, làm bù), and
// office hours. An immutable value: cheap to copy (it shares its tables), safe to share between
// threads. Every query is O(1) over 1900-01-01..2199-12-31 (precomputed prefix sums), so
// deadlines of millions of dossiers cost no day-by-day loop.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <parmetrics/calendar/calendar_data.hpp>
#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/calendar/day_kind.hpp>
#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/calendar/working_hours.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

namespace detail {
struct CalendarTables;
}

/// How a calendar is built.
struct CalendarOptions {
  /// Start from the official data set compiled into the library (CalendarData::builtin()).
  bool builtin_data = true;
  /// More data sets, applied in order after the built-in one: a later entry for a date wins, so a
  /// deployment can add next year's schedule or a province's own day off without rebuilding.
  std::vector<CalendarData> data;
  /// Office hours. When unset, the hours of the last data set that gives them, else 07:00–11:30
  /// and 13:30–17:00.
  std::optional<WorkingHours> hours;
};

class PARMETRICS_API WorkingCalendar {
 public:
  /// The default calendar: built-in data, default hours. Built once per process, then shared.
  WorkingCalendar();
  explicit WorkingCalendar(const CalendarOptions& options);

  /// First and last day the calendar covers (1900-01-01, 2199-12-31).
  static constexpr DayNumber first_day() noexcept { return kFirstSupportedDay; }
  static constexpr DayNumber last_day() noexcept { return kLastSupportedDay; }

  // --- days (QuantLib's isBusinessDay, adjust, advance, businessDaysBetween) -------------------

  /// Throws RangeError outside [first_day(), last_day()] (as every query here does).
  bool is_working_day(DayNumber day) const;
  /// Why the day is or is not a working day, with the holiday's name.
  DayInfo day_info(DayNumber day) const;
  /// The day itself when it is a working day, else the next working day.
  DayNumber adjust(DayNumber day) const;
  /// The n-th working day after `day` (n > 0), before it (n < 0), or adjust(day) (n == 0).
  DayNumber advance(DayNumber day, int working_days) const;
  /// Working days in [from, to); negative when to < from.
  std::int64_t working_days_between(DayNumber from, DayNumber to) const;

  // --- instants ---------------------------------------------------------------------------------

  /// t itself when inside office hours of a working day, else the start of the next working
  /// interval (after hours → next working morning; lunch → afternoon start; day off → next
  /// working day's start). An interval's end is not inside it: 11:30 snaps to 13:30.
  MinuteStamp next_working_instant(MinuteStamp t) const;
  /// Working minutes in [from, to); negative when to < from.
  std::int64_t working_minutes_between(MinuteStamp from, MinuteStamp to) const;
  /// The earliest instant u >= t with working_minutes_between(t, u) == minutes (minutes >= 0).
  /// Landing exactly on the end of an interval gives that end (11:30, not 13:30).
  MinuteStamp add_working_minutes(MinuteStamp t, std::int64_t minutes) const;

  // --- deadlines
  // ----------------------------------------------------------------------------------

  /// Minutes of working time of a statutory time in working hours or days (days × the standard
  /// day); throws ArgumentError for calendar days.
  std::int64_t working_minutes_of(StatutoryTime time) const;

  /// The appointment (ngày hẹn trả kết quả) of a dossier received at `received`:
  /// working time: start = next_working_instant(received), due = add_working_minutes(start, d);
  /// calendar days: due = next_working_instant(received + d × 24 h).
  /// Each pause then moves the due later by its working time (PausePolicy::working_time) or its
  /// elapsed time (PausePolicy::elapsed); a pause with end <= start moves nothing, and
  /// overlapping pauses count once (their union). Throws RangeError when the due falls
  /// after the calendar's last day (2199-12-31): no appointment outside it is ever given.
  MinuteStamp appointment(MinuteStamp received, StatutoryTime time,
                          std::span<const Pause> pauses = {},
                          PausePolicy policy = PausePolicy::working_time) const;

  // --- the same at the Boost.Date_Time edge (seconds are dropped: minute precision) -------------

  bool is_working_day(const boost::gregorian::date& day) const;
  DayInfo day_info(const boost::gregorian::date& day) const;
  boost::posix_time::ptime next_working_instant(const boost::posix_time::ptime& t) const;
  boost::posix_time::time_duration working_time_between(const boost::posix_time::ptime& from,
                                                        const boost::posix_time::ptime& to) const;
  boost::posix_time::ptime add_working_time(const boost::posix_time::ptime& t,
                                            const boost::posix_time::time_duration& d) const;
  boost::posix_time::ptime appointment(const boost::posix_time::ptime& received,
                                       StatutoryTime time) const;

  // --- description
  // --------------------------------------------------------------------------------

  const WorkingHours& hours() const noexcept;
  /// "name version" of each data set applied, in order.
  std::vector<std::string> data_sets() const;
  /// Whether a data set announces the year's schedule; otherwise its days off are computed by the
  /// law's rules (the government announces each year's Tết and National Day choices late in the
  /// year before).
  bool is_announced(int year) const noexcept;

 private:
  // The due of `time` from `received`, moved by `extra` minutes of pause.
  MinuteStamp appointment_after(MinuteStamp received, StatutoryTime time, std::int64_t extra,
                                PausePolicy policy) const;

  std::shared_ptr<const detail::CalendarTables> tables_;
};

/// Conversions between serial values and Boost.Date_Time types.
PARMETRICS_API DayNumber to_day_number(const boost::gregorian::date& date);
PARMETRICS_API boost::gregorian::date to_gregorian(DayNumber day);
PARMETRICS_API MinuteStamp to_minute_stamp(const boost::posix_time::ptime& t);
PARMETRICS_API boost::posix_time::ptime to_ptime(MinuteStamp t);

}  // namespace parmetrics
