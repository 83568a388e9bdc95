#pragma once
// The "points lost on average" chart of the scorecard pages (index766, score, par): one rule for
// both, in exact arithmetic on the shown scale, so that the page agrees with the tables to the
// last digit.

#include <optional>
#include <string>
#include <vector>

#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/text/language.hpp>

#include "html/page.hpp"

namespace parmetrics::detail {

/// What one item or criterion cost, summed over the units it counts for.
struct PointsLost {
  std::string id;
  std::string name;
  std::int64_t scaled = 0;  ///< the shown losses summed, on the scale of `decimals`
  int decimals = 2;
  std::int64_t units = 0;               ///< the average's denominator
  std::optional<scorecard::Shown> max;  ///< the item's maximum, shown in its own column

  void add(const scorecard::Shown& lost) {
    scaled += lost.scaled;
    decimals = lost.decimals;
  }
  /// The sum over `units`, rounded half up on the shown scale (losses are never negative).
  scorecard::Shown average() const {
    return {units > 0 ? (scaled + units / 2) / units : 0, decimals};
  }
};

/// The chart and its table: the twenty that cost most on average, most first (ties in the
/// order given), bars as a share of the first.
void points_lost_chart(HtmlPage& page, const std::string& title, std::vector<PointsLost> items,
                       const std::string& id_column, Language language);

}  // namespace parmetrics::detail
