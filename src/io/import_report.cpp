#include <parmetrics/io/import_report.hpp>

#include <fmt/format.h>

namespace parmetrics {

std::string Rejection::to_string() const {
  if (record_number) {
    if (field.empty())
      return fmt::format("{}:record {}: record '{}': {}", file, line, value, reason);
    return fmt::format("{}:record {}: field '{}' = '{}': {}", file, line, field, value, reason);
  }
  if (field.empty() && last_line > line) {
    return fmt::format(
        "{}:{}: record '{}' (lines {}-{} tried as one record; only line {} "
        "rejected): {}",
        file, line, value, line, last_line, line, reason);
  }
  if (field.empty()) return fmt::format("{}:{}: record '{}': {}", file, line, value, reason);
  return fmt::format("{}:{}: field '{}' = '{}': {}", file, line, field, value, reason);
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
