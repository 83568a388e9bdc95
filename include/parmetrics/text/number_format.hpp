#pragma once
// Numbers and dates in text for people, as each language writes them: Vietnamese groups
// thousands with a dot and writes decimals with a comma ("1.234", "28,72", "01/01/2023");
// English the other way round, with ISO 8601 dates ("1,234", "28.72", "2023-01-01").
//
// Thread-safety: pure functions (no locale); safe from any thread.

#include <cstdint>
#include <string>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics {

/// A whole number with its thousands grouped: 3600 → "3.600" (vi), "3,600" (en).
PARMETRICS_API std::string format_count(std::int64_t value, Language language);
/// Hundredths as a number with two decimals: 2872 → "28,72" (vi), "28.72" (en); -2089 →
/// "-20,89", "-20.89".
PARMETRICS_API std::string format_hundredths(std::int64_t hundredths, Language language);
/// scaled / 10^decimals with its decimals: (6189, 2) → "61,89" (vi), "61.89" (en).
PARMETRICS_API std::string format_decimal(std::int64_t scaled, int decimals, Language language);
/// A day: "31/08/2023" (vi), "2023-08-31" (en).
PARMETRICS_API std::string format_day(DayNumber day, Language language);
/// An instant: "31/08/2023 16:07" (vi), "2023-08-31T16:07" (en).
PARMETRICS_API std::string format_instant(MinuteStamp instant, Language language);

}  // namespace parmetrics
