#pragma once
// Checks of text fields: UTF-8 validity (Vietnamese names are kept verbatim, so they must be
// valid), and values made printable for rejection messages.

#include <cstddef>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>

namespace parmetrics::detail {

/// Offset of the first byte that is not part of a valid UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are invalid), or npos when the text is valid.
std::size_t invalid_utf8_at(std::string_view text) noexcept;

/// Offset of the first byte that is not ASCII, or npos: 8 bytes at a time (most fields are ASCII).
inline std::size_t first_non_ascii(std::string_view text) noexcept {
  const char* p = text.data();
  std::size_t n = text.size();
  while (n >= 8) {
    unsigned long long w;
    std::memcpy(&w, p, 8);
    if ((w & 0x8080808080808080ull) != 0) break;
    p += 8;
    n -= 8;
  }
  for (; n > 0; ++p, --n) {
    if (static_cast<unsigned char>(*p) >= 0x80) return static_cast<std::size_t>(p - text.data());
  }
  return std::string_view::npos;
}

inline bool is_ascii(std::string_view text) noexcept {
  return first_non_ascii(text) == std::string_view::npos;
}

inline bool is_valid_utf8(std::string_view text) noexcept {
  const std::size_t at = first_non_ascii(text);
  return at == std::string_view::npos || invalid_utf8_at(text.substr(at)) == std::string_view::npos;
}

/// The text in Unicode NFC (composed), so that Vietnamese typed with combining marks ("a" +
/// U+0303) and with precomposed letters ("ã") is one text; ASCII and invalid UTF-8 come back as
/// they are.
std::string to_nfc(std::string_view text);

/// `text` in NFC as a view: `text` itself when it already is (ASCII, the usual case, costs one
/// scan), else the normalised copy, kept in `owned` until its owner clears it. Codes are compared
/// in NFC (docs/formats.md), so that a code typed with combining marks is the same code.
std::string_view nfc_view(std::string_view text, std::deque<std::string>& owned);

/// The value as shown in a rejection: invalid UTF-8 bytes and control characters written as
/// \xNN, and at most `limit` bytes of it (a 1 MB field is shown by its start and its size).
std::string printable(std::string_view value, std::size_t limit = 120);

}  // namespace parmetrics::detail
