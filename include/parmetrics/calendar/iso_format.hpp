#pragma once
// ISO 8601 text for day numbers and minute stamps (local time of Vietnam, no offset written).
//
// Thread-safety: pure functions (no locale, no shared state); safe from any thread.

#include <optional>
#include <string>
#include <string_view>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

/// "YYYY-MM-DD", the date checked (2023-02-29 is rejected). nullopt when malformed.
PARMETRICS_API std::optional<DayNumber> parse_iso_date(std::string_view text) noexcept;

/// "YYYY-MM-DDTHH:MM[:SS]" or "YYYY-MM-DD HH:MM[:SS]"; seconds are dropped (minute precision).
/// nullopt when malformed.
PARMETRICS_API std::optional<MinuteStamp> parse_iso_datetime(std::string_view text) noexcept;

/// "HH:MM" as minutes of the day (00:00..24:00). nullopt when malformed.
PARMETRICS_API std::optional<int> parse_clock(std::string_view text) noexcept;

PARMETRICS_API std::string format_iso_date(DayNumber day);
/// "YYYY-MM-DDTHH:MM".
PARMETRICS_API std::string format_iso_datetime(MinuteStamp t);

}  // namespace parmetrics
