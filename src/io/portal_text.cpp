#include "io/portal_text.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <parmetrics/calendar/iso_format.hpp>

namespace parmetrics::detail::portal {

namespace {

constexpr bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

constexpr unsigned digits(const char* p, int n) noexcept {
  unsigned v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + static_cast<unsigned>(p[i] - '0');
  return v;
}

TimeParse in_range(MinuteStamp t, TimeParse kind) noexcept {
  const DayNumber d = day_of(t);
  return d < kFirstSupportedDay || d > kLastSupportedDay ? TimeParse::out_of_range : kind;
}

bool all_digits_at(std::string_view s, std::initializer_list<std::size_t> at) noexcept {
  return std::all_of(at.begin(), at.end(), [&](std::size_t i) { return is_digit(s[i]); });
}

// "Z", "+07:00", "+0700", "+07" (and '-'): minutes east of UTC; false when it is none of them.
bool parse_offset(std::string_view s, int& minutes) noexcept {
  if (s.size() == 1 && (s[0] == 'Z' || s[0] == 'z')) {
    minutes = 0;
    return true;
  }
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-') || !all_digits_at(s, {1, 2})) return false;
  unsigned h = digits(s.data() + 1, 2), m = 0;
  if (s.size() == 6 && s[3] == ':' && all_digits_at(s, {4, 5})) {
    m = digits(s.data() + 4, 2);
  } else if (s.size() == 5 && all_digits_at(s, {3, 4})) {
    m = digits(s.data() + 3, 2);
  } else if (s.size() != 3) {
    return false;
  }
  if (h > 14 || m > 59) return false;
  minutes = static_cast<int>(h * 60 + m) * (s[0] == '-' ? -1 : 1);
  return true;
}

// ISO 8601 as the senders write it: YYYY-MM-DD, or with (T| )HH:MM[:SS[.fraction]] and an
// optional offset. C#'s DateTime default (0001-01-01T00:00:00) and MySQL's zero date
// (0000-00-00 00:00:00) are the "no date" placeholders.
TimeParse parse_iso_time(std::string_view s, MinuteStamp& t) noexcept {
  const std::size_t n = s.size();
  if (!all_digits_at(s, {0, 1, 2, 3, 5, 6, 8, 9})) return TimeParse::bad_format;
  const int year = static_cast<int>(digits(s.data(), 4));
  const unsigned month = digits(s.data() + 5, 2), day = digits(s.data() + 8, 2);
  unsigned hour = 0, minute = 0, second = 0;
  int offset = 7 * 60;  // local time unless an offset says otherwise
  if (n > 10) {
    if ((s[10] != 'T' && s[10] != ' ') || n < 16 || s[13] != ':' ||
        !all_digits_at(s, {11, 12, 14, 15})) {
      return TimeParse::bad_format;
    }
    hour = digits(s.data() + 11, 2);
    minute = digits(s.data() + 14, 2);
    std::size_t i = 16;
    if (i < n && s[i] == ':') {
      if (n < 19 || !all_digits_at(s, {17, 18})) return TimeParse::bad_format;
      second = digits(s.data() + 17, 2);
      i = 19;
      if (i < n && (s[i] == '.' || s[i] == ',')) {
        const std::size_t start = ++i;
        while (i < n && is_digit(s[i])) ++i;
        if (i == start) return TimeParse::bad_format;
      }
    }
    if (i < n && !parse_offset(s.substr(i), offset)) return TimeParse::bad_format;
  }
  if (year <= 1 && month <= 1 && day <= 1 && hour == 0 && minute == 0 && second == 0) {
    return TimeParse::empty;
  }
  if (!is_valid_civil(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return TimeParse::bad_value;
  }
  if (year < 1900 || year > 2199) return TimeParse::out_of_range;
  t = to_minutes(days_from_civil(year, month, day), static_cast<int>(hour * 60 + minute)) - offset +
      7 * 60;
  return in_range(t, n == 10 ? TimeParse::date_only : TimeParse::instant);
}

}  // namespace

TimeParse parse_portal_time(std::string_view s, MinuteStamp& t) noexcept {
  const std::size_t n = s.size();
  if (n == 14 || n == 12 || n == 8) {
    bool all_digits = true, all_zero = true;
    for (char c : s) {
      all_digits = all_digits && is_digit(c);
      all_zero = all_zero && c == '0';
    }
    if (all_digits) {
      if (all_zero) return TimeParse::empty;
      const char* p = s.data();
      const int year = static_cast<int>(digits(p, 4));
      const unsigned month = digits(p + 4, 2), day = digits(p + 6, 2);
      const unsigned hour = n > 8 ? digits(p + 8, 2) : 0, minute = n > 8 ? digits(p + 10, 2) : 0;
      const unsigned second = n > 12 ? digits(p + 12, 2) : 0;
      if (!is_valid_civil(year, month, day) || hour > 23 || minute > 59 || second > 59) {
        return TimeParse::bad_value;
      }
      if (year < 1900 || year > 2199) return TimeParse::out_of_range;
      t = to_minutes(days_from_civil(year, month, day), static_cast<int>(hour * 60 + minute));
      return n == 8 ? TimeParse::date_only : TimeParse::instant;
    }
  }
  // ISO: "YYYY-MM-DD" alone is a date; with a time it is an instant.
  if (n >= 10 && s[4] == '-' && s[7] == '-') return parse_iso_time(s, t);
  return TimeParse::bad_format;
}

bool parse_small_uint(std::string_view s, unsigned& value) noexcept {
  if (s.empty() || s.size() > 9) return false;
  unsigned v = 0;
  for (char c : s) {
    if (!is_digit(c)) return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  value = v;
  return true;
}

FeeParse parse_fee(std::string_view s) noexcept {
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  // Mantissa: digits with separators; an exponent (JSON numbers) does not change the sign.
  std::size_t i = 0;
  bool any_digit = false, nonzero = false;
  for (; i < s.size() && (is_digit(s[i]) || s[i] == '.' || s[i] == ','); ++i) {
    if (is_digit(s[i])) {
      any_digit = true;
      nonzero = nonzero || s[i] != '0';
    }
  }
  if (!any_digit) return FeeParse::bad;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return FeeParse::bad;
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i == s.size()) return FeeParse::bad;
    for (; i < s.size(); ++i) {
      if (!is_digit(s[i])) return FeeParse::bad;
    }
  }
  if (!nonzero) return FeeParse::zero;
  return negative ? FeeParse::negative : FeeParse::positive;
}

namespace {

// The scanner works on blocks of 64 bytes, as bit masks (one bit per byte): where the quotes,
// backslashes and brackets are, which bytes are inside strings (a prefix XOR of the quotes), and
// so which brackets count. Only the brackets, a few per record, are then visited one by one.
struct BlockMasks {
  std::uint64_t quote = 0, backslash = 0, open = 0, close = 0;
};

BlockMasks classify(const char* p) noexcept {
  BlockMasks m;
#if defined(__SSE2__)
  // '[' and ']' are '{' and '}' without bit 0x20: one comparison covers both kinds.
  const __m128i case_bit = _mm_set1_epi8(0x20), open = _mm_set1_epi8('{'),
                close = _mm_set1_epi8('}'), quote = _mm_set1_epi8('"'),
                backslash = _mm_set1_epi8('\\');
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i folded = _mm_or_si128(v, case_bit);
    const auto bits = [](__m128i eq) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(eq)));
    };
    m.quote |= bits(_mm_cmpeq_epi8(v, quote)) << (16 * k);
    m.backslash |= bits(_mm_cmpeq_epi8(v, backslash)) << (16 * k);
    m.open |= bits(_mm_cmpeq_epi8(folded, open)) << (16 * k);
    m.close |= bits(_mm_cmpeq_epi8(folded, close)) << (16 * k);
  }
#else
  for (int k = 0; k < 64; ++k) {
    const std::uint64_t bit = std::uint64_t{1} << k;
    switch (p[k]) {
      case '"':
        m.quote |= bit;
        break;
      case '\\':
        m.backslash |= bit;
        break;
      case '{':
      case '[':
        m.open |= bit;
        break;
      case '}':
      case ']':
        m.close |= bit;
        break;
      default:
        break;
    }
  }
#endif
  return m;
}

// Bit i = parity of the set bits at positions 0..i.
constexpr std::uint64_t prefix_xor(std::uint64_t x) noexcept {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

struct Scan {
  static constexpr std::size_t kMaxDepth = 256;  // records nest two levels; more is still fine
  char open[kMaxDepth];
  std::size_t depth = 0;
  bool in_string = false, escaped = false;
  const char* error = nullptr;

  // A structural bracket; true when it closes the value.
  bool bracket(char c) noexcept {
    if (c == '{' || c == '[') {
      if (depth == kMaxDepth) {
        error = "nested too deeply";
        return true;
      }
      open[depth++] = c;
      return false;
    }
    if (open[depth - 1] != (c == '}' ? '{' : '[')) {
      error = c == '}' ? "'}' closes a '['" : "']' closes a '{'";
      return true;
    }
    return --depth == 0;
  }
};

std::size_t skip_string(const char* data, std::size_t i, std::size_t size) noexcept {
  while (i < size) {
    const char c = data[i];
    if (c == '"') return i + 1;
    i += c == '\\' ? 2 : 1;
  }
  return size + 1;
}

}  // namespace

ValueExtent scan_value(const char* data, std::size_t begin, std::size_t size) noexcept {
  const char first = data[begin];
  if (first == '"') {
    const std::size_t end = skip_string(data, begin + 1, size);
    if (end > size) return {begin, "the string is not closed"};
    return {end, nullptr};
  }
  if (first != '{' && first != '[') {
    // A bare scalar (a number, true, null, or junk): up to the next separator.
    std::size_t i = begin;
    while (i < size && data[i] != ',' && data[i] != ']' && data[i] != '}' &&
           !is_json_space(data[i])) {
      ++i;
    }
    return {i, nullptr};
  }
  Scan scan;
  char tail[64];
  for (std::size_t at = begin; at < size; at += 64) {
    const std::size_t n = std::min<std::size_t>(64, size - at);
    const char* block = data + at;
    if (n < 64) {
      // The last bytes: spaces after them are neutral.
      std::memset(tail, ' ', sizeof tail);
      std::memcpy(tail, block, n);
      block = tail;
    }
    const BlockMasks m = classify(block);
    if (m.backslash != 0 || scan.escaped) {
      // Escapes (rare): byte by byte.
      for (std::size_t k = 0; k < n; ++k) {
        const char c = block[k];
        if (scan.escaped) {
          scan.escaped = false;
        } else if (scan.in_string) {
          scan.escaped = c == '\\';
          scan.in_string = c != '"';
        } else if (c == '"') {
          scan.in_string = true;
        } else if (c == '{' || c == '[' || c == '}' || c == ']') {
          if (scan.bracket(c)) return {scan.error ? at + k : at + k + 1, scan.error};
        }
      }
      continue;
    }
    // Bits inside strings (opening quote included); brackets there are text.
    const std::uint64_t inside = prefix_xor(m.quote) ^ (scan.in_string ? ~std::uint64_t{0} : 0);
    scan.in_string = (inside >> 63) != 0;
    for (std::uint64_t brackets = (m.open | m.close) & ~inside; brackets != 0;
         brackets &= brackets - 1) {
      const auto k = static_cast<std::size_t>(__builtin_ctzll(brackets));
      if (scan.bracket(block[k])) return {scan.error ? at + k : at + k + 1, scan.error};
    }
  }
  if (scan.in_string) return {begin, "a string is not closed"};
  return {begin, first == '{' ? "the record's '{' is not closed" : "the '[' is not closed"};
}

MemberWalk walk_members(const char* data, std::size_t i, std::size_t size, std::string_view stop_at,
                        bool after_member) noexcept {
  const auto skip_space = [&] {
    while (i < size && is_json_space(data[i])) ++i;
  };
  MemberWalk w;
  for (bool first = !after_member;; first = false) {
    skip_space();
    if (i < size && data[i] == '}') {
      w.end = i + 1;
      return w;
    }
    if (!first) {
      if (i >= size || data[i] != ',') break;
      ++i;
      skip_space();
    }
    if (i >= size || data[i] != '"') break;
    const std::size_t key_end = skip_string(data, i + 1, size);
    if (key_end > size) break;
    const std::string_view key(data + i + 1, key_end - i - 2);
    i = key_end;
    skip_space();
    if (i >= size || data[i] != ':') break;
    ++i;
    skip_space();
    if (i >= size) break;
    if (!stop_at.empty() && key == stop_at) {
      w.stopped = i;
      return w;
    }
    const ValueExtent x = scan_value(data, i, size);
    if (x.error) break;
    if (key == "service" && data[i] == '"') {
      w.service = std::string_view(data + i + 1, x.end - i - 2);
    }
    i = x.end;
  }
  w.error = i;
  return w;
}

namespace {

// Whether data[i] is escaped: by an odd run of backslashes just before it.
bool escaped_at(const char* data, std::size_t i) noexcept {
  bool escaped = false;
  for (; i > 0 && data[i - 1] == '\\'; --i) escaped = !escaped;
  return escaped;
}

// summarize_stretch byte by byte: `inside` assumes the stretch starts outside a string.
struct StretchWalk {
  StretchSummary s;
  bool inside = false, escaped = false;
  void byte(char c) noexcept {
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '"') {
      inside = !inside;
    } else if (c == '{' || c == '[' || c == '}' || c == ']') {
      s.depth_change[inside ? 1 : 0] += c == '{' || c == '[' ? 1 : -1;
    }
  }
};

}  // namespace

StretchSummary summarize_stretch(const char* data, std::size_t begin, std::size_t end) noexcept {
  StretchWalk w;
  w.escaped = escaped_at(data, begin);
  std::size_t at = begin;
  for (; at + 64 <= end; at += 64) {
    const BlockMasks m = classify(data + at);
    if (m.backslash != 0 || w.escaped) {
      for (std::size_t k = 0; k < 64; ++k) w.byte(data[at + k]);
      continue;
    }
    // Bits inside strings if the stretch starts outside one; the other case is the complement.
    const std::uint64_t inside = prefix_xor(m.quote) ^ (w.inside ? ~std::uint64_t{0} : 0);
    w.inside = (inside >> 63) != 0;
    const auto count = [](std::uint64_t x) {
      return static_cast<std::int64_t>(__builtin_popcountll(x));
    };
    w.s.depth_change[0] += count(m.open & ~inside) - count(m.close & ~inside);
    w.s.depth_change[1] += count(m.open & inside) - count(m.close & inside);
  }
  for (; at < end; ++at) w.byte(data[at]);
  w.s.odd_quotes = w.inside;
  return w.s;
}

std::size_t next_element(const char* data, std::size_t i, std::size_t size,
                         StructureState state) noexcept {
  bool escaped = escaped_at(data, i);
  for (; i < size; ++i) {
    const char c = data[i];
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '"') {
      state.in_string = !state.in_string;
    } else if (state.in_string) {
      continue;
    } else if (c == '{' || c == '[') {
      ++state.depth;
    } else if (c == '}' || c == ']') {
      if (--state.depth <= 0) return size;
    } else if (c == ',' && state.depth == 1) {
      for (++i; i < size && is_json_space(data[i]);) ++i;
      return i;
    }
  }
  return size;
}

}  // namespace parmetrics::detail::portal
