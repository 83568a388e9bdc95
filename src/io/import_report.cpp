#include <parmetrics/io/import_report.hpp>

#include <fmt/format.h>

#include <iterator>

namespace parmetrics {

namespace {

std::string text_of(const Rejection& r) {
  if (r.record_number) {
    if (r.field.empty())
      return fmt::format("{}:record {}: record '{}': {}", r.file, r.line, r.value, r.reason);
    return fmt::format("{}:record {}: field '{}' = '{}': {}", r.file, r.line, r.field, r.value,
                       r.reason);
  }
  if (r.field.empty() && r.last_line > r.line) {
    return fmt::format(
        "{}:{}: record '{}' (lines {}-{} tried as one record; only line {} "
        "rejected): {}",
        r.file, r.line, r.value, r.line, r.last_line, r.line, r.reason);
  }
  if (r.field.empty())
    return fmt::format("{}:{}: record '{}': {}", r.file, r.line, r.value, r.reason);
  return fmt::format("{}:{}: field '{}' = '{}': {}", r.file, r.line, r.field, r.value, r.reason);
}

}  // namespace

std::string Rejection::to_string() const {
  std::string text = text_of(*this);
  if (!hint.empty()) fmt::format_to(std::back_inserter(text), "; {}", hint);
  return text;
}

void ImportReport::reject(Rejection r) {
  ++read_;
  ++rejected_;
  ++by_reason_[r.reason];
  if (details_.size() < kKeptDetails) details_.push_back(std::move(r));
}

void ImportReport::count_rejections(const std::string& reason, std::uint64_t n) {
  if (n == 0) return;
  read_ += n;
  rejected_ += n;
  by_reason_[reason] += n;
}

void ImportReport::note_loaded(const std::string& what, std::uint64_t n) {
  if (n != 0) notes_[what] += n;
}

void ImportReport::merge(const ImportReport& other) {
  read_ += other.read_;
  loaded_ += other.loaded_;
  rejected_ += other.rejected_;
  for (const Rejection& r : other.details_) {
    if (details_.size() >= kKeptDetails) break;
    details_.push_back(r);
  }
  for (const auto& [reason, n] : other.by_reason_) by_reason_[reason] += n;
  for (const auto& [what, n] : other.notes_) notes_[what] += n;
  warnings_.insert(warnings_.end(), other.warnings_.begin(), other.warnings_.end());
}

}  // namespace parmetrics
