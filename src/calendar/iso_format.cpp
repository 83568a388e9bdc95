#include <parmetrics/calendar/iso_format.hpp>

#include <fmt/format.h>

namespace parmetrics {

namespace {

// Reads exactly n ASCII digits; no sign, no spaces, so that "2023-1-5" is rejected.
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& value) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  value = v;
  return true;
}

}  // namespace

std::optional<DayNumber> parse_iso_date(std::string_view s) noexcept {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) ||
      !digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (!is_valid_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<int> parse_clock(std::string_view s) noexcept {
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':' || !digits(s, 0, 2, h) || !digits(s, 3, 2, m)) {
    return std::nullopt;
  }
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::optional<MinuteStamp> parse_iso_datetime(std::string_view s) noexcept {
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  const auto day = parse_iso_date(s.substr(0, 10));
  int h = 0, m = 0, sec = 0;
  if (!day || s[13] != ':' || !digits(s, 11, 2, h) || !digits(s, 14, 2, m)) return std::nullopt;
  if (s.size() == 19 && (s[16] != ':' || !digits(s, 17, 2, sec))) return std::nullopt;
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  return to_minutes(*day, h * 60 + m);
}

std::string format_iso_date(DayNumber day) {
  const CivilDate c = civil_from_days(day);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::string format_iso_datetime(MinuteStamp t) {
  const int m = minute_of_day(t);
  return fmt::format("{}T{:02}:{:02}", format_iso_date(day_of(t)), m / 60, m % 60);
}

}  // namespace parmetrics
