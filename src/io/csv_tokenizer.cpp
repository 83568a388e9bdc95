#include "io/csv_tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace parmetrics::detail {

namespace {

// Bytes that end an unquoted field or make it malformed.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('"')] = true;
  return t;
}();

#if defined(__SSE2__)
// Bit k set when p[k] ends an unquoted field or makes it malformed (',', '\n', '"'), for the 16
// bytes at p.
inline unsigned specials16(const char* p) noexcept {
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(',')),
                                                _mm_cmpeq_epi8(block, _mm_set1_epi8('\n'))),
                                   _mm_cmpeq_epi8(block, _mm_set1_epi8('"')));
  return static_cast<unsigned>(_mm_movemask_epi8(hit));
}

// The same for the 64 bytes at q.
inline std::uint64_t specials64(const char* q) noexcept {
  std::uint64_t mask = 0;
  for (int k = 0; k < 4; ++k) mask |= std::uint64_t{specials16(q + 16 * k)} << (16 * k);
  return mask;
}
#endif

// The first byte of [p, e) that ends an unquoted field or makes it malformed, or e: 16 bytes
// at a time (a record's fields average under 10 bytes; a timestamp is 19).
inline const char* find_special(const char* p, const char* e) noexcept {
#if defined(__SSE2__)
  for (; e - p >= 16; p += 16) {
    if (const unsigned mask = specials16(p); mask != 0) return p + __builtin_ctz(mask);
  }
#endif
  while (p < e && !kSpecial[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

std::uint64_t count_char(const char* b, const char* e, char c) noexcept {
  return static_cast<std::uint64_t>(std::count(b, e, c));
}

}  // namespace

char* Arena::allocate(std::size_t n) {
  if (block_ < blocks_.size() && blocks_[block_].size() - used_ >= n) {
    char* p = blocks_[block_].data() + used_;
    used_ += n;
    return p;
  }
  // The next block that fits (blocks are kept for reuse), else a new one.
  for (++block_; block_ < blocks_.size(); ++block_) {
    if (blocks_[block_].size() >= n) break;
  }
  if (block_ >= blocks_.size()) {
    blocks_.emplace_back(std::max(kBlock, n));
    block_ = blocks_.size() - 1;
  }
  used_ = n;
  return blocks_[block_].data();
}

const char* CsvTokenizer::skip_record(const char* p) noexcept {
  const char* const e = text_.data() + text_.size();
  const auto* lf = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(e - p)));
  if (lf == nullptr) return e;
  ++newlines_;
  return lf + 1;
}

bool CsvTokenizer::read_plain_record(const char*& p, const char*& raw_end) noexcept {
#if defined(__SSE2__)
  const char* const e = text_.data() + text_.size();
  const char* field = p;
  for (const char* q = p; e - q >= 64; q += 64) {
    for (std::uint64_t mask = specials64(q); mask != 0; mask &= mask - 1) {
      const char* s = q + __builtin_ctzll(mask);
      if (*s == ',') {
        fields_.emplace_back(field, static_cast<std::size_t>(s - field));
        field = s + 1;
        continue;
      }
      if (*s == '"') {
        fields_.clear();
        return false;
      }
      const char* f = s > field && s[-1] == '\r' ? s - 1 : s;  // '\n'
      fields_.emplace_back(field, static_cast<std::size_t>(f - field));
      raw_end = f;
      p = s + 1;
      ++newlines_;
      return true;
    }
  }
  fields_.clear();
#else
  (void)p;
  (void)raw_end;
#endif
  return false;
}

bool CsvTokenizer::next(std::size_t stop, CsvRecord& record) {
  const char* const b = text_.data();
  const char* const e = b + text_.size();
  const char* p = b + pos_;
  // Empty lines (LF, CRLF, or a lone CR at the end of the input) are not records.
  for (;;) {
    if (static_cast<std::size_t>(p - b) >= stop || p == e) {
      pos_ = static_cast<std::size_t>(p - b);
      return false;
    }
    if (*p == '\n') {
      ++p;
      ++newlines_;
    } else if (*p == '\r' && (p + 1 == e || p[1] == '\n')) {
      p += p + 1 == e ? 1 : 2;
      newlines_ += p[-1] == '\n' ? 1 : 0;
    } else {
      break;
    }
  }

  const char* const start = p;
  record.line = newlines_;
  record.tried_to_line = 0;
  record.status = RecordStatus::ok;
  fields_.clear();
  unescaped_.clear();
  scratch_.clear();
  const char* raw_end = nullptr;  // end of the record's bytes, before its line ending
  bool over_lines = false;        // a quoted field holds a line feed

  for (bool plain = read_plain_record(p, raw_end); !plain;) {
    if (p < e && *p == '"') {
      ++p;
      const char* segment = p;
      bool escaped = false;
      const std::size_t offset = scratch_.size();
      bool closed = false;
      while (!closed) {
        const auto* q =
            static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(e - p)));
        if (q == nullptr) {
          const std::uint64_t inside = count_char(p, e, '\n');
          newlines_ += inside;
          over_lines = over_lines || inside != 0;
          record.status = RecordStatus::unterminated_quote;
          p = raw_end = e;
          break;
        }
        const std::uint64_t inside = count_char(p, q, '\n');
        newlines_ += inside;
        over_lines = over_lines || inside != 0;
        if (q + 1 < e && q[1] == '"') {
          escaped = true;
          scratch_.append(segment, static_cast<std::size_t>(q + 1 - segment));
          p = segment = q + 2;
          continue;
        }
        if (escaped) {
          scratch_.append(segment, static_cast<std::size_t>(q - segment));
          unescaped_.push_back({fields_.size(), offset, scratch_.size() - offset});
          fields_.emplace_back();
        } else {
          fields_.emplace_back(segment, static_cast<std::size_t>(q - segment));
        }
        p = q + 1;
        closed = true;
      }
      if (!closed) break;
      if (p == e || (*p == '\r' && p + 1 == e)) {
        raw_end = p;
        p = e;
        break;
      }
      if (*p == ',') {
        ++p;
        continue;
      }
      if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
        raw_end = p;
        p += *p == '\n' ? 1 : 2;
        ++newlines_;
        break;
      }
      record.status = RecordStatus::text_after_quote;
      p = skip_record(p);
      raw_end = p > start && p[-1] == '\n' ? p - 1 : p;
      break;
    }
    const char* s = p;
    p = find_special(p, e);
    if (p == e) {
      const char* f = p > s && p[-1] == '\r' ? p - 1 : p;
      fields_.emplace_back(s, static_cast<std::size_t>(f - s));
      raw_end = f;
      break;
    }
    if (*p == ',') {
      fields_.emplace_back(s, static_cast<std::size_t>(p - s));
      ++p;
      continue;
    }
    if (*p == '\n') {
      const char* f = p > s && p[-1] == '\r' ? p - 1 : p;
      fields_.emplace_back(s, static_cast<std::size_t>(f - s));
      raw_end = f;
      ++p;
      ++newlines_;
      break;
    }
    // A quote inside an unquoted field.
    record.status = RecordStatus::stray_quote;
    p = skip_record(p);
    raw_end = p > start && p[-1] == '\n' ? p - 1 : p;
    break;
  }
  if (over_lines && (record.status != RecordStatus::ok ||
                     (expected_fields_ != 0 && fields_.size() != expected_fields_))) {
    // Cut back to the first line: what follows is read again as records of its own.
    const auto* lf =
        static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(e - start)));
    if (record.status == RecordStatus::ok) record.status = RecordStatus::quote_over_lines;
    record.tried_to_line = newlines_ - (p > start && p[-1] == '\n' ? 1 : 0);
    fields_.clear();
    unescaped_.clear();
    raw_end = lf;
    p = lf + 1;
    newlines_ = record.line + 1;
  }
  if (raw_end > start && raw_end[-1] == '\r' && record.status != RecordStatus::ok) --raw_end;

  for (const Unescaped& u : unescaped_) {
    const char* data = scratch_.data() + u.offset;
    if (arena_ != nullptr && u.size > 0) {
      char* kept = arena_->allocate(u.size);
      std::memcpy(kept, data, u.size);
      data = kept;
    }
    fields_[u.field] = std::string_view(data, u.size);
  }
  record.fields = fields_;
  record.raw = std::string_view(start, static_cast<std::size_t>(raw_end - start));
  pos_ = static_cast<std::size_t>(p - b);
  return true;
}

std::string_view describe(RecordStatus status) noexcept {
  switch (status) {
    case RecordStatus::ok:
      return "well formed";
    case RecordStatus::unterminated_quote:
      return "unterminated quoted field";
    case RecordStatus::text_after_quote:
      return "text after a closing quote";
    case RecordStatus::stray_quote:
      return "quote inside an unquoted field";
    case RecordStatus::quote_over_lines:
      return "a quoted field runs over line ends into a record with the wrong number of fields";
  }
  return "malformed";
}

std::uint64_t count_quotes(std::string_view text) noexcept {
  const char* p = text.data();
  const char* const e = p + text.size();
  std::uint64_t n = 0;
#if defined(__SSE2__)
  // Byte counters (a match is -1, subtracted), summed every 255 blocks before they overflow:
  // no popcount, which without -mpopcnt is a library call per block.
  const __m128i quote = _mm_set1_epi8('"');
  while (e - p >= 16) {
    __m128i counts = _mm_setzero_si128();
    for (int i = 0; i < 255 && e - p >= 16; ++i, p += 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(block, quote));
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    n += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
         static_cast<std::uint64_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  return n + count_char(p, e, '"');
}

std::size_t next_boundary(std::string_view text, std::size_t from, bool odd_before,
                          std::size_t limit) noexcept {
  // Look at the byte before `from` too: `from` is a boundary when that byte is a line feed
  // outside quotes.
  const char* const b = text.data();
  const char* const e = b + text.size();
  const char* const first = b + from - 1;
  const char* const last = static_cast<std::size_t>(e - first) > limit ? first + limit : e;
  bool odd = odd_before;
  if (*first == '"') odd = !odd;  // parity of text[0, from - 1)
  for (const char* p = first; p < last; ++p) {
    if (*p == '"') {
      odd = !odd;
    } else if (*p == '\n' && !odd) {
      return static_cast<std::size_t>(p + 1 - b);
    }
  }
  // Unbalanced quotes before (or a huge quoted field): guess the next line feed.
  const auto* lf =
      static_cast<const char*>(std::memchr(first, '\n', static_cast<std::size_t>(e - first)));
  return lf == nullptr ? text.size() : static_cast<std::size_t>(lf + 1 - b);
}

}  // namespace parmetrics::detail
