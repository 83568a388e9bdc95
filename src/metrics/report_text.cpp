#include "metrics/report_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/metrics/comparison.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include "text/layout.hpp"
#include "text/say.hpp"

namespace parmetrics {

std::vector<std::string> default_report_columns() {
  return {"in_scope",    "online",  "early",     "on_time",     "late",
          "within_time", "overdue", "late_rate", "online_rate", "apology_missing"};
}

bool is_report_column(std::string_view name) noexcept {
  if (find_rate(name)) return true;
  const auto fields = count_fields();
  return std::any_of(fields.begin(), fields.end(),
                     [&](const CountField& f) { return f.name == name; });
}

}  // namespace parmetrics

namespace parmetrics::detail {

namespace {

using fmt::arg;


std::string hours(std::optional<std::uint64_t> centihours, Language l) {
  return centihours ? format_hundredths(static_cast<std::int64_t>(*centihours), l)
                    : std::string(message("value.none", l));
}

std::string key_label(const Report& r, const std::string& key, Language l) {
  switch (r.options.by) {
    case GroupBy::month:
      if (l == Language::vi && key.size() == 7)
        return fmt::format("{}/{}", key.substr(5), key.substr(0, 4));
      return key;
    case GroupBy::quarter:
      if (l == Language::vi && key.size() == 7) {
        return fmt::format("Quý {}/{}", key.substr(6), key.substr(0, 4));
      }
      return key;
    case GroupBy::channel:
      return std::string(message("channel." + key, l));
    case GroupBy::level:
      return level_name(key, l);
    default:
      return key;
  }
}

/// A rate's label inside a sentence ("tỷ lệ trực tuyến", "online rate").
std::string rate_in_sentence(RateId id, Language l) {
  return lowercase_first(message(fmt::format("rate.{}", rate_info(id).name), l));
}

std::string listed(const std::vector<std::string>& items, Language l) {
  if (items.empty()) return std::string(message("report.none", l));
  std::string out;
  for (const std::string& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out;
}

}  // namespace

std::optional<std::uint64_t> centihours(std::uint64_t total_minutes, std::uint64_t den) {
  if (den == 0) return std::nullopt;
  return (total_minutes * 200 + 60 * den) / (120 * den);
}

std::optional<std::uint64_t> quantile_centihours(const std::optional<std::int64_t>& minutes) {
  if (!minutes) return std::nullopt;
  return centihours(static_cast<std::uint64_t>(*minutes), 1);
}

std::uint64_t count_of(const MetricCounts& c, std::string_view name) {
  for (const CountField& f : count_fields()) {
    if (f.name == name) return c.*f.member;
  }
  return 0;
}

std::vector<std::pair<DayNumber, const ReportRow*>> period_months(const Report& monthly,
                                                                  const ReportPeriod& period) {
  const CivilDate from = civil_from_days(period.from);
  const DayNumber first = days_from_civil(from.year, from.month, 1);
  std::vector<std::pair<DayNumber, const ReportRow*>> out;
  for (const ReportRow& row : monthly.rows) {
    const auto day = parse_iso_date(row.key + "-01");
    if (day && *day >= first && *day <= period.to) out.emplace_back(*day, &row);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::string month_text(DayNumber first_day, Language l) {
  const CivilDate c = civil_from_days(first_day);
  return l == Language::vi ? fmt::format("{:02}/{}", c.month, c.year)
                           : fmt::format("{}-{:02}", c.year, c.month);
}

std::vector<std::string> report_columns(const ReportFormatOptions& o) {
  return o.columns.empty() ? default_report_columns() : o.columns;
}

std::string column_label(std::string_view column, Language l) {
  const bool is_rate = find_rate(column).has_value();
  return std::string(message(fmt::format("{}.{}", is_rate ? "rate" : "count", column), l));
}

std::string rate_text(const Rate& r, Language l) {
  const auto h = r.hundredths();
  return h ? format_hundredths(*h, l) : std::string(message("value.none", l));
}

std::string column_cell(const MetricCounts& c, std::string_view column, Language l) {
  if (const auto r = find_rate(column)) return rate_text(rate(c, *r), l);
  return format_count(static_cast<std::int64_t>(count_of(c, column)), l);
}

std::string group_label(const Report& r, const ReportRow& row, Language l, bool indent) {
  if (&row == &r.total) return std::string(message("row.total", l));
  if (r.options.by == GroupBy::unit) {
    const std::string name = row.name.empty() ? row.key : short_name(row.name);
    return indent ? std::string(static_cast<std::size_t>(row.depth) * 2, ' ') + name : name;
  }
  if (r.options.by == GroupBy::procedure && !row.name.empty()) return row.name;
  return key_label(r, row.key, l);
}

std::string named_code(const ReportRow& row) {
  if (row.name.empty()) return row.key;
  return fmt::format("{} ({})", spoken_name(row.name), row.key);
}

bool has_codes(const Report& r) {
  return r.options.by == GroupBy::unit || r.options.by == GroupBy::procedure;
}

std::string report_title(const Report& r, Language l) {
  const ReportPeriod& p = r.options.period;
  std::string by = say(
      "report.by", l,
      arg("group", lowercase_first(message(fmt::format("group.{}", to_string(r.options.by)), l))));
  if (r.options.by == GroupBy::unit) {
    by += fmt::format(" ({})", message(r.options.roll_up ? "report.rolled_up" : "report.own", l));
    if (r.options.hierarchy_as_of) {
      by +=
          ", " + say("report.successors", l, arg("day", format_day(*r.options.hierarchy_as_of, l)));
    }
  }
  return fmt::format("{}, {}",
                     say("report.title", l, arg("from", format_day(p.from, l)),
                         arg("to", format_day(p.to, l)), arg("as_of", format_instant(p.as_of, l))),
                     by);
}

std::string processing_line(const Report& r, Language l) {
  const ProcessingTime& p = r.total.processing;
  return say("report.processing", l,
             arg("count", format_count(static_cast<std::int64_t>(p.count), l)),
             arg("mean", hours(centihours(p.total_minutes, p.count), l)),
             arg("median", hours(quantile_centihours(p.median_minutes), l)),
             arg("p90", hours(quantile_centihours(p.p90_minutes), l)));
}

std::string rates_note(Language l) {
  return std::string(message("report.rates_note", l));
}

namespace {

// The units nothing carries on the as-of date, whose dossiers have rows of their own.
std::optional<std::string> no_carrier_line(const Report& r, Language l) {
  std::vector<std::string> lost;
  for (const ReportRow& row : r.rows) {
    if (row.no_carrier) lost.push_back(named_code(row));
  }
  if (lost.empty() || !r.options.hierarchy_as_of) return std::nullopt;
  return say("report.no_carrier", l, arg("day", format_day(*r.options.hierarchy_as_of, l)),
             arg("units", listed(lost, l)));
}

}  // namespace

std::vector<std::string> comparison_lines(const Report& r, const ReportFormatOptions& o) {
  std::vector<std::string> lines;
  if (r.options.by != GroupBy::unit) return lines;
  const Language l = o.language;
  if (auto line = no_carrier_line(r, l)) lines.push_back(std::move(*line));
  const std::string rate_name = rate_in_sentence(o.compare, l);
  std::map<std::size_t, std::vector<std::string>> below_root;  // by root row
  std::vector<std::string> below_parent;
  for (const UnitComparison& c : compare_units(r, o.compare)) {
    const ReportRow& row = r.rows[c.row];
    if (c.vs_root && *c.vs_root < 0) {
      below_root[*row.root_row].push_back(
          fmt::format("{} {}", named_code(row), rate_text(c.own, l)));
    }
    if (c.vs_parent && *c.vs_parent < 0) {
      const ReportRow& parent = r.rows[*row.parent_row];
      below_parent.push_back(fmt::format(
          "{} {} ({})", named_code(row), rate_text(c.own, l),
          say("report.parent", l,
              arg("parent", spoken_name(parent.name.empty() ? parent.key : parent.name)),
              arg("parent_rate", rate_text(c.parent, l)))));
    }
  }
  // A root alone (units registered from dossiers have no hierarchy) is compared with nothing.
  std::vector<bool> has_children(r.rows.size(), false);
  for (const ReportRow& x : r.rows) {
    if (x.parent_row) has_children[*x.parent_row] = true;
  }
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const ReportRow& top = r.rows[i];
    if (top.depth != 0 || !has_children[i]) continue;
    const auto units = below_root.find(i);
    lines.push_back(say(
        "report.below_root", l, arg("rate", rate_name),
        arg("root", spoken_name(top.name.empty() ? top.key : top.name)),
        arg("root_rate", rate_text(rate(top.subtree, o.compare), l)),
        arg("units",
            listed(units == below_root.end() ? std::vector<std::string>{} : units->second, l))));
  }
  lines.push_back(
      say("report.below_parent", l, arg("rate", rate_name), arg("units", listed(below_parent, l))));
  std::vector<std::string> zero;
  for (std::size_t i : units_without_online(r)) zero.push_back(named_code(r.rows[i]));
  lines.push_back(say("report.without_online", l, arg("units", listed(zero, l))));
  if (o.top == 0) return lines;
  const auto level = most_common_level(r);
  const RankedEnds ends = rank_ends(r, o.rank, o.top, level);
  const auto listed_rates = [&](const std::vector<std::size_t>& rows) {
    std::vector<std::string> items;
    for (std::size_t i : rows) {
      items.push_back(fmt::format("{} {}", named_code(r.rows[i]),
                                  rate_text(rate(r.rows[i].counts, o.rank), l)));
    }
    return listed(items, l);
  };
  const std::string level_text = level ? level_name(*level, l) : std::string();
  lines.push_back(say("report.highest", l, arg("rate", rate_in_sentence(o.rank, l)),
                      arg("level", level_text), arg("units", listed_rates(ends.highest))));
  lines.push_back(say("report.lowest", l, arg("rate", rate_in_sentence(o.rank, l)),
                      arg("level", level_text), arg("units", listed_rates(ends.lowest))));
  return lines;
}

ReportTable report_table(const Report& r, const ReportFormatOptions& o) {
  const Language l = o.language;
  const std::vector<std::string> columns = report_columns(o);
  ReportTable t;
  t.columns.push_back(
      {std::string(message(fmt::format("group.{}", to_string(r.options.by)), l)), false, true});
  const bool codes = has_codes(r);
  if (codes) t.columns.push_back({std::string(message("column.code", l)), false, false});
  for (const std::string& c : columns) t.columns.push_back({column_label(c, l), true, false});
  const auto add = [&](const ReportRow& row) {
    std::vector<std::string> cells{group_label(r, row, l, true)};
    if (codes) cells.push_back(&row == &r.total ? std::string() : row.key);
    for (const std::string& c : columns) cells.push_back(column_cell(row.counts, c, l));
    t.rows.push_back(std::move(cells));
  };
  for (const ReportRow& row : r.rows) add(row);
  add(r.total);
  return t;
}

std::vector<RateId> compared_rates(const ReportFormatOptions& o) {
  std::vector<RateId> rates;
  for (const std::string& c : report_columns(o)) {
    if (const auto id = find_rate(c)) rates.push_back(*id);
  }
  if (rates.empty()) rates = {RateId::late_rate, RateId::online_rate};
  return rates;
}

EarlierRows::EarlierRows(const Report& previous) : previous_(previous) {
  for (const ReportRow& p : previous.rows) rows_.emplace(p.key, &p);
}

const ReportRow* EarlierRows::find(const Report& now, const ReportRow& row) const {
  if (&row == &now.total) return &previous_.total;
  const auto it = rows_.find(row.key);
  return it == rows_.end() ? nullptr : it->second;
}

ReportTable compare_table(const Report& r, const Report& previous, const ReportFormatOptions& o) {
  const Language l = o.language;
  ReportTable t;
  t.columns.push_back(
      {std::string(message(fmt::format("group.{}", to_string(r.options.by)), l)), false, true});
  const bool codes = has_codes(r);
  if (codes) t.columns.push_back({std::string(message("column.code", l)), false, false});
  const std::vector<RateId> rates = compared_rates(o);
  const EarlierRows earlier(previous);
  for (const RateId id : rates) {
    const std::string label = column_label(rate_info(id).name, l);
    for (const char* part : {"report.then", "report.now", "report.change"}) {
      t.columns.push_back(
          {fmt::format("{} {}", label, lowercase_first(message(part, l))), true, false});
    }
  }
  const auto add = [&](const ReportRow& row) {
    std::vector<std::string> cells{group_label(r, row, l, true)};
    if (codes) cells.push_back(&row == &r.total ? std::string() : row.key);
    const ReportRow* then = earlier.find(r, row);
    for (const RateId id : rates) {
      const Rate now = rate(row.counts, id);
      const Rate before = then ? rate(then->counts, id) : Rate{};
      const auto change = change_hundredths(before, now);
      cells.push_back(rate_text(before, l));
      cells.push_back(rate_text(now, l));
      std::string text =
          change ? format_hundredths(*change, l) : std::string(message("value.none", l));
      if (change && *change > 0) text.insert(0, 1, '+');
      cells.push_back(std::move(text));
    }
    t.rows.push_back(std::move(cells));
  };
  for (const ReportRow& row : r.rows) add(row);
  add(r.total);
  return t;
}

}  // namespace parmetrics::detail
