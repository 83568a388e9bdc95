#include <parmetrics/text/number_format.hpp>

#include <fmt/format.h>

#include <ostream>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>

#include "text/decimal.hpp"

namespace parmetrics {

namespace {

std::string grouped(std::uint64_t v, char separator) {
  const std::string digits = std::to_string(v);
  if (separator == 0) return digits;
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0 && (n - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

std::uint64_t magnitude(std::int64_t v) {
  // -INT64_MIN overflows; its magnitude is one more than INT64_MAX's.
  return v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
}

}  // namespace

std::string_view to_string(Language language) noexcept {
  return language == Language::vi ? "vi" : "en";
}

std::optional<Language> parse_language(std::string_view name) noexcept {
  if (name == "vi") return Language::vi;
  if (name == "en") return Language::en;
  return std::nullopt;
}

std::string detail::decimal_text(std::int64_t scaled, int decimals, char point, char group) {
  if (decimals < 0 || decimals > 18) {
    throw ArgumentError("format_decimal", fmt::format("{} decimals: 0 to 18 fit", decimals));
  }
  std::uint64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  const std::uint64_t m = magnitude(scaled);
  std::string out = scaled < 0 ? "-" : "";
  out += grouped(m / unit, group);
  if (decimals > 0) out += fmt::format("{}{:0{}}", point, m % unit, decimals);
  return out;
}

std::ostream& operator<<(std::ostream& out, Language language) {
  return out << to_string(language);
}

std::string format_count(std::int64_t value, Language language) {
  return format_decimal(value, 0, language);
}

std::string format_hundredths(std::int64_t hundredths, Language language) {
  return format_decimal(hundredths, 2, language);
}

std::string format_decimal(std::int64_t scaled, int decimals, Language language) {
  const bool vi = language == Language::vi;
  return detail::decimal_text(scaled, decimals, vi ? ',' : '.', vi ? '.' : ',');
}

std::string format_day(DayNumber day, Language language) {
  const std::string iso = format_iso_date(day);  // yyyy-mm-dd
  if (language == Language::en) return iso;
  return fmt::format("{}/{}/{}", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4));
}

std::string format_instant(MinuteStamp instant, Language language) {
  const std::string iso = format_iso_datetime(instant);  // yyyy-mm-ddThh:mm
  if (language == Language::en) return iso;
  return fmt::format("{}/{}/{} {}", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4),
                     iso.substr(11));
}

}  // namespace parmetrics
