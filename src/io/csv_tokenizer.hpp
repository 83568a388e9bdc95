#pragma once
// RFC 4180 records without per-field allocation: fields are views into the file's bytes, except
// quoted fields with "" escapes, which are unescaped into a scratch buffer reused per record.
//
// A quote is special only at the start of a field. A record ends at the first line feed outside
// a quoted field; a malformed record (a quote inside an unquoted field, text after a closing
// quote) is rejected and ends at the next line feed; an unterminated quoted field runs to the end
// of the input. That is the definition, and a one-thread pass implements it. The parallel
// importers guess where chunks start from quote parity (count_quotes, next_boundary: right for
// every file whose quotes are balanced), and check each guess against where the previous chunk
// really ended, re-parsing a chunk whose guess was wrong: any split gives the same records.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parmetrics::detail {

/// Storage for unescaped fields that must outlive their record (rows keep views of codes until
/// they are loaded): blocks that never move, reused after clear().
class Arena {
 public:
  char* allocate(std::size_t n);
  void clear() noexcept {
    block_ = 0;
    used_ = 0;
  }

 private:
  static constexpr std::size_t kBlock = 64 << 10;
  std::vector<std::vector<char>> blocks_;
  std::size_t block_ = 0, used_ = 0;
};

enum class RecordStatus : std::uint8_t {
  ok,
  unterminated_quote,  ///< a quoted field runs to the end of the file
  text_after_quote,    ///< `"ab"c`
  stray_quote,         ///< `ab"c`
};

struct CsvRecord {
  std::span<const std::string_view> fields;
  std::string_view raw;    ///< the record's bytes, without its line ending
  std::uint64_t line = 0;  ///< line feeds before the record since the tokenizer's start
  RecordStatus status = RecordStatus::ok;
};

class CsvTokenizer {
 public:
  /// `text` is the whole input (records never run past its end); reading starts at `pos`. Fields
  /// are views into `text`, except unescaped ones ("" inside quotes): those live in `arena` when
  /// given (until it is cleared), else only until the next record.
  CsvTokenizer(std::string_view text, std::size_t pos, Arena* arena = nullptr) noexcept
      : text_(text), pos_(pos), arena_(arena) {}

  /// Reads the next non-empty record that starts before `stop` (empty lines are skipped and not
  /// records). The record may run past `stop`. Returns false when none starts before it.
  bool next(std::size_t stop, CsvRecord& record);

  std::size_t pos() const noexcept { return pos_; }
  /// Line feeds passed since the start (inside quoted fields too).
  std::uint64_t newlines() const noexcept { return newlines_; }

 private:
  std::string_view text_;
  std::size_t pos_;
  Arena* arena_;
  std::uint64_t newlines_ = 0;
  std::vector<std::string_view> fields_;
  struct Unescaped {
    std::size_t field, offset, size;
  };
  std::vector<Unescaped> unescaped_;
  std::string scratch_;

  // Skips from p past the next line feed (the end of a malformed record).
  const char* skip_record(const char* p) noexcept;
};

/// Quote characters in text (SIMD when available).
std::uint64_t count_quotes(std::string_view text) noexcept;

/// A guess of the first record start at or after `from` (from > 0), given the parity of the
/// quotes in text[0, from): the position after the first line feed preceded by an even number of
/// quotes within `limit` bytes, else after the first line feed at all, else text.size().
std::size_t next_boundary(std::string_view text, std::size_t from, bool odd_before,
                          std::size_t limit) noexcept;

}  // namespace parmetrics::detail
