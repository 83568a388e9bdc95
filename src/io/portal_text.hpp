#pragma once
// Text-level pieces of the portal JSON import (docs/formats.md, "Portal JSON"): the portal's
// dates, small integer codes and fee amounts, and the scanner that cuts a top-level JSON array
// into its elements so that each record is parsed (and, when broken, rejected) on its own.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <parmetrics/calendar/civil.hpp>

namespace parmetrics::detail::portal {

constexpr bool is_json_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

constexpr std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_json_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_json_space(s.back())) s.remove_suffix(1);
  return s;
}

enum class TimeParse : std::uint8_t {
  instant,       ///< a date with a time of day (seconds dropped)
  date_only,     ///< yyyyMMdd or YYYY-MM-DD: `t` is 00:00 of that day
  empty,         ///< all zeros, the exports' placeholder for "no date"
  bad_format,    ///< not one of the accepted shapes
  bad_value,     ///< the shape is right but no such date or time (2023-02-30, 25:00)
  out_of_range,  ///< outside 1900-01-01 .. 2199-12-31, the calendar's range
};

/// The portal's local times: yyyyMMddHHmmss, yyyyMMddHHmm, yyyyMMdd, and, because they are
/// unambiguous too, the ISO forms YYYY-MM-DD[(T| )HH:MM[:SS]]. Minute precision: seconds are
/// checked (00..59) and dropped.
TimeParse parse_portal_time(std::string_view text, MinuteStamp& t) noexcept;

/// A non-negative integer written with at most 9 digits and nothing else ("01" is 1).
bool parse_small_uint(std::string_view text, unsigned& value) noexcept;

enum class FeeParse : std::uint8_t { zero, positive, negative, bad };
/// A fee amount (Gia): a JSON number, or digits with '.' or ',' separators ("50.000" and
/// "50,000" are both positive, whatever the separator means). Only the sign matters here.
FeeParse parse_fee(std::string_view text) noexcept;

/// The end of the JSON value that starts at data[begin] (not a space) and ends before `size`,
/// looking only at strings and brackets: the element's own syntax is left to the JSON parser, so
/// a broken record does not stop the import. `error` is set when the value's extent cannot be
/// known; `end` is then the offending byte (a bracket closed by the wrong kind) or `begin` (a
/// string or bracket not closed).
struct ValueExtent {
  std::size_t end = 0;
  const char* error = nullptr;
};
ValueExtent scan_value(const char* data, std::size_t begin, std::size_t size) noexcept;

}  // namespace parmetrics::detail::portal
