#include <parmetrics/text/number_format.hpp>

#include <fmt/format.h>

#include <ostream>

#include <parmetrics/calendar/iso_format.hpp>

namespace parmetrics {

namespace {

std::string grouped(std::uint64_t v, char separator) {
  const std::string digits = std::to_string(v);
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

std::ostream& operator<<(std::ostream& out, Language language) {
  return out << to_string(language);
}

std::string format_count(std::int64_t value, Language language) {
  const std::string digits = grouped(magnitude(value), language == Language::vi ? '.' : ',');
  return value < 0 ? "-" + digits : digits;
}

std::string format_hundredths(std::int64_t hundredths, Language language) {
  return format_decimal(hundredths, 2, language);
}

std::string format_decimal(std::int64_t scaled, int decimals, Language language) {
  if (decimals <= 0) return format_count(scaled, language);
  std::uint64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  const std::uint64_t m = magnitude(scaled);
  const bool vi = language == Language::vi;
  return fmt::format("{}{}{}{:0{}}", scaled < 0 ? "-" : "", grouped(m / unit, vi ? '.' : ','),
                     vi ? ',' : '.', m % unit, decimals);
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
