#pragma once
// Scoring the QĐ 766 real-time service index (Bộ chỉ số phục vụ người dân, doanh nghiệp) from the
// counts of each item: every item's numerator, denominator, ratio, score and maximum, the group
// scores, the total of 100, the rank among units of the same level, and the points lost per item
// — the list a director reads to know where to act.
//
// The scoring is the scorecard engine's (indices/scorecard/engine.hpp): the methodology converts
// with to_scorecard(), each item's counts are the rate of the metric named by the item's code.
// Arithmetic is exact: scores are fractions of the integer counts and the methodology's decimal
// maxima and thresholds, rounded once for display, half away from zero (a score of exactly 1.005
// shows 1.01). Group scores and totals add the item scores by the methodology's totals rule.
//
// Thread-safety: score_units() is safe to call concurrently on const inputs; results are values.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>

namespace parmetrics {

/// One item's counts: numerator <= denominator.
struct ItemCounts {
  std::uint64_t numerator = 0;
  std::uint64_t denominator = 0;
  friend bool operator==(const ItemCounts&, const ItemCounts&) = default;
};

/// The largest count accepted (keeps the exact arithmetic inside 128 bits).
inline constexpr std::uint64_t kMaxItemCount = 1'000'000'000'000;

/// A unit's counts, one entry per item code of the methodology.
struct UnitCounts {
  std::string unit;   ///< the unit's code
  std::string name;   ///< UTF-8
  std::string level;  ///< units are ranked among those of the same level ("" is a level too)
  std::map<std::string, ItemCounts, std::less<>> items;
};

/// A value rounded for display: scaled / 10^decimals (17.50 = {1750, 2}).
using DisplayValue = scorecard::Shown;

struct ItemScore {
  std::string code;
  std::string group;  ///< the group's code
  /// False when the unit's counts do not give this item (a province often knows only some
  /// groups): the other fields are then empty, and its group has no score.
  bool given = true;
  std::uint64_t numerator = 0;
  std::uint64_t denominator = 0;
  /// numerator / denominator; nullopt when the denominator is zero.
  std::optional<double> ratio;
  /// The ratio in percent, rounded; nullopt when the denominator is zero.
  std::optional<DisplayValue> ratio_percent;
  /// True when the score came from the zero-denominator rule.
  bool by_zero_denominator = false;
  double score = 0;  ///< unrounded
  double max = 0;
  double lost = 0;  ///< max - score, unrounded
  DisplayValue score_shown, max_shown, lost_shown;
};

struct GroupScore {
  std::string code;
  std::string name;
  /// False when some item of the group is not given: the group has no score (empty in CSV,
  /// null in JSON, "–" in the table).
  bool complete = true;
  double score = 0;  ///< the sum of the unrounded item scores
  double max = 0;
  DisplayValue score_shown, max_shown, lost_shown;
};

struct UnitScore {
  std::string unit, name, level;
  std::vector<ItemScore> items;    ///< in the methodology's order
  std::vector<GroupScore> groups;  ///< in the methodology's order
  /// The sum of the item scores by the methodology's totals rule: the exact scores by default,
  /// the shown ones under TotalsRule::rounded_items (the portal profile).
  double total = 0;
  DisplayValue total_shown;
  /// Rank among the units of the same level by the shown total, 1 = best; ties share a rank and
  /// the next rank skips ("1224" standard competition ranking). 0 before ranking.
  std::size_t rank = 0;
  std::size_t ranked = 0;  ///< units of the same level
  /// The grade band of the shown total; empty when the methodology has none.
  std::string grade;
  /// False when some group has no score: then there is no total, no grade and no rank (units
  /// are ranked among those of their level with a total).
  bool complete = true;
  /// Indices into `items` of the items that lost points, the largest loss first (ties in the
  /// methodology's order).
  std::vector<std::size_t> losses;
};

/// Scores one unit (rank left at 0). Items the counts do not give leave their group, and so the
/// total, without a score (`complete`). Throws DataError (location "unit 'CODE'") when the counts
/// name an item the methodology lacks, or have numerator > denominator or a count above
/// kMaxItemCount.
PARMETRICS_API UnitScore score_unit(const ServiceIndexMethodology& methodology,
                                    const UnitCounts& counts);

/// Ranks units among those of the same level, by shown total.
PARMETRICS_API void rank_units(std::span<UnitScore> units);

/// Scores and ranks units; throws DataError on a duplicate unit code.
PARMETRICS_API std::vector<UnitScore> score_units(const ServiceIndexMethodology& methodology,
                                                  std::span<const UnitCounts> counts);

/// The item counts as metrics of the one metric table: each item code a rate (source "qd766
/// counts") of every unit that gives it, so that any scorecard methodology may score them.
/// Throws DataError (location "unit 'CODE'") as score_unit does for bad counts.
PARMETRICS_API void add_service_index_metrics(MetricTable& table,
                                              const ServiceIndexMethodology& methodology,
                                              std::span<const UnitCounts> counts);

}  // namespace parmetrics
