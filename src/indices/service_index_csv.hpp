#pragma once
// The service index's fact files (unit procedures, feedback, communes) through the library's
// RFC 4180 tokenizer (io/csv_tokenizer.hpp), with the rules of docs/formats.md: UTF-8 BOM
// skipped, header row, columns in any order, LF or CRLF, empty lines skipped, quoted fields with
// "" and line breaks, malformed records rejected whole.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/io/import_report.hpp>

#include "io/csv_tokenizer.hpp"

namespace parmetrics::detail {

struct FactColumn {
  std::string_view name;
  bool required;
};

class FactsCsv {
 public:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

  /// Reads the header; throws DataError (origin, "line N", column, reason) when there is none, a
  /// column appears twice or a required one is missing. Unknown columns: one warning each.
  FactsCsv(std::string_view text, std::string_view origin, std::span<const FactColumn> columns,
           ImportReport& report);

  /// The next well-formed record with the header's field count; malformed records are rejected
  /// into the report and skipped. False at the end.
  bool next();

  /// The value of column `c` (an index into `columns`); empty when the header lacks it.
  std::string_view field(std::size_t c) const;
  std::uint64_t line() const noexcept { return line_of_record(); }

  /// Rejects the current record for column `c`'s value.
  void reject(std::size_t c, std::string_view reason);
  void reject_record(std::string_view reason);

  std::string_view origin() const noexcept { return origin_; }
  std::string_view column_name(std::size_t c) const { return columns_[c].name; }

 private:
  std::string_view text_;
  std::string_view origin_;
  std::span<const FactColumn> columns_;
  ImportReport& report_;
  CsvTokenizer tokenizer_;
  CsvRecord record_;
  std::vector<std::size_t> index_;  // column → field, or kAbsent
  std::size_t field_count_ = 0;

  std::uint64_t line_of_record() const noexcept { return record_.line + 1; }
};

}  // namespace parmetrics::detail
