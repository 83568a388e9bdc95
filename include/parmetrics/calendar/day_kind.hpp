#pragma once
// Why a day is, or is not, a working day.
//
// Thread-safety: an enum and its names; safe from any thread.

#include <iosfwd>

#include <cstdint>
#include <optional>
#include <parmetrics/export.hpp>
#include <string_view>

namespace parmetrics {

enum class DayKind : std::uint8_t {
  workday,    ///< an ordinary working day (ngày làm việc)
  weekend,    ///< a weekly rest day (ngày nghỉ hằng tuần)
  holiday,    ///< a public holiday (ngày lễ, Tết)
  observed,   ///< a compensation day for a holiday that fell on a rest day (nghỉ bù)
  swap_off,   ///< a working day given off in a swap (nghỉ hoán đổi)
  swap_work,  ///< a rest day worked to pay for a swap (làm bù)
};

constexpr bool is_working(DayKind k) noexcept {
  return k == DayKind::workday || k == DayKind::swap_work;
}

/// The name used in CSV and data files: "workday", "weekend", "holiday", "observed",
/// "swap_off", "swap_work".
constexpr std::string_view to_string(DayKind k) noexcept {
  switch (k) {
    case DayKind::workday:
      return "workday";
    case DayKind::weekend:
      return "weekend";
    case DayKind::holiday:
      return "holiday";
    case DayKind::observed:
      return "observed";
    case DayKind::swap_off:
      return "swap_off";
    case DayKind::swap_work:
      return "swap_work";
  }
  return "workday";
}

constexpr std::optional<DayKind> day_kind_from_string(std::string_view s) noexcept {
  for (DayKind k : {DayKind::workday, DayKind::weekend, DayKind::holiday, DayKind::observed,
                    DayKind::swap_off, DayKind::swap_work}) {
    if (to_string(k) == s) return k;
  }
  return std::nullopt;
}

/// What a calendar says of one day.
struct DayInfo {
  DayKind kind = DayKind::workday;
  std::string_view name;  ///< the holiday's or swap's name (UTF-8 Vietnamese), empty otherwise
  bool working() const noexcept { return is_working(kind); }
};

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, DayKind value);
/// Writes "holiday Tết Nguyên Đán", "workday".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const DayInfo& value);

}  // namespace parmetrics
