#include "indices/scorecard/output_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include "html/page.hpp"
#include "html/points_lost.hpp"
#include "html/svg.hpp"
#include "text/say.hpp"

namespace parmetrics::detail {

namespace {

using namespace scorecard;

std::string label(std::string_view key, Language l) {
  return std::string(message(key, l));
}

std::string column(std::string_view key, Language l) {
  return uppercase_first(label(fmt::format("scorecard.column.{}", key), l));
}

std::string index_of(const UnitResult& u, Language l) {
  return u.index ? u.index->to_string(l) : std::string(message("value.none", l));
}

/// An index as a share of its scale (0–100), for a bar.
double bar_of(const Methodology& m, const UnitResult& u) {
  if (!u.index) return 0;
  return m.index == IndexScale::fraction ? u.index->to_double() * 100.0 : u.index->to_double();
}

void rankings(HtmlPage& page, const Methodology& m, const Results& r, Language l) {
  std::map<std::string, std::vector<const UnitResult*>> levels;
  for (const UnitResult& u : r.units) {
    if (u.rank) levels[u.unit.level].push_back(&u);
  }
  for (auto& [level, units] : levels) {
    if (units.size() < 2) continue;
    std::stable_sort(units.begin(), units.end(),
                     [](const UnitResult* a, const UnitResult* b) { return *a->rank < *b->rank; });
    std::vector<Bar> bars;
    std::vector<std::vector<std::string>> rows;
    for (const UnitResult* u : units) {
      bars.push_back(
          {u->unit.name.empty() ? u->unit.code : u->unit.name, bar_of(m, *u), index_of(*u, l)});
      rows.push_back({std::to_string(*u->rank), u->unit.name, u->unit.code, index_of(*u, l),
                      fmt::format("{}/{}", u->points_shown.to_string(l), u->max_shown.to_string(l)),
                      u->grade});
    }
    const std::string title = level.empty()
                                  ? label("html.chart.scorecard_ranking", l)
                                  : fmt::format("{} ({})", label("html.chart.scorecard_ranking", l),
                                                level_name(level, l));
    page.figure(bar_chart(title, bars, "#2471a3", std::nullopt, ""),
                {{column("rank", l), true},
                 {column("unit", l), false},
                 {label("column.code", l), false},
                 {column("index", l), true},
                 {column("points", l), true},
                 {column("grade", l), false}},
                rows);
  }
}

/// Over every unit: a criterion a unit lost nothing on counts as zero for it.
void losses(HtmlPage& page, const Results& r, Language l) {
  std::vector<PointsLost> items;
  for (const UnitResult& u : r.units) {
    for (const Loss& loss : u.losses) {
      auto it = std::find_if(items.begin(), items.end(),
                             [&](const PointsLost& x) { return x.id == loss.id; });
      if (it == items.end()) {
        items.push_back({loss.id, loss.name, 0, loss.lost.decimals,
                         static_cast<std::int64_t>(r.units.size()), std::nullopt});
        it = items.end() - 1;
      }
      it->add(loss.lost);
    }
  }
  points_lost_chart(page, label("html.chart.scorecard_losses", l), std::move(items),
                    label("html.column.criterion", l), l);
}

void leaves(const CriterionResult& c, std::vector<std::vector<std::string>>& rows, Language l) {
  if (c.children.empty()) {
    const std::string points =
        c.outcome == Outcome::scored
            ? fmt::format("{}/{}", c.points_shown.to_string(l), c.max_shown.to_string(l))
        : c.outcome == Outcome::informational ? label("scorecard.not_scored", l)
                                              : std::string(message("value.none", l));
    rows.push_back(
        {c.id, c.unsure ? fmt::format("{} {}", c.name, message("scorecard.unsure", l)) : c.name,
         points, c.explanation});
  }
  for (const CriterionResult& child : c.children) leaves(child, rows, l);
}

}  // namespace

std::string scorecard_html(const Methodology& m, const Results& r, scorecard::Report report,
                           Language l) {
  const std::string title =
      say(report == scorecard::Report::par ? "scorecard.par_title" : "scorecard.title", l,
          fmt::arg("name", r.methodology), fmt::arg("version", r.version));
  HtmlPage page(title, l);
  page.heading(1, title);
  if (r.example) page.paragraph(label("scorecard.example", l), "meta");
  page.heading(2, label("html.charts", l));
  rankings(page, m, r, l);
  losses(page, r, l);
  page.heading(2, label("html.details", l));
  for (const UnitResult& u : r.units) {
    std::string summary = fmt::format("{} ({}) — {}", u.unit.name, u.unit.code, index_of(u, l));
    if (!u.grade.empty()) summary += ", " + u.grade;
    page.raw(fmt::format("<details{}><summary>{}</summary>\n", r.units.size() == 1 ? " open" : "",
                         xml_escape(summary)));
    std::vector<std::vector<std::string>> rows;
    for (const CriterionResult& c : u.criteria) leaves(c, rows, l);
    page.table({{label("html.column.criterion", l), false},
                {column("name", l), false},
                {label("html.column.points", l), true},
                {label("html.column.how", l), false}},
               rows, false);
    page.raw("</details>\n");
  }
  return page.str();
}

}  // namespace parmetrics::detail
