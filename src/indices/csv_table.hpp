#pragma once
// The hand-made CSV files of the indices module (scores, external metric values, targets) as a
// table keyed by column name, on top of the io module's RFC 4180 tokenizer. A few thousand lines
// at most: every field is copied into a string. Namespaced apart (detail::small_csv) so that
// nothing here can collide with the io module's own detail types.

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parmetrics::detail::small_csv {

struct Row {
  std::uint64_t line = 0;  ///< 1-based line where the record starts
  std::vector<std::string> fields;
};

/// A CSV file with a header row. A UTF-8 BOM is skipped, CRLF and LF both end records, quoted
/// fields may hold commas, doubled quotes and line breaks; fields are trimmed of spaces and tabs;
/// blank lines are skipped. Throws DataError naming `origin` and the line on an unterminated
/// quote, text after a closing quote, a quote inside an unquoted field, an unnamed or repeated
/// header column, or a record whose field count differs from the header's.
class CsvTable {
 public:
  CsvTable(std::string_view text, std::string origin);

  const std::string& origin() const noexcept { return origin_; }
  const std::vector<std::string>& header() const noexcept { return header_; }
  const std::vector<Row>& records() const noexcept { return records_; }

  /// The column's index; throws DataError ("missing column") when absent.
  std::size_t require(std::string_view column) const;
  std::optional<std::size_t> find(std::string_view column) const;
  /// Columns other than `known`, in header order.
  std::vector<std::string> unknown_columns(std::initializer_list<std::string_view> known) const;

 private:
  std::string origin_;
  std::vector<std::string> header_;
  std::vector<Row> records_;
};

/// The whole file; throws DataError naming it when it cannot be read.
std::string read_text_file(const std::filesystem::path& file);

/// A finite decimal number ("12", "-0.25", "1e3"); nullopt otherwise (no locale, no comma).
std::optional<double> parse_number(std::string_view text) noexcept;

}  // namespace parmetrics::detail::small_csv
