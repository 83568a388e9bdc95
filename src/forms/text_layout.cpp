#include "forms/text_layout.hpp"

#include <fmt/format.h>

#include <parmetrics/calendar/iso_format.hpp>

namespace parmetrics::detail {

std::string vi_number(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0 && (n - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return v < 0 ? fmt::format("-{}", out) : out;
}

std::size_t width(std::string_view s) {
  std::size_t w = 0;
  for (const char c : s) w += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return w;
}

std::string fit(std::string_view s, std::size_t w, bool right) {
  std::string out;
  if (width(s) > w) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars == w) {
        out = fmt::format("{}…", s.substr(0, i));
        break;
      }
    }
  } else {
    out = std::string(s);
  }
  const std::string pad(w - width(out), ' ');
  return right ? pad + out : out + pad;
}

std::string short_name(std::string_view name) {
  constexpr std::string_view kPeople = "Ủy ban nhân dân ";
  if (name.starts_with(kPeople)) return fmt::format("UBND {}", name.substr(kPeople.size()));
  return std::string(name);
}

std::string wrap(std::string_view text, std::size_t w, std::string_view indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && width(line) + 1 + width(word) > w) {
      out += line;
      out += '\n';
      line = indent;
    } else if (!line.empty() && line != indent) {
      line += ' ';
    }
    line += word;
    start = end + 1;
  }
  if (!line.empty()) out += line;
  out += '\n';
  return out;
}

std::string vi_date(DayNumber d) {
  const std::string iso = format_iso_date(d);  // yyyy-mm-dd
  return fmt::format("{}/{}/{}", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4));
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string vi_datetime(MinuteStamp t) {
  const std::string iso = format_iso_datetime(t);  // yyyy-mm-ddThh:mm
  return fmt::format("{}/{}/{} {}", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4),
                     iso.substr(11));
}

}  // namespace parmetrics::detail
