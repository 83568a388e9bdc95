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
/// unambiguous too, the ISO forms YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:MM]] (an offset
/// converts to UTC+7). Minute precision: seconds are checked (00..59) and dropped. All zeros,
/// C#'s 0001-01-01T00:00:00 and 0000-00-00 00:00:00 are `empty`.
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

/// The members of a JSON object at the top level, walked by their extents alone (scan_value), to
/// find the records in a sync request body, `{"service": "DongBoHoSoMC", "isUpdating": ...,
/// "data": [records]}`. Starts after the '{' (or, with `after_member`, after a member's value, to
/// walk the rest) and stops at the member named `stop_at` (`stopped`: where its value starts;
/// an empty name stops nowhere), at the closing '}' (`end`: after it), or at what is not a
/// member (`error`: its offset). `service` is the "service" member's raw text, when it was
/// passed.
struct MemberWalk {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t stopped = npos, end = npos, error = npos;
  std::string_view service;
};
MemberWalk walk_members(const char* data, std::size_t i, std::size_t size, std::string_view stop_at,
                        bool after_member = false) noexcept;

/// Where a stretch of an array's text leaves the structure, so that threads can split the
/// array at elements without reading it from its start: whether it holds an odd number of
/// quotes, and how it changes the bracket depth if it starts outside a string ([0]) or inside one
/// ([1]). Backslashes escape the next byte wherever they are (valid JSON has them only in
/// strings); a wrong guess for invalid JSON is caught by the caller, which checks every split.
struct StretchSummary {
  bool odd_quotes = false;
  std::int64_t depth_change[2] = {0, 0};
};
StretchSummary summarize_stretch(const char* data, std::size_t begin, std::size_t end) noexcept;

/// The state of the structure at a point of an array's text: inside a string or not, and the
/// bracket depth (1 between the array's elements).
struct StructureState {
  bool in_string = false;
  std::int64_t depth = 1;
  StructureState after(const StretchSummary& s) const noexcept {
    return {in_string != s.odd_quotes, depth + s.depth_change[in_string ? 1 : 0]};
  }
};

/// The start of the first element of the array after data[i], where the structure is `state`:
/// past the next ',' at depth 1 and the spaces after it; `size` when there is none (the array
/// ends first, or the text does).
std::size_t next_element(const char* data, std::size_t i, std::size_t size,
                         StructureState state) noexcept;

}  // namespace parmetrics::detail::portal
