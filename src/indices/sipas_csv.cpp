#include "indices/sipas_csv.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <parmetrics/error.hpp>

#include "indices/sipas_internal.hpp"

namespace parmetrics::detail {

namespace {

std::size_t after_bom(std::string_view text) noexcept {
  return text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
}

}  // namespace

SipasCsvReader::SipasCsvReader(std::string_view text)
    : text_(text), tokenizer_(text, after_bom(text)) {}

SipasCsvReader::Status SipasCsvReader::next(std::vector<std::string_view>& fields,
                                            std::uint64_t& line, std::string& problem) {
  fields.clear();
  CsvRecord record;
  if (!tokenizer_.next(text_.size(), record)) return Status::kEnd;
  line = record.line + 1;
  if (record.status == RecordStatus::ok) {
    fields.assign(record.fields.begin(), record.fields.end());
    return Status::kRecord;
  }
  problem = detail::describe(record.status);
  return Status::kMalformed;
}

int SipasCsvHeader::index_of(std::string_view name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

SipasCsvHeader read_header(SipasCsvReader& reader, const std::string& origin,
                           std::string_view expected) {
  std::vector<std::string_view> fields;
  std::uint64_t line = 0;
  std::string problem;
  const auto status = reader.next(fields, line, problem);
  if (status == SipasCsvReader::Status::kEnd) {
    throw DataError(origin, "", "", "empty file: expected a header " + std::string(expected));
  }
  if (status == SipasCsvReader::Status::kMalformed) {
    throw DataError(origin, line_location(line), "", problem);
  }
  SipasCsvHeader header;
  for (const auto f : fields) header.names.emplace_back(trim_blanks(f));
  header.line = line;
  reader.expect_fields(fields.size());
  return header;
}

}  // namespace parmetrics::detail
