#pragma once
// Text layout shared by every format meant for people (forms, lists, reports): widths of UTF-8
// text, cells cut and padded, wrapped lines, and the Vietnamese numbers and dates of the official
// forms. Internal.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <parmetrics/calendar/civil.hpp>

namespace parmetrics::detail {

/// The width of a table, as a terminal and a printed A4 landscape page take it.
constexpr std::size_t kTableWidth = 120;

/// 1234567 → "1.234.567", as Vietnamese text writes numbers.
std::string vi_number(std::int64_t v);
/// Columns on screen of UTF-8 text: code points, without the combining marks U+0300–U+036F that
/// decomposed Vietnamese carries.
std::size_t width(std::string_view s);
/// `s` cut to `w` characters (with "…"), padded on the right (`right`: on the left).
std::string fit(std::string_view s, std::size_t w, bool right);
/// `s` padded to `w` columns, on the right (`right`: on the left); never cut.
std::string pad(std::string_view s, std::size_t w, bool right);
/// A unit's name as officials shorten it in a narrow column: "Ủy ban nhân dân xã Bình Lâm" →
/// "UBND xã Bình Lâm".
std::string short_name(std::string_view name);
/// A unit's name as a sentence says it: "Ủy ban nhân dân xã Bình Lâm" → "xã Bình Lâm" (also
/// from "UBND xã …" and the older spelling "Uỷ ban …"); other names as they are.
std::string spoken_name(std::string_view name);
/// Text wrapped at word boundaries to lines of at most `w` characters (a word longer than that
/// stays whole), each line ended by a newline; continuation lines start with `indent`.
std::string wrap(std::string_view text, std::size_t w, std::string_view indent = "");
/// dd/mm/yyyy.
std::string vi_date(DayNumber d);
/// dd/mm/yyyy hh:mm.
std::string vi_datetime(MinuteStamp t);

}  // namespace parmetrics::detail
