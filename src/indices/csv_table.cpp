#include "indices/csv_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <parmetrics/error.hpp>

#include "io/csv_tokenizer.hpp"
#include "io/mapped_file.hpp"

namespace parmetrics::detail::small_csv {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string line_of(std::uint64_t line) {
  return fmt::format("line {}", line);
}

}  // namespace

CsvTable::CsvTable(std::string_view text, std::string origin) : origin_(std::move(origin)) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTokenizer tokenizer(text, 0);
  detail::CsvRecord record;
  std::vector<Row> rows;
  while (tokenizer.next(text.size(), record)) {
    const std::uint64_t line = record.line + 1;
    if (record.status != RecordStatus::ok) {
      throw DataError(origin_, line_of(line), "", std::string(detail::describe(record.status)));
    }
    Row row;
    row.line = line;
    bool blank = true;
    for (std::string_view f : record.fields) {
      row.fields.emplace_back(trim(f));
      blank = blank && row.fields.back().empty();
    }
    // A line of spaces is blank; "a," is not (two fields).
    if (blank && row.fields.size() == 1) continue;
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw DataError(origin_, "", "", "the file is empty (no header row)");
  header_ = std::move(rows.front().fields);
  for (std::size_t c = 0; c < header_.size(); ++c) {
    if (header_[c].empty()) {
      throw DataError(origin_, line_of(rows.front().line), "",
                      fmt::format("column {} of the header has no name", c + 1));
    }
    if (std::find(header_.begin(), header_.begin() + static_cast<std::ptrdiff_t>(c), header_[c]) !=
        header_.begin() + static_cast<std::ptrdiff_t>(c)) {
      throw DataError(origin_, line_of(rows.front().line), header_[c],
                      "the column appears twice in the header");
    }
  }
  records_.assign(std::make_move_iterator(rows.begin() + 1), std::make_move_iterator(rows.end()));
  for (const Row& r : records_) {
    if (r.fields.size() != header_.size()) {
      throw DataError(
          origin_, line_of(r.line), "",
          fmt::format("{} fields where the header has {}", r.fields.size(), header_.size()));
    }
  }
}

std::optional<std::size_t> CsvTable::find(std::string_view column) const {
  const auto it = std::find(header_.begin(), header_.end(), column);
  if (it == header_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header_.begin());
}

std::size_t CsvTable::require(std::string_view column) const {
  if (const auto c = find(column)) return *c;
  throw DataError(origin_, "line 1", std::string(column), "missing column in the header");
}

std::vector<std::string> CsvTable::unknown_columns(
    std::initializer_list<std::string_view> known) const {
  std::vector<std::string> unknown;
  for (const std::string& h : header_) {
    if (std::find(known.begin(), known.end(), h) == known.end()) unknown.push_back(h);
  }
  return unknown;
}

std::string read_text_file(const std::filesystem::path& file) {
  return read_file_text(file);
}

std::optional<double> parse_number(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace parmetrics::detail::small_csv
