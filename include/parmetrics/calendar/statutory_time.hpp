#pragma once
// The statutory processing time of a procedure (thời hạn giải quyết) and the pauses of its clock.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

/// A statutory time: working hours, working days (a working day is the calendar's standard day,
/// 8 h by default; half days allowed) or calendar days.
class PARMETRICS_API StatutoryTime {
 public:
  enum class Unit : std::uint8_t { working_hours, working_days, calendar_days };

  constexpr StatutoryTime() = default;

  static constexpr StatutoryTime working_hours(double hours) noexcept {
    return {Unit::working_hours, hours};
  }
  static constexpr StatutoryTime working_days(double days) noexcept {
    return {Unit::working_days, days};
  }
  static constexpr StatutoryTime calendar_days(int days) noexcept {
    return {Unit::calendar_days, static_cast<double>(days)};
  }

  /// Parses "4h", "0.5d", "15d", "30cd". Throws ArgumentError saying what is wrong
  /// (negative, not a number, unknown unit, fractional calendar days).
  static StatutoryTime parse(std::string_view text);

  constexpr Unit unit() const noexcept { return unit_; }
  constexpr double amount() const noexcept { return amount_; }
  std::string to_string() const;  ///< as parse() reads it

  friend constexpr bool operator==(const StatutoryTime&, const StatutoryTime&) = default;

 private:
  constexpr StatutoryTime(Unit unit, double amount) noexcept : unit_(unit), amount_(amount) {}
  Unit unit_ = Unit::working_days;
  double amount_ = 0;
};

/// A pause of the clock: a supplement request (yêu cầu bổ sung) from request to completion.
struct Pause {
  MinuteStamp start = 0;
  MinuteStamp end = 0;
};

/// How a pause moves the appointment.
enum class PausePolicy : std::uint8_t {
  /// Later by the working time inside the pause (one-stop software's practice; the default).
  working_time,
  /// Later by the elapsed time of the pause, as the national portal subtracts it from the end.
  elapsed,
};

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a StatutoryTime::Unit: "working_hours", …
PARMETRICS_API std::string_view to_string(StatutoryTime::Unit value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, StatutoryTime::Unit value);
/// The name of a PausePolicy: "working_time", …
PARMETRICS_API std::string_view to_string(PausePolicy value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, PausePolicy value);
/// Writes as parse() reads it: "3d", "4h", "30cd".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const StatutoryTime& value);

}  // namespace parmetrics
