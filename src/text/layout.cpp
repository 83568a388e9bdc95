#include "text/layout.hpp"

#include <fmt/format.h>

#include <parmetrics/text/number_format.hpp>

namespace parmetrics::detail {

std::string vi_number(std::int64_t v) {
  return format_count(v, Language::vi);
}

std::size_t width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) == 0x80) continue;
    if (b == 0xCC ||
        (b == 0xCD && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xB0)) {
      continue;  // U+0300..U+036F
    }
    ++w;
  }
  return w;
}

std::string pad(std::string_view s, std::size_t w, bool right) {
  const std::size_t have = width(s);
  if (have >= w) return std::string(s);
  const std::string fill(w - have, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
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

namespace {

/// The length of a leading "Ủy ban nhân dân " (either spelling) or "UBND ", else 0.
std::size_t people_committee_prefix(std::string_view name) {
  for (const std::string_view p : {"Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND "}) {
    if (name.starts_with(p)) return p.size();
  }
  return 0;
}

}  // namespace

std::string short_name(std::string_view name) {
  const std::size_t n = people_committee_prefix(name);
  if (n == 0) return std::string(name);
  return fmt::format("UBND {}", name.substr(n));
}

std::string spoken_name(std::string_view name) {
  return std::string(name.substr(people_committee_prefix(name)));
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
  return format_day(d, Language::vi);
}

std::string vi_datetime(MinuteStamp t) {
  return format_instant(t, Language::vi);
}

}  // namespace parmetrics::detail
