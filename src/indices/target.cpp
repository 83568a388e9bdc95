#include <parmetrics/indices/target.hpp>

#include <fmt/format.h>

#include <charconv>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>

#include "indices/csv_table.hpp"

namespace parmetrics {

namespace {

std::optional<int> digits(std::string_view s, std::size_t n) {
  if (s.size() != n) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool supported_year(int y) {
  return y >= 1900 && y <= 2199;
}

}  // namespace

std::optional<TargetPeriod> TargetPeriod::parse(std::string_view text) {
  TargetPeriod p;
  p.label = std::string(text);
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    const auto from = parse_iso_date(text.substr(0, dots));
    const auto to = parse_iso_date(text.substr(dots + 2));
    if (!from || !to || *to < *from || *from < kFirstSupportedDay || *to > kLastSupportedDay) {
      return std::nullopt;
    }
    p.from = *from;
    p.to = *to;
    return p;
  }
  if (const auto y = digits(text, 4)) {
    if (!supported_year(*y)) return std::nullopt;
    p.from = days_from_civil(*y, 1, 1);
    p.to = days_from_civil(*y, 12, 31);
    return p;
  }
  if (text.size() == 7 && text[4] == '-') {
    const auto y = digits(text.substr(0, 4), 4);
    if (!y || !supported_year(*y)) return std::nullopt;
    if (text[5] == 'Q' || text[5] == 'q') {
      const auto q = digits(text.substr(6), 1);
      if (!q || *q < 1 || *q > 4) return std::nullopt;
      const auto first = static_cast<unsigned>(3 * (*q - 1) + 1);
      p.from = days_from_civil(*y, first, 1);
      p.to = days_from_civil(*y, first + 2, days_in_month(*y, first + 2));
      return p;
    }
    const auto m = digits(text.substr(5), 2);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    const auto month = static_cast<unsigned>(*m);
    p.from = days_from_civil(*y, month, 1);
    p.to = days_from_civil(*y, month, days_in_month(*y, month));
    return p;
  }
  if (const auto day = parse_iso_date(text)) {
    if (*day < kFirstSupportedDay || *day > kLastSupportedDay) return std::nullopt;
    p.from = p.to = *day;
    return p;
  }
  return std::nullopt;
}

std::string_view to_string(TargetComparison c) noexcept {
  switch (c) {
    case TargetComparison::at_least:
      return ">=";
    case TargetComparison::at_most:
      return "<=";
    case TargetComparison::equal:
      return "=";
    case TargetComparison::above:
      return ">";
    case TargetComparison::below:
      return "<";
  }
  return "?";
}

std::string_view to_string(TargetReference r) noexcept {
  switch (r) {
    case TargetReference::number:
      return "number";
    case TargetReference::parent:
      return "parent";
    case TargetReference::province:
      return "province";
  }
  return "?";
}

std::string_view to_string(TargetStatus s) noexcept {
  switch (s) {
    case TargetStatus::met:
      return "met";
    case TargetStatus::not_met:
      return "not_met";
    case TargetStatus::not_applicable:
      return "n/a";
  }
  return "?";
}

TargetList TargetList::parse_csv(std::string_view text, std::string_view origin) {
  const detail::small_csv::CsvTable csv(text, std::string(origin));
  const auto c_id = csv.find("id");
  const auto c_unit = csv.find("unit");
  const auto c_level = csv.find("level");
  const std::size_t c_metric = csv.require("metric");
  const std::size_t c_cmp = csv.require("comparison");
  const std::size_t c_value = csv.require("value");
  const auto c_period = csv.find("period");
  const auto c_when = csv.find("when_empty");
  const auto c_text = csv.find("text");
  if (!c_unit && !c_level) {
    throw DataError(csv.origin(), "line 1", "unit", "missing column: give unit or level (or both)");
  }
  if (const auto extra = csv.unknown_columns(
          {"id", "unit", "level", "metric", "comparison", "value", "period", "when_empty", "text"});
      !extra.empty()) {
    throw DataError(csv.origin(), "line 1", extra.front(),
                    "unknown column (expected id, unit, level, metric, comparison, value, "
                    "period, when_empty, text)");
  }
  TargetList list;
  list.origin_ = csv.origin();
  for (const detail::small_csv::Row& r : csv.records()) {
    const std::string where = fmt::format("line {}", r.line);
    const auto field = [&](const std::optional<std::size_t>& c) -> const std::string& {
      static const std::string kEmpty;
      return c ? r.fields[*c] : kEmpty;
    };
    Target t;
    t.line = r.line;
    t.id = field(c_id).empty() ? where : field(c_id);
    t.unit = field(c_unit);
    t.level = field(c_level);
    if (t.unit.empty() == t.level.empty()) {
      throw DataError(csv.origin(), where, t.unit.empty() ? "unit" : "level",
                      "give either a unit or a level, not both nor neither");
    }
    t.metric = r.fields[c_metric];
    if (t.metric.empty()) throw DataError(csv.origin(), where, "metric", "empty metric name");
    const std::string& cmp = r.fields[c_cmp];
    if (cmp == ">=" || cmp == "≥") {
      t.comparison = TargetComparison::at_least;
    } else if (cmp == "<=" || cmp == "≤") {
      t.comparison = TargetComparison::at_most;
    } else if (cmp == "=" || cmp == "==") {
      t.comparison = TargetComparison::equal;
    } else if (cmp == ">") {
      t.comparison = TargetComparison::above;
    } else if (cmp == "<") {
      t.comparison = TargetComparison::below;
    } else {
      throw DataError(csv.origin(), where, "comparison",
                      fmt::format("'{}' is not >=, <=, =, > or < (≥ and ≤ also accepted)", cmp));
    }
    const std::string& value = r.fields[c_value];
    if (value == "parent") {
      t.reference = TargetReference::parent;
    } else if (value == "province") {
      t.reference = TargetReference::province;
    } else if (const auto x = detail::small_csv::parse_number(value)) {
      t.reference = TargetReference::number;
      t.value = *x;
    } else {
      throw DataError(csv.origin(), where, "value",
                      fmt::format("'{}' is not a number, parent or province", value));
    }
    if (const std::string& p = field(c_period); !p.empty()) {
      t.period = TargetPeriod::parse(p);
      if (!t.period) {
        throw DataError(csv.origin(), where, "period",
                        fmt::format("'{}' is not YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD or "
                                    "YYYY-MM-DD..YYYY-MM-DD (1900–2199)",
                                    p));
      }
    }
    if (const std::string& w = field(c_when); !w.empty()) {
      if (w == "met") {
        t.when_empty = TargetStatus::met;
      } else if (w == "not_met" || w == "not met") {
        t.when_empty = TargetStatus::not_met;
      } else if (w == "n/a") {
        t.when_empty = TargetStatus::not_applicable;
      } else {
        throw DataError(csv.origin(), where, "when_empty",
                        fmt::format("'{}' is not met, not_met or n/a", w));
      }
    }
    t.text = field(c_text);
    list.targets_.push_back(std::move(t));
  }
  return list;
}

TargetList TargetList::load_csv(const std::filesystem::path& file) {
  return parse_csv(detail::small_csv::read_text_file(file), file.string());
}

}  // namespace parmetrics
