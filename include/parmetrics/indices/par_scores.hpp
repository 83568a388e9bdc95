#pragma once
// Appraised points of PAR INDEX criteria with a manual rule (điểm thẩm định): CSV
// `unit,criterion,points,note`.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <parmetrics/export.hpp>

namespace parmetrics {

struct ParScore {
  std::string unit;
  std::string criterion;
  /// nullopt when the file says "n/a": the criterion does not apply to this unit.
  std::optional<double> points;
  std::string note;
  std::uint64_t line = 0;  ///< where it was read, for messages (0 when added in code)
};

class PARMETRICS_API ParScores {
 public:
  ParScores() = default;
  explicit ParScores(std::string origin) : origin_(std::move(origin)) {}

  /// Reads CSV `unit,criterion,points,note` (note optional; columns in any order). Points are a
  /// decimal number (negative for a deduction) or "n/a". Throws DataError(origin, line, field,
  /// reason) on a missing column, an empty unit or criterion, a malformed number, or a second
  /// row for the same unit and criterion. Whether the criterion exists, is manual and the points
  /// fit its range is checked when scoring, against the methodology.
  static ParScores parse_csv(std::string_view text, std::string_view origin);
  static ParScores load_csv(const std::filesystem::path& file);

  /// Adds a score; throws std::invalid_argument on a second score for the same unit/criterion.
  void add(ParScore score);

  const ParScore* find(std::string_view unit, std::string_view criterion) const;
  const std::vector<ParScore>& all() const noexcept { return scores_; }
  const std::string& origin() const noexcept { return origin_; }
  bool empty() const noexcept { return scores_.empty(); }

 private:
  std::string origin_;
  std::vector<ParScore> scores_;
  std::unordered_map<std::string, std::size_t> index_;  // "unit\x1fcriterion" → position
};

}  // namespace parmetrics
