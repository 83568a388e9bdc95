#pragma once
// RFC 4180 records without per-field allocation: fields are views into the file's bytes, except
// quoted fields with "" escapes, which are unescaped into a scratch buffer reused per record.
//
// A quote is special only at the start of a field. A record ends at the first line feed outside
// a quoted field; a malformed record (a quote inside an unquoted field, text after a closing
// quote) is rejected and ends at the next line feed. A quoted field may hold line feeds, but when
// it makes a record that is malformed or has the wrong number of fields (an unterminated field,
// or a stray quote that pairs with one lines below), the record is only its first line, rejected,
// and reading resumes on the next line. That is the definition, and a one-thread pass implements
// it. The parallel
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
  /// A quoted field ran over line ends into a well-formed record with the wrong number of
  /// fields. Whenever a quoted field runs over line ends into an invalid record (this, or one of
  /// the statuses above), the record is cut back to its first line (`tried_to_line` says how far
  /// it ran) and the next record starts on the next line: a stray `"` costs one line, not the
  /// records after it.
  quote_over_lines,
};

struct CsvRecord {
  std::span<const std::string_view> fields;
  std::string_view raw;    ///< the record's bytes, without its line ending
  std::uint64_t line = 0;  ///< line feeds before the record since the tokenizer's start
  /// A record cut back to its first line: line feeds before the last line it ran to (same origin
  /// as `line`); 0 when it was not cut back.
  std::uint64_t tried_to_line = 0;
  RecordStatus status = RecordStatus::ok;
};

class CsvTokenizer {
 public:
  /// `text` is the whole input (records never run past its end); reading starts at `pos`. Fields
  /// are views into `text`, except unescaped ones ("" inside quotes): those live in `arena` when
  /// given (until it is cleared), else only until the next record. `fields` is the number of
  /// fields a record must have (the header's; 0 when any): a record that spans lines through a
  /// quoted field is kept only when it is well formed with that many fields (quote_over_lines).
  CsvTokenizer(std::string_view text, std::size_t pos, Arena* arena = nullptr,
               std::size_t fields = 0) noexcept
      : text_(text), pos_(pos), arena_(arena), expected_fields_(fields) {}

  /// Reads the next non-empty record that starts before `stop` (empty lines are skipped and not
  /// records). The record may run past `stop`. Returns false when none starts before it.
  bool next(std::size_t stop, CsvRecord& record);

  /// Sets the fields a record must have from now on (readers that learn it from their header).
  void expect_fields(std::size_t fields) noexcept { expected_fields_ = fields; }

  std::size_t pos() const noexcept { return pos_; }
  /// Line feeds passed since the start (inside quoted fields too).
  std::uint64_t newlines() const noexcept { return newlines_; }

 private:
  std::string_view text_;
  std::size_t pos_;
  Arena* arena_;
  std::size_t expected_fields_;
  std::uint64_t newlines_ = 0;
  std::vector<std::string_view> fields_;
  struct Unescaped {
    std::size_t field, offset, size;
  };
  std::vector<Unescaped> unescaped_;
  std::string scratch_;

  // Skips from p past the next line feed (the end of a malformed record).
  const char* skip_record(const char* p) noexcept;
  /// The common record, without quotes and with 64 bytes of text after its start: its fields
  /// from 64-byte masks of the separators. False (fields_ left empty) when a quote comes first or
  /// the text ends too soon: the general loop reads it.
  bool read_plain_record(const char*& p, const char*& raw_end) noexcept;
};

/// What is wrong with a record of this status, in the words rejections use.
std::string_view describe(RecordStatus status) noexcept;

/// Quote characters in text (SIMD when available).
std::uint64_t count_quotes(std::string_view text) noexcept;

/// A guess of the first record start at or after `from` (from > 0), given the parity of the
/// quotes in text[0, from): the position after the first line feed preceded by an even number of
/// quotes within `limit` bytes, else after the first line feed at all, else text.size().
std::size_t next_boundary(std::string_view text, std::size_t from, bool odd_before,
                          std::size_t limit) noexcept;

}  // namespace parmetrics::detail
