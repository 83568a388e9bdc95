#include <parmetrics/error.hpp>
#include <parmetrics/indices/service_index_output.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "indices/scorecard/exact.hpp"
#include "indices/service_index_html.hpp"
#include "text/say.hpp"

namespace parmetrics {

namespace {

using ordered_json = nlohmann::ordered_json;

std::string csv(const ServiceIndexMethodology& m, std::span<const UnitScore> units) {
  std::string out = "unit";
  for (const auto& g : m.groups) {
    out += ',';
    out += g.code;
  }
  out += ",total,rank,ranked,level,grade,name";
  for (const auto& g : m.groups) {
    for (const auto& i : g.items) {
      out += ',';
      out += i.code;
    }
  }
  out += "\n";
  for (const UnitScore& u : units) {
    out += csv_field(u.unit);
    for (const auto& g : u.groups) {
      out += ',';
      if (g.complete) out += g.score_shown.to_string();  // else empty: no score
    }
    if (u.complete) {
      out += fmt::format(",{},{},{}", u.total_shown.to_string(), u.rank, u.ranked);
    } else {
      out += ",,,";
    }
    out += fmt::format(",{},{},{}", csv_field(u.level), csv_field(u.grade), csv_field(u.name));
    for (const auto& i : u.items) {
      out += ',';
      if (i.given) out += i.score_shown.to_string();
    }
    out += "\n";
  }
  return out;
}

std::string json_text(const ServiceIndexMethodology& m, std::span<const UnitScore> units) {
  ordered_json doc;
  doc["methodology"] = {{"name", m.name}, {"version", m.version}, {"decimals", m.decimals}};
  ordered_json list = ordered_json::array();
  for (const UnitScore& u : units) {
    ordered_json unit;
    unit["unit"] = u.unit;
    unit["name"] = u.name;
    unit["level"] = u.level;
    const ordered_json none(nullptr);
    unit["total"] = u.complete ? ordered_json(u.total_shown.to_double()) : none;
    unit["max"] = m.total;
    unit["rank"] = u.complete ? ordered_json(u.rank) : none;
    unit["ranked"] = u.complete ? ordered_json(u.ranked) : none;
    unit["grade"] = u.grade.empty() ? ordered_json(nullptr) : ordered_json(u.grade);
    ordered_json groups = ordered_json::array();
    for (const auto& g : u.groups) {
      groups.push_back({{"code", g.code},
                        {"name", g.name},
                        {"score", g.complete ? ordered_json(g.score_shown.to_double()) : none},
                        {"max", g.max_shown.to_double()},
                        {"lost", g.complete ? ordered_json(g.lost_shown.to_double()) : none}});
    }
    unit["groups"] = std::move(groups);
    ordered_json items = ordered_json::array();
    for (const auto& i : u.items) {
      if (!i.given) {
        items.push_back({{"code", i.code}, {"group", i.group}, {"given", false}});
        continue;
      }
      items.push_back(
          {{"code", i.code},
           {"group", i.group},
           {"numerator", i.numerator},
           {"denominator", i.denominator},
           {"ratio_percent",
            i.ratio_percent ? ordered_json(i.ratio_percent->to_double()) : ordered_json(nullptr)},
           {"zero_denominator", i.by_zero_denominator},
           {"score", i.score_shown.to_double()},
           {"max", i.max_shown.to_double()},
           {"lost", i.lost_shown.to_double()}});
    }
    unit["items"] = std::move(items);
    ordered_json losses = ordered_json::array();
    for (std::size_t k : u.losses) {
      losses.push_back({{"code", u.items[k].code}, {"lost", u.items[k].lost_shown.to_double()}});
    }
    unit["losses"] = std::move(losses);
    list.push_back(std::move(unit));
  }
  doc["units"] = std::move(list);
  return doc.dump(2) + "\n";
}

std::string table(const ServiceIndexMethodology& m, std::span<const UnitScore> units, Language l) {
  const auto say = [&](std::string_view key, auto&&... args) {
    return detail::say(key, l, std::forward<decltype(args)>(args)...);
  };
  const auto head = [&](std::string_view column) {
    return std::string(message(fmt::format("index766.column.{}", column), l));
  };
  const auto shown = [&](const DisplayValue& v) { return v.to_string(l); };
  // Counts grouped in Vietnamese ("475.053"); in English as they always were ("475053").
  const auto count = [&](std::uint64_t n) {
    return l == Language::vi ? format_count(static_cast<std::int64_t>(n), l) : std::to_string(n);
  };
  std::string out = say("index766.title", fmt::arg("name", m.name), fmt::arg("version", m.version));
  out += '\n';
  const std::string max_total = fmt::format("{}", m.total);  // shortest form: "100"
  for (const UnitScore& u : units) {
    out += fmt::format(
        "\n{}  {}{}\n", u.unit, u.name,
        u.level.empty() ? std::string() : fmt::format(" ({})", detail::level_of_one(u.level, l)));
    if (u.complete) {
      out +=
          say("index766.total", fmt::arg("total", shown(u.total_shown)), fmt::arg("max", max_total),
              fmt::arg("rank", u.rank), fmt::arg("ranked", u.ranked));
      if (!u.grade.empty()) out += say("index766.grade", fmt::arg("grade", u.grade));
      out += '\n';
    } else {
      out += say("index766.incomplete", fmt::arg("max", max_total)) + '\n';
    }
    out += fmt::format("\n  {:<14} {:>8} {:>8} {:>8}\n", head("group"), head("score"), head("max"),
                       head("lost"));
    for (const auto& g : u.groups) {
      out += fmt::format("  {:<14} {:>8} {:>8} {:>8}\n", g.code,
                         g.complete ? shown(g.score_shown) : "–", shown(g.max_shown),
                         g.complete ? shown(g.lost_shown) : "–");
    }
    out += fmt::format("\n  {:<34} {:>11} {:>11} {:>9} {:>7} {:>7} {:>7}\n", head("item"),
                       head("numerator"), head("denominator"), head("ratio"), head("score"),
                       head("max"), head("lost"));
    for (const auto& i : u.items) {
      if (!i.given) {
        out += fmt::format("  {:<34} {:>11}\n", i.code, message("index766.not_given", l));
        continue;
      }
      const std::string ratio = i.ratio_percent ? shown(*i.ratio_percent) + "%" : "n/a";
      out += fmt::format("  {:<34} {:>11} {:>11} {:>9} {:>7} {:>7} {:>7}\n", i.code,
                         count(i.numerator), count(i.denominator), ratio, shown(i.score_shown),
                         shown(i.max_shown), shown(i.lost_shown));
    }
    if (u.losses.empty()) {
      out += fmt::format("\n  {}\n", message("index766.no_loss", l));
    } else {
      out += fmt::format("\n  {}\n", message("index766.losses", l));
      for (std::size_t k : u.losses) {
        const ItemScore& i = u.items[k];
        const ServiceIndexItem* item = m.find_item(i.code);
        out += fmt::format("  {:>7}  {:<34} {}\n", shown(i.lost_shown), i.code,
                           item != nullptr ? item->name : std::string());
      }
    }
  }
  return out;
}

struct DrillRow {
  const ProcedureCounts* procedure;
  std::size_t item;  // index in the methodology's item order
  std::string code;
  ItemCounts counts;
  std::uint64_t missed() const { return counts.denominator - counts.numerator; }
};

/// The percent as its text shows it (from_chars: no locale, no exception).
double number_of(const std::string& text) {
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

std::string percent(const ItemCounts& c, int decimals) {
  if (c.denominator == 0) return {};
  const detail::Fraction f = detail::reduced(
      {static_cast<detail::Int128>(c.numerator) * 100, static_cast<detail::Int128>(c.denominator)});
  return detail::format_scaled(detail::round_scaled(f, decimals), decimals);
}

}  // namespace

std::string format_service_index_drilldown(const ServiceIndexMethodology& m,
                                           std::span<const ProcedureCounts> procedures,
                                           ServiceIndexFormat format) {
  if (format == ServiceIndexFormat::html)
    throw ArgumentError("format_service_index_drilldown",
                        "html is for units (format_service_index), not the drill-down");
  std::vector<std::string> codes;
  for (const auto& g : m.groups) {
    for (const auto& i : g.items) codes.push_back(i.code);
  }
  // Rows with something to count, by unit (as given), item, most missed first, procedure.
  std::vector<DrillRow> rows;
  std::vector<std::size_t> unit_rank;
  std::size_t rank = 0;
  for (std::size_t p = 0; p < procedures.size(); ++p) {
    if (p > 0 && procedures[p].unit != procedures[p - 1].unit) ++rank;
    for (std::size_t k = 0; k < codes.size(); ++k) {
      const auto it = procedures[p].items.find(codes[k]);
      if (it == procedures[p].items.end() || it->second.denominator == 0) continue;
      rows.push_back({&procedures[p], k, codes[k], it->second});
      unit_rank.push_back(rank);
    }
  }
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (unit_rank[a] != unit_rank[b]) return unit_rank[a] < unit_rank[b];
    if (rows[a].item != rows[b].item) return rows[a].item < rows[b].item;
    return rows[a].missed() > rows[b].missed();
  });
  const int d = m.decimals;
  std::string out;
  if (format == ServiceIndexFormat::csv) {
    out = "unit,procedure,item,numerator,denominator,ratio,missed,name\n";
    for (std::size_t i : order) {
      const DrillRow& r = rows[i];
      out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_field(r.procedure->unit),
                         csv_field(r.procedure->procedure), r.code, r.counts.numerator,
                         r.counts.denominator, percent(r.counts, d), r.missed(),
                         csv_field(r.procedure->name));
    }
    return out;
  }
  if (format == ServiceIndexFormat::json) {
    ordered_json list = ordered_json::array();
    for (std::size_t i : order) {
      const DrillRow& r = rows[i];
      const std::string ratio = percent(r.counts, d);
      list.push_back({{"unit", r.procedure->unit},
                      {"procedure", r.procedure->procedure},
                      {"name", r.procedure->name},
                      {"item", r.code},
                      {"numerator", r.counts.numerator},
                      {"denominator", r.counts.denominator},
                      {"ratio_percent", number_of(ratio)},
                      {"missed", r.missed()}});
    }
    ordered_json doc;
    doc["by_procedure"] = std::move(list);
    return doc.dump(2) + "\n";
  }
  out = "Service index (QĐ 766) by procedure: where the dossier-based items lose points\n";
  const std::string* unit = nullptr;
  std::size_t item = codes.size();
  for (std::size_t i : order) {
    const DrillRow& r = rows[i];
    if (r.missed() == 0) continue;  // the table lists only what cost points
    if (unit == nullptr || *unit != r.procedure->unit) {
      unit = &r.procedure->unit;
      item = codes.size();
      out += fmt::format("\n{}\n", *unit);
    }
    if (item != r.item) {
      item = r.item;
      out += fmt::format("  {}\n", r.code);
    }
    out += fmt::format("    {:<16} {:>8} of {:<8} {:>7}%  missed {:<8} {}\n",
                       r.procedure->procedure.empty() ? "(no procedure)" : r.procedure->procedure,
                       r.counts.numerator, r.counts.denominator, percent(r.counts, d), r.missed(),
                       r.procedure->name);
  }
  return out;
}

std::string format_service_index(const ServiceIndexMethodology& methodology,
                                 std::span<const UnitScore> units, ServiceIndexFormat format,
                                 Language language) {
  switch (format) {
    case ServiceIndexFormat::csv:
      return csv(methodology, units);
    case ServiceIndexFormat::json:
      return json_text(methodology, units);
    case ServiceIndexFormat::html:
      return detail::service_index_html(methodology, units, language);
    case ServiceIndexFormat::table:
      break;
  }
  return table(methodology, units, language);
}

}  // namespace parmetrics
