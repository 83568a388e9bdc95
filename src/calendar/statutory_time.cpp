#include <parmetrics/calendar/statutory_time.hpp>

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace parmetrics {

StatutoryTime StatutoryTime::parse(std::string_view text) {
  std::string_view number = text;
  Unit unit{};
  if (text.ends_with("cd")) {
    unit = Unit::calendar_days;
    number.remove_suffix(2);
  } else if (text.ends_with("d")) {
    unit = Unit::working_days;
    number.remove_suffix(1);
  } else if (text.ends_with("h")) {
    unit = Unit::working_hours;
    number.remove_suffix(1);
  } else {
    throw ArgumentError(
        "StatutoryTime::parse",
        fmt::format(
            "duration '{}' needs a unit: h (working hours), d (working days) or cd (calendar days)",
            text));
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value,
                                         std::chars_format::fixed);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() ||
      !std::isfinite(value)) {
    throw ArgumentError("StatutoryTime::parse",
                        fmt::format("duration '{}': '{}' is not a number", text, number));
  }
  if (value < 0)
    throw ArgumentError("StatutoryTime::parse", fmt::format("duration '{}' is negative", text));
  if (unit == Unit::calendar_days && value != std::floor(value)) {
    throw ArgumentError("StatutoryTime::parse",
                        fmt::format("duration '{}': calendar days must be whole", text));
  }
  return {unit, value};
}

std::string StatutoryTime::to_string() const {
  const char* suffix = unit_ == Unit::working_hours  ? "h"
                       : unit_ == Unit::working_days ? "d"
                                                     : "cd";
  return fmt::format("{}{}", amount_, suffix);
}

}  // namespace parmetrics
