#include "io/text_checks.hpp"

#include <fmt/format.h>

namespace parmetrics::detail {

namespace {

// Length of the valid UTF-8 sequence at p (1..4), or 0 when it is invalid.
std::size_t sequence_length(const unsigned char* p, std::size_t n) noexcept {
  const unsigned c = p[0];
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t i) { return i < n && (p[i] & 0xC0u) == 0x80u; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 2) return 0;
    // E0 needs A0..BF (no overlongs); ED needs 80..9F (no surrogates).
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    if (p[1] < lo || p[1] > hi) return 0;
    return cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 2) return 0;
    // F0 needs 90..BF (no overlongs); F4 needs 80..8F (nothing above U+10FFFF).
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    if (p[1] < lo || p[1] > hi) return 0;
    return cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

}  // namespace

std::size_t invalid_utf8_at(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const std::size_t len = sequence_length(p + i, n - i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string printable(std::string_view value, std::size_t limit) {
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(value.data());
  const std::size_t n = value.size();
  std::size_t i = 0;
  while (i < n && out.size() < limit) {
    const std::size_t len = sequence_length(p + i, n - i);
    if (len == 0 || p[i] < 0x20 || p[i] == 0x7F) {
      out += fmt::format("\\x{:02X}", p[i]);
      ++i;
    } else {
      out.append(value.data() + i, len);
      i += len;
    }
  }
  if (i < n) out += fmt::format("… ({} bytes)", n);
  return out;
}

}  // namespace parmetrics::detail
