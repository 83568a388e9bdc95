#include "html/points_lost.hpp"

#include <algorithm>

#include <parmetrics/text/messages.hpp>

#include "html/svg.hpp"
#include "text/say.hpp"

namespace parmetrics::detail {

void points_lost_chart(HtmlPage& page, const std::string& title, std::vector<PointsLost> items,
                       const std::string& id_column, Language l) {
  std::erase_if(items, [](const PointsLost& x) { return x.units == 0; });
  if (items.empty()) return;
  // Averages with different decimals compare as values: on the finer scale of the two.
  const auto value = [](const scorecard::Shown& s, int to) {
    std::int64_t v = s.scaled;
    for (int d = s.decimals; d < to; ++d) v *= 10;
    return v;
  };
  int finest = 0;
  for (const PointsLost& x : items) finest = std::max(finest, x.decimals);
  std::stable_sort(items.begin(), items.end(), [&](const PointsLost& a, const PointsLost& b) {
    return value(a.average(), finest) > value(b.average(), finest);
  });
  if (items.size() > 20) items.resize(20);
  const bool with_max = std::any_of(items.begin(), items.end(),
                                    [](const PointsLost& x) { return x.max.has_value(); });
  const double first = static_cast<double>(value(items.front().average(), finest));
  std::vector<Bar> bars;
  std::vector<std::vector<std::string>> rows;
  for (const PointsLost& x : items) {
    const scorecard::Shown average = x.average();
    const std::string text = average.to_string(l);
    const std::string name = x.name.empty() ? x.id : x.name;
    bars.push_back({x.name.empty() ? x.id : x.id + " " + x.name,
                    first > 0 ? 100.0 * static_cast<double>(value(average, finest)) / first : 0.0,
                    text});
    rows.push_back({x.id, name, text});
    if (with_max) rows.back().push_back(x.max ? x.max->to_string(l) : std::string());
  }
  std::vector<TextColumn> columns{{id_column, false},
                                  {uppercase_first(message("column.name", l)), false},
                                  {std::string(message("html.column.lost", l)), true}};
  if (with_max) columns.push_back({uppercase_first(message("index766.column.max", l)), true});
  page.figure(bar_chart(title, bars, "#c0392b", std::nullopt, ""), columns, rows);
}

}  // namespace parmetrics::detail
