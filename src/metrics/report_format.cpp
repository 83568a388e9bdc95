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

namespace parmetrics {

std::optional<ReportFormat> parse_report_format(std::string_view text) noexcept {
  if (text == "table") return ReportFormat::table;
  if (text == "csv") return ReportFormat::csv;
  if (text == "json") return ReportFormat::json;
  if (text == "markdown") return ReportFormat::markdown;
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

/// total / den working minutes in hundredths of an hour, rounded half up; nullopt for den 0.
std::optional<std::uint64_t> centihours(std::uint64_t total_minutes, std::uint64_t den) {
  if (den == 0) return std::nullopt;
  return (total_minutes * 200 + 60 * den) / (120 * den);
}
std::string hours_text(std::optional<std::uint64_t> h) {
  if (!h) return "n/a";
  return fmt::format("{}.{:02}", *h / 100, *h % 100);
}
nlohmann::ordered_json hours_json(std::optional<std::uint64_t> h) {
  if (!h) return nullptr;
  return static_cast<double>(*h) / 100.0;
}
std::optional<std::uint64_t> quantile_centihours(const std::optional<std::int64_t>& minutes) {
  if (!minutes) return std::nullopt;
  return centihours(static_cast<std::uint64_t>(*minutes), 1);
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

/// Columns shown on screen (table, Markdown): the fixed ones.
std::vector<std::string_view> screen_columns() {
  return std::vector<std::string_view>(std::begin(kFixed), std::end(kFixed));
}

/// Terminal columns of UTF-8 text: code points, without combining marks (U+0300–U+036F).
std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) == 0x80) continue;
    if (b == 0xCC ||
        (b == 0xCD && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xB0)) {
      continue;  // U+0300..U+036F
    }
    ++w;
  }
  return w;
}

std::string pad_right(std::string s, std::size_t width) {
  const std::size_t w = display_width(s);
  if (w < width) s.append(width - w, ' ');
  return s;
}
std::string pad_left(const std::string& s, std::size_t width) {
  const std::size_t w = display_width(s);
  return w < width ? std::string(width - w, ' ') + s : s;
}

std::string describe_period(const Report& r) {
  const ReportPeriod& p = r.options.period;
  std::string by(to_string(r.options.by));
  if (r.options.by == GroupBy::unit) {
    by += r.options.roll_up ? " (rolled up)" : " (own dossiers)";
    if (r.options.successors_as_of) {
      by += ", history attributed to successors as of " +
            format_iso_date(*r.options.successors_as_of);
    }
  }
  return fmt::format("{}..{} as of {}, by {}", format_iso_date(p.from), format_iso_date(p.to),
                     format_iso_datetime(p.as_of), by);
}

std::string rate_formula(RateId id) {
  const RateInfo& i = rate_info(id);
  const bool sum = i.numerator.find('+') != std::string_view::npos;
  return fmt::format("{} = {}{}{} / {}", i.name, sum ? "(" : "", i.numerator, sum ? ")" : "",
                     i.denominator);
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

void write_csv(std::ostream& out, const Report& report, const ReportFormatOptions& o) {
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
    s += '\n';
  };
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    row_line(report.rows[i], units ? &cmp[i] : nullptr);
  }
  row_line(report.total, nullptr);
  out << s;
}

// --- table and Markdown ------------------------------------------------------------------------

std::string indented_key(const Report& report, const ReportRow& row) {
  if (report.options.by != GroupBy::unit) return row.key;
  return std::string(static_cast<std::size_t>(row.depth) * 2, ' ') + row.key;
}

std::vector<std::string> notes(const Report& report, const ReportFormatOptions& o, bool markdown) {
  std::vector<std::string> lines;
  const ProcessingTime& p = report.total.processing;
  lines.push_back(fmt::format(
      "Processing time of the {} ended dossiers, in working hours: mean {}, median {}, p90 {}",
      p.count, mean_hours(p), hours_of(p.median_minutes), hours_of(p.p90_minutes)));
  lines.push_back(
      fmt::format("Rates in %: {}; {}; apology_* columns count late and overdue "
                  "dossiers (apology_needed = late + overdue)",
                  rate_formula(RateId::late_rate), rate_formula(RateId::online_rate)));
  if (report.options.by != GroupBy::unit) return lines;
  const auto code = [&](std::string_view s) {
    return markdown ? fmt::format("`{}`", s) : std::string(s);
  };
  const RateId id = o.compare;
  std::vector<std::string> below_parent, below_root;
  for (const UnitComparison& c : compare_units(report, id)) {
    const ReportRow& row = report.rows[c.row];
    if (c.vs_root && *c.vs_root < 0) {
      below_root.push_back(fmt::format("{} {}", code(row.key), c.own.to_string()));
    }
    if (c.vs_parent && *c.vs_parent < 0) {
      below_parent.push_back(fmt::format("{} {} (parent {} {})", code(row.key), c.own.to_string(),
                                         code(report.rows[*row.parent_row].key),
                                         c.parent.to_string()));
    }
  }
  const std::string_view name = rate_info(id).name;
  lines.push_back(
      fmt::format("Below the province's {}: {}", name,
                  below_root.empty() ? "none" : fmt::format("{}", fmt::join(below_root, ", "))));
  lines.push_back(fmt::format(
      "Below the parent's {}: {}", name,
      below_parent.empty() ? "none" : fmt::format("{}", fmt::join(below_parent, ", "))));
  std::vector<std::string> zero;
  for (std::size_t i : units_without_online(report)) zero.push_back(code(report.rows[i].key));
  lines.push_back(fmt::format("Units without an online dossier: {}",
                              zero.empty() ? "none" : fmt::format("{}", fmt::join(zero, ", "))));
  if (o.top > 0) {
    const auto level = most_common_level(report);
    const std::string_view rank = rate_info(o.rank).name;
    for (RankOrder order : {RankOrder::highest, RankOrder::lowest}) {
      std::vector<std::string> items;
      for (std::size_t i : rank_rows(report, o.rank, o.top, order, level)) {
        items.push_back(fmt::format("{} {}", code(report.rows[i].key),
                                    rate(report.rows[i].counts, o.rank).to_string()));
      }
      lines.push_back(fmt::format(
          "{} {} ({}): {}", order == RankOrder::highest ? "Highest" : "Lowest", rank,
          level ? *level : "", items.empty() ? "none" : fmt::format("{}", fmt::join(items, ", "))));
    }
  }
  return lines;
}

std::vector<std::vector<std::string>> screen_cells(const Report& report) {
  std::vector<std::vector<std::string>> cells;
  const auto cols = screen_columns();
  auto add = [&](const ReportRow& row, std::string key) {
    std::vector<std::string> line{std::move(key)};
    for (std::string_view c : cols) line.push_back(fixed_cell(row.counts, c));
    line.push_back(row.name);
    cells.push_back(std::move(line));
  };
  for (const ReportRow& row : report.rows) add(row, indented_key(report, row));
  add(report.total, "total");
  return cells;
}

void write_table(std::ostream& out, const Report& report, const ReportFormatOptions& o) {
  std::vector<std::string> header{"group"};
  for (std::string_view c : screen_columns()) header.emplace_back(c);
  header.emplace_back("name");
  const auto cells = screen_cells(report);
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t j = 0; j < header.size(); ++j) width[j] = display_width(header[j]);
  for (const auto& line : cells) {
    for (std::size_t j = 0; j < line.size(); ++j)
      width[j] = std::max(width[j], display_width(line[j]));
  }
  std::string s = fmt::format("Report {}\n\n", describe_period(report));
  auto emit = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t j = 0; j < line.size(); ++j) {
      if (j > 0) text += "  ";
      if (j == 0) {
        text += pad_right(line[j], width[j]);
      } else if (j + 1 == line.size()) {
        text += line[j];  // the name, last and unpadded
      } else {
        text += pad_left(line[j], width[j]);
      }
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    s += text;
    s += '\n';
  };
  emit(header);
  for (const auto& line : cells) emit(line);
  s += '\n';
  for (const std::string& n : notes(report, o, false)) s += n + '\n';
  out << s;
}

std::string md_escape(std::string_view text) {
  std::string e;
  for (char ch : text) {
    if (ch == '|') e += '\\';
    e += ch;
  }
  return e;
}

void write_markdown(std::ostream& out, const Report& report, const ReportFormatOptions& o) {
  std::string s = fmt::format("## Report {}\n\n", describe_period(report));
  std::vector<std::string> header{"group"};
  for (std::string_view c : screen_columns()) header.emplace_back(c);
  header.emplace_back("name");
  s += "|";
  for (const auto& h : header) s += " " + h + " |";
  s += "\n|";
  for (std::size_t j = 0; j < header.size(); ++j)
    s += j == 0 || j + 1 == header.size() ? " --- |" : " ---: |";
  s += '\n';
  const auto cells = screen_cells(report);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const bool is_total = i + 1 == cells.size();
    s += "|";
    for (std::size_t j = 0; j < cells[i].size(); ++j) {
      std::string cell = md_escape(cells[i][j]);
      if (j == 0 && report.options.by == GroupBy::unit && !is_total) {
        // Indentation would be lost in Markdown: non-breaking spaces keep the hierarchy visible.
        std::size_t k = 0;
        while (k < cell.size() && cell[k] == ' ') ++k;
        std::string nb;
        for (std::size_t d = 0; d < k; ++d) nb += "\u00a0";
        cell = nb + cell.substr(k);
      }
      if (is_total && j == 0) cell = "**total**";
      s += " " + cell + " |";
    }
    s += '\n';
  }
  s += '\n';
  for (const std::string& n : notes(report, o, true)) s += "- " + n + '\n';
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

nlohmann::ordered_json row_json(const Report& report, const ReportRow& row,
                                const UnitComparison* c) {
  nlohmann::ordered_json j;
  j["group"] = row.key;
  if (!row.name.empty()) j["name"] = row.name;
  if (row.unit) {
    j["level"] = row.level;
    j["parent"] = row.parent_row ? nlohmann::ordered_json(report.rows[*row.parent_row].key)
                                 : nlohmann::ordered_json(nullptr);
    j["depth"] = row.depth;
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
  return j;
}

void write_json(std::ostream& out, const Report& report, const ReportFormatOptions& o) {
  const ReportOptions& opt = report.options;
  nlohmann::ordered_json j;
  j["from"] = format_iso_date(opt.period.from);
  j["to"] = format_iso_date(opt.period.to);
  j["as_of"] = format_iso_datetime(opt.period.as_of);
  j["by"] = std::string(to_string(opt.by));
  j["roll_up"] = opt.roll_up;
  j["successors_as_of"] = opt.successors_as_of
                              ? nlohmann::ordered_json(format_iso_date(*opt.successors_as_of))
                              : nlohmann::ordered_json(nullptr);
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
  const std::vector<UnitComparison> cmp = compare_units(report, o.compare);
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    groups.push_back(row_json(report, report.rows[i], cmp.empty() ? nullptr : &cmp[i]));
  }
  j["groups"] = std::move(groups);
  j["total"] = row_json(report, report.total, nullptr);
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
                  const ReportFormatOptions& options) {
  switch (format) {
    case ReportFormat::table:
      write_table(out, report, options);
      break;
    case ReportFormat::csv:
      write_csv(out, report, options);
      break;
    case ReportFormat::json:
      write_json(out, report, options);
      break;
    case ReportFormat::markdown:
      write_markdown(out, report, options);
      break;
  }
}

}  // namespace parmetrics
