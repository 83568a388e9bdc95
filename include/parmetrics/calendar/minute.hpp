#pragma once
// A minute of local time as an API takes it where days and minutes meet (the live store, its
// report): a MinuteStamp that a DayNumber cannot become by accident.
//
// Thread-safety: a value type.

#include <compare>
#include <concepts>

#include <parmetrics/calendar/civil.hpp>

namespace parmetrics {

/// A MinuteStamp (minutes since 1970-01-01T00:00, local time of Vietnam), made explicitly and
/// only from a MinuteStamp: `Minute{day}` with a DayNumber, or a DayNumber passed where a Minute
/// is taken, does not compile (DayNumber is a 32-bit integer, MinuteStamp a 64-bit one, and no
/// other integer type converts). Minute::of(day, minute_of_day) makes one from a day on purpose.
class Minute {
 public:
  template <class T>
  requires std::same_as<T, MinuteStamp>
  constexpr explicit Minute(T minute) noexcept : minute_(minute) {}

  /// The minute `minute_of_day` (0 = 00:00) of `day`.
  static constexpr Minute of(DayNumber day, int minute_of_day = 0) noexcept {
    return Minute(to_minutes(day, minute_of_day));
  }

  constexpr MinuteStamp value() const noexcept { return minute_; }
  constexpr DayNumber day() const noexcept { return day_of(minute_); }

  friend constexpr auto operator<=>(Minute, Minute) noexcept = default;

 private:
  MinuteStamp minute_;
};

static_assert(Minute::of(1, 90).value() == kMinutesPerDay + 90);
static_assert(Minute::of(days_from_civil(2024, 2, 10)).day() == days_from_civil(2024, 2, 10));

}  // namespace parmetrics
