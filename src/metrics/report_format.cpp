#include <parmetrics/metrics/report_format.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/metrics/comparison.hpp>

#include "html/report_html.hpp"
#include "metrics/report_text.hpp"
#include "text/decimal.hpp"

namespace parmetrics {

std::optional<ReportFormat> parse_report_format(std::string_view text) noexcept {
  if (text == "table") return ReportFormat::table;
  if (text == "csv") return ReportFormat::csv;
  if (text == "json") return ReportFormat::json;
  if (text == "markdown") return ReportFormat::markdown;
  if (text == "html") return ReportFormat::html;
  return std::nullopt;
}

namespace {

// The columns every CSV report starts with, in this order (other tools read them by position).
constexpr std::string_view kFixed[] = {
    "in_scope",     "received",       "carried_over", "online",         "direct",
    "postal",       "early",          "on_time",      "late",           "within_time",
    "overdue",      "late_rate",      "online_rate",  "apology_needed", "apology_on_time",
    "apology_late", "apology_missing"};

bool is_fixed(std::string_view name) {
  return std::find(std::begin(kFixed), std::end(kFixed), name) != std::end(kFixed);
}

std::uint64_t count_of(const MetricCounts& c, std::string_view name) {
  for (const CountField& f : count_fields()) {
    if (f.name == name) return c.*f.member;
  }
  return 0;
}

/// A fixed column's text: a count, or a rate.
std::string fixed_cell(const MetricCounts& c, std::string_view name) {
  if (const auto r = find_rate(name)) return rate(c, *r).to_string();
  return std::to_string(count_of(c, name));
}

using detail::centihours;
using detail::quantile_centihours;

std::string hours_text(std::optional<std::uint64_t> h) {
  if (!h) return "n/a";
  return fmt::format("{}.{:02}", *h / 100, *h % 100);
}
nlohmann::ordered_json hours_json(std::optional<std::uint64_t> h) {
  if (!h) return nullptr;
  return static_cast<double>(*h) / 100.0;
}
std::optional<std::uint64_t> mean_centihours(const ProcessingTime& p) {
  return centihours(p.total_minutes, p.count);
}
std::string hours_of(const std::optional<std::int64_t>& minutes) {
  return hours_text(quantile_centihours(minutes));
}
std::string mean_hours(const ProcessingTime& p) {
  return hours_text(mean_centihours(p));
}

/// Hundredths as a machine writes them: -2089 → "-20.89".
std::string hundredths_text(std::int64_t h) {
  return detail::decimal_text(h, 2, '.', 0);
}

// --- CSV -------------------------------------------------------------------------------------

struct CsvLayout {
  std::vector<std::string_view> counts;  ///< after the fixed columns and name
  std::vector<RateId> rates;             ///< the rates not among the fixed columns
};

CsvLayout csv_layout() {
  CsvLayout l;
  for (const CountField& f : count_fields()) {
    if (!is_fixed(f.name)) l.counts.push_back(f.name);
  }
  for (const RateInfo& r : rate_infos()) {
    if (!is_fixed(r.name)) l.rates.push_back(r.id);
  }
  return l;
}

void write_csv(std::ostream& out, const Report& report, const ReportFormatOptions& o,
               const ReportContext& context) {
  const CsvLayout l = csv_layout();
  const bool units = report.options.by == GroupBy::unit;
  std::string s = "group";
  for (std::string_view c : kFixed) fmt::format_to(std::back_inserter(s), ",{}", c);
  s += ",name";
  for (std::string_view c : l.counts) fmt::format_to(std::back_inserter(s), ",{}", c);
  s += ",processing_hours_mean,processing_hours_median,processing_hours_p90";
  for (RateId r : l.rates) fmt::format_to(std::back_inserter(s), ",{}", rate_info(r).name);
  const std::string_view compared = rate_info(o.compare).name;
  if (units) {
    fmt::format_to(std::back_inserter(s), ",level,parent,depth,{0}_subtree,{0}_parent,{0}_province",
                   compared);
  }
  // --compare-to: every rate then and its change, in percentage points, after everything else.
  std::optional<detail::EarlierRows> earlier;
  if (context.previous) earlier.emplace(*context.previous);
  if (earlier) {
    for (const RateInfo& r : rate_infos())
      fmt::format_to(std::back_inserter(s), ",{0}_then,{0}_change_pp", r.name);
  }
  s += '\n';
  const std::vector<UnitComparison> cmp = compare_units(report, o.compare);
  auto row_line = [&](const ReportRow& row, const UnitComparison* c) {
    s += csv_field(row.key);
    for (std::string_view col : kFixed)
      fmt::format_to(std::back_inserter(s), ",{}", fixed_cell(row.counts, col));
    s += ',';
    s += csv_field(row.name);
    for (std::string_view col : l.counts)
      fmt::format_to(std::back_inserter(s), ",{}", count_of(row.counts, col));
    fmt::format_to(std::back_inserter(s), ",{},{},{}", mean_hours(row.processing),
                   hours_of(row.processing.median_minutes), hours_of(row.processing.p90_minutes));
    for (RateId r : l.rates)
      fmt::format_to(std::back_inserter(s), ",{}", rate(row.counts, r).to_string());
    if (units) {
      if (c != nullptr) {
        const std::string parent = row.parent_row ? report.rows[*row.parent_row].key : "";
        fmt::format_to(std::back_inserter(s), ",{},{},{},{},{},{}", csv_field(row.level),
                       csv_field(parent), row.depth, c->own.to_string(), c->parent.to_string(),
                       c->root.to_string());
      } else {
        s += ",,,,,,";
      }
    }
    if (earlier) {
      const ReportRow* then = earlier->find(report, row);
      for (const RateInfo& r : rate_infos()) {
        const Rate before = then ? rate(then->counts, r.id) : Rate{};
        const auto change = change_hundredths(before, rate(row.counts, r.id));
        fmt::format_to(std::back_inserter(s), ",{},{}", before.to_string(),
                       change ? hundredths_text(*change) : "n/a");
      }
    }
    s += '\n';
  };
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    row_line(report.rows[i], units ? &cmp[i] : nullptr);
  }
  row_line(report.total, nullptr);
  out << s;
}

// --- JSON -------------------------------------------------------------------------------------

nlohmann::ordered_json rate_json(const Rate& r) {
  nlohmann::ordered_json j;
  const auto p = r.percent();
  j["percent"] = p ? nlohmann::ordered_json(*p) : nlohmann::ordered_json(nullptr);
  j["text"] = r.to_string();
  j["numerator"] = r.numerator;
  j["denominator"] = r.denominator;
  return j;
}

nlohmann::ordered_json row_json(const Report& report, const ReportRow& row, const UnitComparison* c,
                                const detail::EarlierRows* earlier) {
  nlohmann::ordered_json j;
  j["group"] = row.key;
  if (!row.name.empty()) j["name"] = row.name;
  if (row.unit) {
    j["level"] = row.level;
    j["parent"] = row.parent_row ? nlohmann::ordered_json(report.rows[*row.parent_row].key)
                                 : nlohmann::ordered_json(nullptr);
    j["depth"] = row.depth;
    if (row.no_carrier) j["no_carrier"] = true;
  }
  nlohmann::ordered_json counts;
  for (const CountField& f : count_fields()) counts[std::string(f.name)] = row.counts.*f.member;
  j["counts"] = std::move(counts);
  nlohmann::ordered_json rates;
  for (const RateInfo& r : rate_infos())
    rates[std::string(r.name)] = rate_json(rate(row.counts, r.id));
  j["rates"] = std::move(rates);
  const ProcessingTime& p = row.processing;
  j["processing_hours"] = {{"count", p.count},
                           {"mean", hours_json(mean_centihours(p))},
                           {"median", hours_json(quantile_centihours(p.median_minutes))},
                           {"p90", hours_json(quantile_centihours(p.p90_minutes))}};
  if (c != nullptr) {
    auto standing = [](const Standing& s) {
      return s ? nlohmann::ordered_json(*s < 0   ? "below"
                                        : *s > 0 ? "above"
                                                 : "equal")
               : nlohmann::ordered_json(nullptr);
    };
    j["comparison"] = {{"subtree", rate_json(c->own)},
                       {"parent", rate_json(c->parent)},
                       {"province", rate_json(c->root)},
                       {"vs_parent", standing(c->vs_parent)},
                       {"vs_province", standing(c->vs_root)}};
  }
  if (earlier != nullptr) {
    const ReportRow* then = earlier->find(report, row);
    nlohmann::ordered_json rates_then, changes;
    for (const RateInfo& r : rate_infos()) {
      const Rate before = then ? rate(then->counts, r.id) : Rate{};
      rates_then[std::string(r.name)] = rate_json(before);
      const auto change = change_hundredths(before, rate(row.counts, r.id));
      changes[std::string(r.name)] =
          change ? nlohmann::ordered_json(static_cast<double>(*change) / 100.0)
                 : nlohmann::ordered_json(nullptr);
    }
    j["then"] = {{"rates", std::move(rates_then)}, {"change_pp", std::move(changes)}};
  }
  return j;
}

void write_json(std::ostream& out, const Report& report, const ReportFormatOptions& o,
                const ReportContext& context) {
  const ReportOptions& opt = report.options;
  nlohmann::ordered_json j;
  j["from"] = format_iso_date(opt.period.from);
  j["to"] = format_iso_date(opt.period.to);
  j["as_of"] = format_iso_datetime(opt.period.as_of);
  j["by"] = std::string(to_string(opt.by));
  j["roll_up"] = opt.roll_up;
  const nlohmann::ordered_json as_of =
      opt.hierarchy_as_of ? nlohmann::ordered_json(format_iso_date(*opt.hierarchy_as_of))
                          : nlohmann::ordered_json(nullptr);
  j["hierarchy_as_of"] = as_of;
  j["successors_as_of"] = as_of;  // the name before issue 17, kept for readers of it
  j["policy"] = {{"pause", opt.policy.pause == PausePolicy::working_time ? "working" : "elapsed"},
                 {"multiple_supplements_late", opt.policy.multiple_supplements_late},
                 {"granularity", opt.policy.granularity == Granularity::minute ? "minute" : "day"},
                 {"apology_lead_days", opt.policy.apology_lead_days},
                 {"withdrawn", opt.policy.withdrawn == WithdrawnPolicy::evaluate  ? "evaluate"
                               : opt.policy.withdrawn == WithdrawnPolicy::exclude ? "exclude"
                                                                                  : "on_time"}};
  nlohmann::ordered_json defs = nlohmann::ordered_json::array();
  for (const RateInfo& r : rate_infos()) {
    defs.push_back({{"name", r.name}, {"numerator", r.numerator}, {"denominator", r.denominator}});
  }
  j["rate_definitions"] = std::move(defs);
  j["compared_rate"] = rate_info(o.compare).name;
  std::optional<detail::EarlierRows> earlier;
  if (context.previous) {
    const ReportPeriod& then = context.previous->options.period;
    j["compare_to"] = {{"from", format_iso_date(then.from)},
                       {"to", format_iso_date(then.to)},
                       {"as_of", format_iso_datetime(then.as_of)}};
    earlier.emplace(*context.previous);
  }
  const detail::EarlierRows* e = earlier ? &*earlier : nullptr;
  const std::vector<UnitComparison> cmp = compare_units(report, o.compare);
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    groups.push_back(row_json(report, report.rows[i], cmp.empty() ? nullptr : &cmp[i], e));
  }
  j["groups"] = std::move(groups);
  j["total"] = row_json(report, report.total, nullptr, e);
  if (opt.by == GroupBy::unit) {
    nlohmann::ordered_json zero = nlohmann::ordered_json::array();
    for (std::size_t i : units_without_online(report)) zero.push_back(report.rows[i].key);
    j["units_without_online"] = std::move(zero);
  }
  if (o.top > 0) {
    const auto level = most_common_level(report);
    for (RankOrder order : {RankOrder::highest, RankOrder::lowest}) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (std::size_t i : rank_rows(report, o.rank, o.top, order, level)) {
        list.push_back({{"group", report.rows[i].key},
                        {"rate", rate_json(rate(report.rows[i].counts, o.rank))}});
      }
      j[order == RankOrder::highest ? "highest" : "lowest"] = {
          {"rate", rate_info(o.rank).name},
          {"level", level ? nlohmann::ordered_json(*level) : nlohmann::ordered_json(nullptr)},
          {"groups", std::move(list)}};
    }
  }
  out << j.dump(2) << '\n';
}

}  // namespace

void write_report(std::ostream& out, const Report& report, ReportFormat format,
                  const ReportFormatOptions& options, const ReportContext& context) {
  switch (format) {
    case ReportFormat::table:
      detail::write_report_table(out, report, options, context);
      break;
    case ReportFormat::csv:
      write_csv(out, report, options, context);
      break;
    case ReportFormat::json:
      write_json(out, report, options, context);
      break;
    case ReportFormat::markdown:
      detail::write_report_markdown(out, report, options, context);
      break;
    case ReportFormat::html:
      detail::write_report_html(out, report, options, context);
      break;
  }
}

}  // namespace parmetrics
