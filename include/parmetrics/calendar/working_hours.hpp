#pragma once
// Office hours (giờ làm việc): the intervals of a day in which the clock of a dossier runs.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <array>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>

#include <parmetrics/export.hpp>

namespace parmetrics {

/// Half-open interval [start, end) of minutes of the day.
struct TimeInterval {
  std::int16_t start = 0;
  std::int16_t end = 0;
  friend constexpr bool operator==(const TimeInterval&, const TimeInterval&) = default;
};

/// The working intervals of one day: sorted, disjoint, within 00:00–24:00.
class PARMETRICS_API DaySchedule {
 public:
  static constexpr std::size_t kMaxIntervals = 4;

  DaySchedule() = default;
  /// Throws ArgumentError when intervals are empty, unsorted, overlapping or too many.
  DaySchedule(std::initializer_list<TimeInterval> intervals);

  /// Parses "07:00-11:30,13:30-17:00". Throws ArgumentError naming what is wrong.
  static DaySchedule parse(std::string_view text);

  const TimeInterval* begin() const noexcept { return intervals_.data(); }
  const TimeInterval* end() const noexcept { return intervals_.data() + count_; }
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  int minutes() const noexcept;
  std::string to_string() const;

  friend bool operator==(const DaySchedule& a, const DaySchedule& b) noexcept;

 private:
  void append(TimeInterval interval);
  std::array<TimeInterval, kMaxIntervals> intervals_{};
  std::uint8_t count_ = 0;
};

/// Office hours for each day of the week. Which days are rest days is the calendar's business
/// (the law's); these are the hours of a day when it is a working day. A rest day worked in a
/// swap (làm bù) keeps the hours of its own weekday, which default to the standard day.
class PARMETRICS_API WorkingHours {
 public:
  /// 07:00–11:30 and 13:30–17:00 every day: 8 working hours, as one-stop software commonly uses.
  WorkingHours();

  /// The same hours every day.
  explicit WorkingHours(const DaySchedule& every_day);

  /// Sets the hours of one weekday (0 = Sunday … 6 = Saturday).
  WorkingHours& set(unsigned weekday, const DaySchedule& schedule);
  /// The standard day: its length converts working days to minutes (1 d = 8 h by default).
  WorkingHours& set_standard_day(const DaySchedule& schedule);

  const DaySchedule& on(unsigned weekday) const { return days_.at(weekday); }
  const DaySchedule& standard_day() const noexcept { return standard_; }
  int standard_day_minutes() const noexcept { return standard_.minutes(); }

 private:
  std::array<DaySchedule, 7> days_;
  DaySchedule standard_;
};

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// Writes "07:00-11:30".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const TimeInterval& value);

}  // namespace parmetrics
