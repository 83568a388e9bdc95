#pragma once
// Appraised points (điểm thẩm định) of scorecard criteria with a manual rule: the points an
// appraisal council gives each unit, read from CSV `unit,criterion,points,note`.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <parmetrics/export.hpp>

namespace parmetrics::scorecard {

/// One unit's appraised points on one criterion.
struct Appraisal {
  std::string unit;
  std::string criterion;
  /// nullopt when the file says "n/a": the criterion does not apply to this unit.
  std::optional<double> points;
  std::string note;
  std::uint64_t line = 0;  ///< where it was read, for messages (0 when added in code)
};

/// The appraised points of a set of units (bảng điểm thẩm định).
class PARMETRICS_API Appraisals {
 public:
  Appraisals() = default;
  explicit Appraisals(std::string origin) : origin_(std::move(origin)) {}

  /// Reads CSV `unit,criterion,points,note` (note optional; columns in any order). Points are a
  /// decimal number (negative for a deduction) or "n/a". Throws DataError(origin, line, field,
  /// reason) on a missing column, an empty unit or criterion, a malformed number, or a second
  /// row for the same unit and criterion. Whether the criterion exists, is manual and the points
  /// fit its range is checked when scoring, against the methodology.
  static Appraisals parse_csv(std::string_view text, std::string_view origin);
  static Appraisals load_csv(const std::filesystem::path& file);

  /// Adds an appraisal; throws ArgumentError on a second one for the same
  /// unit/criterion.
  void add(Appraisal appraisal);

  const Appraisal* find(std::string_view unit, std::string_view criterion) const;
  const std::vector<Appraisal>& all() const noexcept { return appraisals_; }
  const std::string& origin() const noexcept { return origin_; }
  bool empty() const noexcept { return appraisals_.empty(); }

 private:
  std::string origin_;
  std::vector<Appraisal> appraisals_;
  std::unordered_map<std::string, std::size_t> index_;  // "unit\x1fcriterion" → position
};

}  // namespace parmetrics::scorecard
