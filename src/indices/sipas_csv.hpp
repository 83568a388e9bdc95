#pragma once
// Records of the SIPAS files (questionnaire and responses) through the library's RFC 4180
// tokenizer (io/csv_tokenizer.hpp): UTF-8 with an optional BOM, CRLF or LF, quoted fields with ""
// escapes, blank lines skipped. A malformed record ends at the next line feed, so that a loader
// can reject that one record and keep counting.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_tokenizer.hpp"

namespace parmetrics::detail {

class SipasCsvReader {
 public:
  explicit SipasCsvReader(std::string_view text);

  enum class Status { kRecord, kMalformed, kEnd };

  /// Reads the next record. On kRecord, `fields` views the record's fields (valid until the next
  /// call); on kMalformed, `problem` says why. `line` is the 1-based line where the record starts.
  Status next(std::vector<std::string_view>& fields, std::uint64_t& line, std::string& problem);
  /// Records spanning lines through a quoted field must have this many fields (the header's).
  void expect_fields(std::size_t n) noexcept { tokenizer_.expect_fields(n); }

 private:
  std::string_view text_;
  CsvTokenizer tokenizer_;
};

/// The header's column names, trimmed of ASCII blanks.
struct SipasCsvHeader {
  std::vector<std::string> names;
  std::uint64_t line = 0;  ///< where the header is
  /// Index of `name` among the columns, or -1.
  int index_of(std::string_view name) const;
};

std::string_view trim_blanks(std::string_view s) noexcept;

/// The first record of a SIPAS file, as its header. Throws DataError naming `origin`: "empty
/// file: expected a header `expected`" for an empty file, or the line and what is malformed.
SipasCsvHeader read_header(SipasCsvReader& reader, const std::string& origin,
                           std::string_view expected);

}  // namespace parmetrics::detail
