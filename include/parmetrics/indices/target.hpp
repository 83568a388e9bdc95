#pragma once
// Directive targets (chỉ tiêu giao trong kết luận, chỉ đạo): what a review meeting asks of units —
// "the land office must reach an online rate not below the province average in September",
// "every commune must have online dossiers", "apologise for every late dossier" — as a CSV file
// (docs/targets.md) that `check_targets` (target_check.hpp) marks met or not met.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

/// A closed range of days with the label it was written as ("2023-09", "2023-Q3", "2023",
/// "2023-09-01..2023-09-30").
struct TargetPeriod {
  DayNumber from = 0;
  DayNumber to = 0;
  std::string label;

  /// Parses one of the forms above; nullopt when malformed or outside 1900–2199.
  PARMETRICS_API static std::optional<TargetPeriod> parse(std::string_view text);
  friend bool operator==(const TargetPeriod& a, const TargetPeriod& b) noexcept {
    return a.from == b.from && a.to == b.to;
  }
};

enum class TargetComparison : unsigned char {
  at_least,  ///< ">=" or "≥"
  at_most,   ///< "<=" or "≤"
  equal,     ///< "="
  above,     ///< ">"
  below,     ///< "<"
};

/// What the unit's value is compared with.
enum class TargetReference : unsigned char {
  number,    ///< a fixed number (a percentage for a rate)
  parent,    ///< the same metric of the unit's parent
  province,  ///< the same metric of the province (see docs/targets.md)
};

enum class TargetStatus : unsigned char { met, not_met, not_applicable };

PARMETRICS_API std::string_view to_string(TargetComparison c) noexcept;
PARMETRICS_API std::string_view to_string(TargetReference r) noexcept;
PARMETRICS_API std::string_view to_string(TargetStatus s) noexcept;

struct Target {
  std::string id;     ///< as written, else "line N"
  std::string unit;   ///< one unit's code …
  std::string level;  ///< … or every unit of a level ("*": every unit)
  std::string metric;
  TargetComparison comparison = TargetComparison::at_least;
  TargetReference reference = TargetReference::number;
  double value = 0;  ///< the number when reference is number
  /// The period the metric is measured over; nullopt = the period of the run.
  std::optional<TargetPeriod> period;
  /// The status when the unit's rate is empty (0/0: no late dossier to apologise for).
  TargetStatus when_empty = TargetStatus::not_applicable;
  std::string text;  ///< the directive as worded, for the listing
  std::uint64_t line = 0;
};

class PARMETRICS_API TargetList {
 public:
  /// Reads CSV with columns `id` (optional), `unit` or `level` (one of them per row), `metric`,
  /// `comparison`, `value` (a number, `parent` or `province`), `period` (optional), `when_empty`
  /// (optional: met, not_met, n/a) and `text` (optional). Throws DataError(origin, line, field,
  /// reason) on anything malformed. Metric names and units are checked by check_targets.
  static TargetList parse_csv(std::string_view text, std::string_view origin);
  static TargetList load_csv(const std::filesystem::path& file);

  const std::string& origin() const noexcept { return origin_; }
  const std::vector<Target>& targets() const noexcept { return targets_; }

 private:
  std::string origin_;
  std::vector<Target> targets_;
};

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, TargetComparison value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, TargetReference value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, TargetStatus value);

}  // namespace parmetrics
