#pragma once
// Checks of text fields: UTF-8 validity (Vietnamese names are kept verbatim, so they must be
// valid), and values made printable for rejection messages.

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace parmetrics::detail {

/// Offset of the first byte that is not part of a valid UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are invalid), or npos when the text is valid.
std::size_t invalid_utf8_at(std::string_view text) noexcept;

inline bool is_valid_utf8(std::string_view text) noexcept {
  // Most fields are ASCII: test 8 bytes at a time before the full decoder.
  const char* p = text.data();
  std::size_t n = text.size();
  while (n >= 8) {
    unsigned long long w;
    std::memcpy(&w, p, 8);
    if ((w & 0x8080808080808080ull) != 0)
      return invalid_utf8_at(std::string_view(p, n)) == std::string_view::npos;
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    if (static_cast<unsigned char>(*p) >= 0x80) {
      return invalid_utf8_at(std::string_view(p, n)) == std::string_view::npos;
    }
    ++p;
    --n;
  }
  return true;
}

/// The text in Unicode NFC (composed), so that Vietnamese typed with combining marks ("a" +
/// U+0303) and with precomposed letters ("ã") is one text; ASCII and invalid UTF-8 come back as
/// they are.
std::string to_nfc(std::string_view text);

/// The value as shown in a rejection: invalid UTF-8 bytes and control characters written as
/// \xNN, and at most `limit` bytes of it (a 1 MB field is shown by its start and its size).
std::string printable(std::string_view value, std::size_t limit = 120);

}  // namespace parmetrics::detail
