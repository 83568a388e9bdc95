#include "indices/service_index_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include <parmetrics/error.hpp>

namespace parmetrics::detail {

namespace {

// Control characters shown as \xNN, long values cut: rejection messages stay one short line.
std::string shown(std::string_view v) {
  std::string out;
  for (char c : v.substr(0, 120)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out += c;
    }
  }
  if (v.size() > 120) out += fmt::format("… ({} bytes)", v.size());
  return out;
}

std::string_view without_bom(std::string_view text) noexcept {
  return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

}  // namespace

FactsCsv::FactsCsv(std::string_view text, std::string_view origin,
                   std::span<const FactColumn> columns, ImportReport& report)
    : text_(without_bom(text)),
      origin_(origin),
      columns_(columns),
      report_(report),
      tokenizer_(text_, 0) {
  if (!tokenizer_.next(text_.size(), record_)) {
    throw DataError(std::string(origin_), "", "", "no header row (the file is empty)");
  }
  const std::string where = fmt::format("line {}", line_of_record());
  if (record_.status != RecordStatus::ok) {
    throw DataError(std::string(origin_), where, "", "malformed header");
  }
  index_.assign(columns_.size(), kAbsent);
  field_count_ = record_.fields.size();
  tokenizer_.expect_fields(field_count_);
  std::set<std::string_view> unknown;
  for (std::size_t f = 0; f < record_.fields.size(); ++f) {
    const std::string_view name = record_.fields[f];
    const auto it = std::find_if(columns_.begin(), columns_.end(),
                                 [&](const FactColumn& c) { return c.name == name; });
    if (it == columns_.end()) {
      if (unknown.insert(name).second) {
        report_.warn(
            fmt::format("{}:{}: unknown column '{}' ignored", origin_, line_of_record(), name));
      }
      continue;
    }
    const auto c = static_cast<std::size_t>(it - columns_.begin());
    if (index_[c] != kAbsent) {
      throw DataError(std::string(origin_), where, std::string(name), "column given twice");
    }
    index_[c] = f;
  }
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].required && index_[c] == kAbsent) {
      throw DataError(std::string(origin_), where, std::string(columns_[c].name),
                      "required column missing");
    }
  }
}

bool FactsCsv::next() {
  while (tokenizer_.next(text_.size(), record_)) {
    if (record_.status != RecordStatus::ok) {
      reject_record(detail::describe(record_.status));
    } else if (record_.fields.size() == field_count_) {
      return true;
    } else {
      reject_record("wrong number of fields");
    }
  }
  return false;
}

std::string_view FactsCsv::field(std::size_t c) const {
  const std::size_t f = index_[c];
  return f == kAbsent ? std::string_view() : record_.fields[f];
}

void FactsCsv::reject(std::size_t c, std::string_view reason) {
  report_.reject(Rejection{std::string(origin_), line_of_record(), std::string(columns_[c].name),
                           shown(field(c)), std::string(reason)});
}

void FactsCsv::reject_record(std::string_view reason) {
  report_.reject(Rejection{std::string(origin_), line_of_record(), "", shown(record_.raw),
                           std::string(reason)});
}

}  // namespace parmetrics::detail
