// parmetrics units: the hierarchy of units in force on a date, or a unit's chain of successors
// and who carries its history on that date (docs/reform-2025.md). Without --units it reads the
// bundled sample's units.csv.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/model/unit.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include "bundled_data.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "flags.hpp"
#include "import_summary.hpp"
#include "json_text.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

DayNumber today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return days_from_civil(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                         static_cast<unsigned>(local.tm_mday));
}

std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string padded(std::string_view s, std::size_t w) {
  return std::string(s) + std::string(w > width(s) ? w - width(s) : 0, ' ');
}

// A level in Vietnamese from the catalogue (its "level.*" names, "xã", "tỉnh"); in English as
// the data names it (the catalogue's English names are plural, for groups).
std::string level_label(std::string_view level, Language l) {
  const std::string key = fmt::format("level.{}", level);
  return l == Language::vi && MessageCatalogue::builtin().contains(key)
             ? std::string(message(key, l))
             : std::string(level);
}

std::string day_or_empty(DayNumber d, bool open, Language l) {
  return open ? std::string() : format_day(d, l);
}

std::string validity(DayNumber from, DayNumber to, Language l) {
  if (from == kFirstSupportedDay && to == kLastSupportedDay) return {};
  return fmt::format("{} – {}", day_or_empty(from, from == kFirstSupportedDay, l),
                     day_or_empty(to, to == kLastSupportedDay, l));
}

std::string iso_or_empty(DayNumber d, bool open) {
  return open ? std::string() : format_iso_date(d);
}

std::string json_day(DayNumber d, bool open) {
  return open ? "null" : json_string(format_iso_date(d));
}

std::string json_or_null(std::string_view s) {
  return s.empty() ? "null" : json_string(s);
}

/// A share as units.csv writes it: 10000 → "1", 6000 → "0.6", 3333 → "0.3333".
std::string share_decimal(std::uint32_t share) {
  std::string s = fmt::format("{}.{:04}", share / kShareWhole, share % kShareWhole);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string share_percent(std::uint32_t share, Language l) {
  return format_decimal(share, 2, l) + "\u00A0%";
}

/// Rows of a table, each cell padded to its column's width.
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w;
  for (const auto& row : rows) {
    w.resize(std::max(w.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) w[c] = std::max(w[c], width(row[c]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += c + 1 == row.size() ? row[c] : padded(row[c], w[c]) + "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

// --- the hierarchy on a day ------------------------------------------------------------------

/// The units valid on `day`, depth first in code order under their parents on that day.
std::vector<std::pair<UnitId, int>> in_force(const UnitRegistry& units, DayNumber day) {
  std::vector<std::vector<UnitId>> children(units.size());
  std::vector<UnitId> roots;
  for (UnitId u = 0; u < units.size(); ++u) {
    if (!units.valid_on(u, day)) continue;
    const auto p = units.parent_on(u, day);
    (p && units.valid_on(*p, day) ? children[*p] : roots).push_back(u);
  }
  const auto by_code = [&](UnitId a, UnitId b) { return units[a].code < units[b].code; };
  std::sort(roots.begin(), roots.end(), by_code);
  for (auto& c : children) std::sort(c.begin(), c.end(), by_code);
  std::vector<std::pair<UnitId, int>> out, stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.emplace_back(*it, 0);
  while (!stack.empty()) {
    const auto [u, depth] = stack.back();
    stack.pop_back();
    out.emplace_back(u, depth);
    for (auto it = children[u].rbegin(); it != children[u].rend(); ++it) {
      stack.emplace_back(*it, depth + 1);
    }
  }
  return out;
}

void print_hierarchy(const UnitRegistry& units, DayNumber day, OutputFormat format, Language l,
                     std::ostream& out) {
  const auto list = in_force(units, day);
  const auto parent_code = [&](UnitId u) {
    const auto p = units.parent_on(u, day);
    return p ? units[*p].code : std::string();
  };
  std::string s;
  if (format == OutputFormat::csv) {
    s = "code,name,level,parent,gso_code,valid_from,valid_to,depth\n";
    for (const auto& [u, depth] : list) {
      const Unit& x = units[u];
      s += fmt::format("{},{},{},{},{},{},{},{}\n", csv_field(x.code),
                       csv_field(units.name_on(u, day)), csv_field(x.level),
                       csv_field(parent_code(u)), csv_field(units.gso_code_on(u, day)),
                       iso_or_empty(x.valid_from, x.valid_from == kFirstSupportedDay),
                       iso_or_empty(x.valid_to, x.valid_to == kLastSupportedDay), depth);
    }
  } else if (format == OutputFormat::json) {
    s = fmt::format("{{\"as_of\":{},\"units\":[", json_string(format_iso_date(day)));
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& [u, depth] = list[i];
      const Unit& x = units[u];
      s += fmt::format(
          "{}{{\"code\":{},\"name\":{},\"level\":{},\"parent\":{},\"gso_code\":{},"
          "\"valid_from\":{},\"valid_to\":{},\"depth\":{}}}",
          i == 0 ? "" : ",", json_string(x.code), json_string(units.name_on(u, day)),
          json_string(x.level), json_or_null(parent_code(u)),
          json_or_null(units.gso_code_on(u, day)),
          json_day(x.valid_from, x.valid_from == kFirstSupportedDay),
          json_day(x.valid_to, x.valid_to == kLastSupportedDay), depth);
    }
    s += "]}\n";
  } else {
    s = message("units.title", l,
                {{"day", format_day(day, l)},
                 {"count", format_count(static_cast<std::int64_t>(list.size()), l)}}) +
        "\n\n";
    std::vector<std::vector<std::string>> rows{
        {std::string(message("units.code", l)), std::string(message("units.name", l)),
         std::string(message("units.level", l)), std::string(message("units.gso_code", l)),
         std::string(message("units.valid", l))}};
    for (const auto& [u, depth] : list) {
      const Unit& x = units[u];
      rows.push_back({std::string(2 * static_cast<std::size_t>(depth), ' ') + x.code,
                      std::string(units.name_on(u, day)), level_label(x.level, l),
                      std::string(units.gso_code_on(u, day)),
                      validity(x.valid_from, x.valid_to, l)});
    }
    s += table(rows);
  }
  out << s;
}

// --- a unit's successors -----------------------------------------------------------------------

/// The unit and every unit its history passes to, breadth first.
std::vector<UnitId> chain_of(const UnitRegistry& units, UnitId first) {
  std::vector<UnitId> chain{first};
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (const UnitShare& s : units.successors(chain[i])) {
      if (std::find(chain.begin(), chain.end(), s.unit) == chain.end()) chain.push_back(s.unit);
    }
  }
  return chain;
}

std::string successors_text(const UnitRegistry& units, UnitId u, Language l) {
  std::string s;
  for (const UnitShare& x : units.successors(u)) {
    s += fmt::format("{}{} ({})", s.empty() ? "" : "; ", units[x.unit].code,
                     share_percent(x.share, l));
  }
  if (units.successors(u).size() > 1 && units[u].succession == SuccessionRule::commune) {
    s += ' ' + std::string(message("units.by_commune", l));
  }
  return s;
}

void chain_table(const UnitRegistry& units, UnitId first, DayNumber day, Language l,
                 std::string& s) {
  s = message("units.chain_title", l,
              {{"unit", fmt::format("{} ({})", units[first].code,
                                    units.name_on(first, units[first].valid_to))}}) +
      "\n\n";
  std::vector<std::vector<std::string>> rows{
      {std::string(message("units.code", l)), std::string(message("units.name", l)),
       std::string(message("units.gso_code", l)), std::string(message("units.valid", l)),
       std::string(message("units.successors", l))}};
  for (const UnitId u : chain_of(units, first)) {
    const Unit& x = units[u];
    rows.push_back({x.code, std::string(units.name_on(u, x.valid_to)),
                    std::string(units.gso_code_on(u, x.valid_to)),
                    validity(x.valid_from, x.valid_to, l), successors_text(units, u, l)});
    const auto periods = units.periods(u);
    if (periods.size() < 2) continue;
    for (const UnitPeriod& p : periods) {
      rows.push_back(
          {"", fmt::format("  {}", p.name), std::string(p.gso_code), validity(p.from, p.to, l),
           p.parent ? fmt::format("{}: {}", message("units.parent", l), units[*p.parent].code)
                    : std::string()});
    }
  }
  s += table(rows) + '\n';
  std::string carriers;
  for (const UnitShare& c : units.carriers(first, day)) {
    carriers +=
        fmt::format("{}{} ({}) {}", carriers.empty() ? "" : "; ", units.name_on(c.unit, day),
                    units[c.unit].code, share_percent(c.share, l));
  }
  s += carriers.empty()
           ? message("units.no_carrier", l, {{"day", format_day(day, l)}})
           : message("units.carriers", l, {{"day", format_day(day, l)}, {"units", carriers}});
  s += '\n';
}

// One row per unit of the chain, its successors as units.csv writes them, its share of the
// history on the day in `carries`.
std::string chain_csv(const UnitRegistry& units, UnitId first,
                      const std::vector<UnitShare>& carriers) {
  std::string s = "code,name,level,gso_code,valid_from,valid_to,successor,successor_rule,carries\n";
  for (const UnitId u : chain_of(units, first)) {
    const Unit& x = units[u];
    std::string successors, carries;
    for (const UnitShare& c : units.successors(u)) {
      successors += fmt::format("{}{}:{}", successors.empty() ? "" : ";", units[c.unit].code,
                                share_decimal(c.share));
    }
    for (const UnitShare& c : carriers) {
      if (c.unit == u) carries = share_decimal(c.share);
    }
    s += fmt::format(
        "{},{},{},{},{},{},{},{},{}\n", csv_field(x.code), csv_field(units.name_on(u, x.valid_to)),
        csv_field(x.level), csv_field(units.gso_code_on(u, x.valid_to)),
        iso_or_empty(x.valid_from, x.valid_from == kFirstSupportedDay),
        iso_or_empty(x.valid_to, x.valid_to == kLastSupportedDay), csv_field(successors),
        x.succession == SuccessionRule::commune ? "commune" : "shares", carries);
  }
  return s;
}

// A unit of the chain as JSON: its successors and shares, its rule, its periods.
std::string chain_unit_json(const UnitRegistry& units, UnitId u) {
  const Unit& x = units[u];
  std::string successors, periods;
  for (const UnitShare& c : units.successors(u)) {
    successors += fmt::format("{}{{\"code\":{},\"share\":{}}}", successors.empty() ? "" : ",",
                              json_string(units[c.unit].code), share_decimal(c.share));
  }
  for (const UnitPeriod& p : units.periods(u)) {
    periods += fmt::format(
        "{}{{\"from\":{},\"to\":{},\"name\":{},\"parent\":{},\"gso_code\":{}}}",
        periods.empty() ? "" : ",", json_day(p.from, p.from == kFirstSupportedDay),
        json_day(p.to, p.to == kLastSupportedDay), json_string(p.name),
        p.parent ? json_string(units[*p.parent].code) : "null", json_or_null(p.gso_code));
  }
  return fmt::format(
      "{{\"code\":{},\"level\":{},\"successors\":[{}],\"successor_rule\":{},\"periods\":[{}]}}",
      json_string(x.code), json_string(x.level), successors,
      json_string(x.succession == SuccessionRule::commune ? "commune" : "shares"), periods);
}

std::string chain_json(const UnitRegistry& units, UnitId first, DayNumber day,
                       const std::vector<UnitShare>& carriers) {
  std::string s = fmt::format("{{\"unit\":{},\"as_of\":{},\"chain\":[",
                              json_string(units[first].code), json_string(format_iso_date(day)));
  const std::vector<UnitId> chain = chain_of(units, first);
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (i != 0) s += ',';
    s += chain_unit_json(units, chain[i]);
  }
  s += "],\"carriers\":[";
  for (std::size_t i = 0; i < carriers.size(); ++i) {
    s += fmt::format("{}{{\"code\":{},\"share\":{}}}", i == 0 ? "" : ",",
                     json_string(units[carriers[i].unit].code), share_decimal(carriers[i].share));
  }
  return s + "]}\n";
}

void print_chain(const UnitRegistry& units, UnitId first, DayNumber day, OutputFormat format,
                 Language l, std::ostream& out) {
  const std::vector<UnitShare> carriers = units.carriers(first, day);
  std::string s;
  switch (format) {
    case OutputFormat::table:
      chain_table(units, first, day, l, s);
      break;
    case OutputFormat::csv:
      s = chain_csv(units, first, carriers);
      break;
    case OutputFormat::json:
      s = chain_json(units, first, day, carriers);
      break;
  }
  out << s;
}

}  // namespace

int run_units(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::units_list);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const OutputFormat format = output_format(o);
  const Language l = language_arg(o);
  const DayNumber day = o.has("as-of") ? date_option(o, "as-of") : today();
  std::string file;
  if (const auto f = o.value("units")) {
    file = *f;
  } else {
    const std::filesystem::path data = bundled_data_dir("sample/units.csv");
    if (data.empty()) {
      fmt::print(err, "parmetrics units: the bundled sample was not found; give --units FILE\n");
      return kExitFailure;
    }
    file = (data / "sample" / "units.csv").string();
    fmt::print(err, "parmetrics units: no --units given: the bundled sample's\n");
  }
  UnitRegistry units;
  ImportSummary summary("units", err);
  ImportReport imported;
  ImportOptions options;
  options.strict = o.has("strict");
  import_units_csv(std::filesystem::path(file), units, imported, options);
  summary.add(file, imported);
  apply_units_layers(o.values("units-layer"), units, err);
  if (const auto code = o.value("successors-of")) {
    const auto id = units.find(*code);
    if (!id) throw UsageError(fmt::format("--successors-of: no unit has the code '{}'", *code));
    print_chain(units, *id, day, format, l, out);
  } else {
    print_hierarchy(units, day, format, l, out);
  }
  return summary.exit_status();
}

}  // namespace parmetrics::cli
