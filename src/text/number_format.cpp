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
  const std::uint64_t m = magnitude(hundredths);
  const bool vi = language == Language::vi;
  return fmt::format("{}{}{}{:02}", hundredths < 0 ? "-" : "", grouped(m / 100, vi ? '.' : ','),
                     vi ? ',' : '.', m % 100);
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
