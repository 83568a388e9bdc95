#include "indices/service_index_html.hpp"

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

std::string label(std::string_view key, Language l) {
  return std::string(message(key, l));
}

void ranking(HtmlPage& page, const ServiceIndexMethodology& m, std::span<const UnitScore> units,
             Language l) {
  std::map<std::string, std::vector<const UnitScore*>> levels;  // by level, ranked
  for (const UnitScore& u : units) {
    if (u.complete) levels[u.level].push_back(&u);
  }
  for (auto& [level, ranked] : levels) {
    if (ranked.size() < 2) continue;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const UnitScore* a, const UnitScore* b) { return a->rank < b->rank; });
    std::vector<Bar> bars;
    std::vector<std::vector<std::string>> rows;
    for (const UnitScore* u : ranked) {
      const double percent = m.total > 0 ? u->total_shown.to_double() * 100.0 / m.total : 0.0;
      bars.push_back({u->name.empty() ? u->unit : u->name, percent, u->total_shown.to_string(l)});
      rows.push_back(
          {std::to_string(u->rank), u->name, u->unit, u->total_shown.to_string(l), u->grade});
    }
    const std::string title = level.empty()
                                  ? label("html.chart.index_by_unit", l)
                                  : fmt::format("{} ({})", label("html.chart.index_by_unit", l),
                                                detail::level_name(level, l));
    page.figure(bar_chart(title, bars, "#2471a3", std::nullopt, ""),
                {{label("html.column.rank", l), true},
                 {label("html.column.unit", l), false},
                 {label("column.code", l), false},
                 {label("html.column.total", l), true},
                 {label("html.column.grade", l), false}},
                rows);
  }
}

/// Over the units that were given the item: an item a unit was not given cost it nothing.
void losses(HtmlPage& page, const ServiceIndexMethodology& m, std::span<const UnitScore> units,
            Language l) {
  std::vector<PointsLost> items;
  for (const UnitScore& u : units) {
    for (const ItemScore& i : u.items) {
      if (!i.given) continue;
      auto it = std::find_if(items.begin(), items.end(),
                             [&](const PointsLost& x) { return x.id == i.code; });
      if (it == items.end()) {
        const ServiceIndexItem* item = m.find_item(i.code);
        items.push_back({i.code, item != nullptr ? item->name : std::string(), 0,
                         i.lost_shown.decimals, 0, i.max_shown});
        it = items.end() - 1;
      }
      it->add(i.lost_shown);
      ++it->units;
    }
  }
  points_lost_chart(page, label("html.chart.points_lost", l), std::move(items),
                    uppercase_first(label("index766.column.item", l)), l);
}

void unit_detail(HtmlPage& page, const UnitScore& u, bool open, Language l) {
  const auto head = [&](std::string_view c) {
    return uppercase_first(label(fmt::format("index766.column.{}", c), l));
  };
  std::string summary = xml_escape(fmt::format("{} ({})", u.name, u.unit));
  if (u.complete) summary += xml_escape(fmt::format(" — {}", u.total_shown.to_string(l)));
  page.raw(fmt::format("<details{}><summary>{}</summary>\n", open ? " open" : "", summary));
  std::vector<std::vector<std::string>> groups;
  for (const GroupScore& g : u.groups) {
    groups.push_back({g.name.empty() ? g.code : g.name,
                      g.complete ? g.score_shown.to_string(l) : "–", g.max_shown.to_string(l),
                      g.complete ? g.lost_shown.to_string(l) : "–"});
  }
  page.table(
      {{head("group"), false}, {head("score"), true}, {head("max"), true}, {head("lost"), true}},
      groups, false);
  std::vector<std::vector<std::string>> items;
  for (const ItemScore& i : u.items) {
    if (!i.given) {
      items.push_back({i.code, label("index766.not_given", l), "", "", "", "", ""});
      continue;
    }
    items.push_back({i.code, format_count(static_cast<std::int64_t>(i.numerator), l),
                     format_count(static_cast<std::int64_t>(i.denominator), l),
                     i.ratio_percent ? i.ratio_percent->to_string(l) + "%"
                                     : std::string(message("value.none", l)),
                     i.score_shown.to_string(l), i.max_shown.to_string(l),
                     i.lost_shown.to_string(l)});
  }
  page.table({{head("item"), false},
              {head("numerator"), true},
              {head("denominator"), true},
              {head("ratio"), true},
              {head("score"), true},
              {head("max"), true},
              {head("lost"), true}},
             items, false);
  page.raw("</details>\n");
}

}  // namespace

std::string service_index_html(const ServiceIndexMethodology& m, std::span<const UnitScore> units,
                               Language l) {
  const std::string title =
      say("index766.title", l, fmt::arg("name", m.name), fmt::arg("version", m.version));
  HtmlPage page(title, l);
  page.heading(1, title);
  page.heading(2, label("html.charts", l));
  ranking(page, m, units, l);
  losses(page, m, units, l);
  page.heading(2, label("html.details", l));
  for (const UnitScore& u : units) unit_detail(page, u, units.size() == 1, l);
  return page.str();
}

}  // namespace parmetrics::detail
