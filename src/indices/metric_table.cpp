#include <parmetrics/indices/metric_table.hpp>

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <utility>

#include <parmetrics/error.hpp>

#include "indices/csv_table.hpp"
#include "indices/scorecard/exact.hpp"

namespace parmetrics {

std::string_view to_string(MetricKind kind) noexcept {
  switch (kind) {
    case MetricKind::rate:
      return "rate";
    case MetricKind::count:
      return "count";
    case MetricKind::choice:
      return "choice";
  }
  return "?";
}

namespace {

// A rate's percent or a count as an exact fraction; nullopt for 0/0, a choice, or a number that
// cannot enter exact arithmetic.
std::optional<detail::Fraction> exact_value(const MetricValue& v) {
  if (v.kind == MetricKind::choice) return std::nullopt;
  const auto n = detail::exact_fraction(v.numerator);
  if (v.kind == MetricKind::count || !n) return n;
  const auto d = detail::exact_fraction(v.denominator);
  if (!d || d->num == 0) return std::nullopt;
  return detail::checked_div(*detail::checked_mul(*n, {100, 1}), *d);
}

}  // namespace

std::optional<double> rounded_value(const MetricValue& v, int decimals) {
  const auto f = exact_value(v);
  if (!f) return v.kind == MetricKind::choice ? std::nullopt : v.value();
  double unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  return static_cast<double>(detail::round_scaled(*f, decimals)) / unit;
}

std::string shown_value(const MetricValue& v) {
  if (v.kind == MetricKind::choice) return v.answer;
  if (v.kind == MetricKind::count) return fmt::format("{}", v.numerator);
  const auto f = exact_value(v);
  if (!f) return v.empty() ? "n/a" : fmt::format("{:.2f}", *v.value());
  return detail::format_scaled(detail::round_scaled(*f, 2), 2);
}

void MetricTable::declare(std::string_view metric, MetricKind kind, std::string_view source) {
  if (metric.empty()) throw ArgumentError("MetricTable::declare", "empty metric name");
  const auto it = info_.find(metric);
  if (it == info_.end()) {
    info_.emplace(std::string(metric), Info{kind, std::string(source)});
    return;
  }
  if (it->second.kind != kind) {
    throw ArgumentError("MetricTable",
                        fmt::format("metric '{}' is already declared as a {} (from {})", metric,
                                    to_string(it->second.kind), it->second.source));
  }
  if (it->second.source != source) {
    throw ArgumentError("MetricTable", fmt::format("metric '{}' is already given by {}", metric,
                                                   it->second.source));
  }
}

void MetricTable::set(std::string_view unit, std::string_view metric, double numerator,
                      double denominator) {
  const auto it = info_.find(metric);
  if (it == info_.end()) {
    throw ArgumentError("MetricTable::set", fmt::format("metric '{}' is not declared", metric));
  }
  if (unit.empty()) throw ArgumentError("MetricTable::set", "empty unit");
  const MetricKind kind = it->second.kind;
  if (kind == MetricKind::choice) {
    throw ArgumentError("MetricTable::set",
                        fmt::format("'{}' is a choice: give its answer with set_answer", metric));
  }
  if (kind == MetricKind::count) denominator = 0;
  if (!std::isfinite(numerator) || !std::isfinite(denominator) || numerator < 0 ||
      denominator < 0) {
    throw ArgumentError(
        "MetricTable::set",
        fmt::format("{} of unit '{}' must be finite and not negative", metric, unit));
  }
  auto unit_it = values_.find(unit);
  if (unit_it == values_.end())
    unit_it = values_.emplace(std::string(unit), decltype(values_)::mapped_type()).first;
  unit_it->second.insert_or_assign(std::string(metric),
                                   MetricValue{numerator, denominator, kind, {}});
}

void MetricTable::set_answer(std::string_view unit, std::string_view metric,
                             std::string_view answer) {
  const auto it = info_.find(metric);
  if (it == info_.end() || it->second.kind != MetricKind::choice) {
    throw ArgumentError("MetricTable::set_answer",
                        fmt::format("metric '{}' is not a declared choice", metric));
  }
  if (unit.empty() || answer.empty()) {
    throw ArgumentError("MetricTable::set_answer", "empty unit or answer");
  }
  auto unit_it = values_.find(unit);
  if (unit_it == values_.end())
    unit_it = values_.emplace(std::string(unit), decltype(values_)::mapped_type()).first;
  unit_it->second.insert_or_assign(std::string(metric),
                                   MetricValue{0, 0, MetricKind::choice, std::string(answer)});
}

bool MetricTable::declared(std::string_view metric) const noexcept {
  return info_.find(metric) != info_.end();
}

std::optional<MetricKind> MetricTable::kind(std::string_view metric) const noexcept {
  const auto it = info_.find(metric);
  if (it == info_.end()) return std::nullopt;
  return it->second.kind;
}

std::string_view MetricTable::source(std::string_view metric) const noexcept {
  const auto it = info_.find(metric);
  return it == info_.end() ? std::string_view() : std::string_view(it->second.source);
}

bool MetricTable::has(std::string_view unit, std::string_view metric) const noexcept {
  const auto u = values_.find(unit);
  return u != values_.end() && u->second.find(metric) != u->second.end();
}

std::optional<MetricValue> MetricTable::get(std::string_view unit, std::string_view metric) const {
  const auto info = info_.find(metric);
  if (info == info_.end()) return std::nullopt;
  if (const auto u = values_.find(unit); u != values_.end()) {
    if (const auto v = u->second.find(metric); v != u->second.end()) return v->second;
  }
  return MetricValue{0, 0, info->second.kind, {}};
}

std::vector<std::string> MetricTable::units() const {
  std::vector<std::string> units;
  for (const auto& [unit, values] : values_) {
    if (unit != kTotalUnit && !values.empty()) units.push_back(unit);
  }
  return units;
}

std::vector<std::string> MetricTable::metrics() const {
  std::vector<std::string> names;
  for (const auto& [name, info] : info_) names.push_back(name);
  return names;
}

void load_metric_values_csv(std::string_view text, std::string_view origin, MetricTable& table) {
  const detail::small_csv::CsvTable csv(text, std::string(origin));
  const std::size_t c_unit = csv.require("unit");
  const std::size_t c_metric = csv.require("metric");
  const std::size_t c_num = csv.require("numerator");
  const std::size_t c_den = csv.require("denominator");
  if (const auto extra =
          csv.unknown_columns({"unit", "metric", "numerator", "denominator", "note"});
      !extra.empty()) {
    throw DataError(csv.origin(), "line 1", extra.front(),
                    "unknown column (expected unit, metric, numerator, denominator, note)");
  }
  // Validate the whole file before touching the table, so that a bad file leaves it unchanged.
  struct Row {
    std::string unit, metric;
    double numerator, denominator;
    MetricKind kind;
  };
  std::vector<Row> rows;
  std::map<std::string, std::pair<MetricKind, std::uint64_t>, std::less<>> kinds;
  std::set<std::pair<std::string, std::string>> seen;
  for (const detail::small_csv::Row& r : csv.records()) {
    const std::string where = fmt::format("line {}", r.line);
    const std::string& unit = r.fields[c_unit];
    const std::string& metric = r.fields[c_metric];
    if (unit.empty()) throw DataError(csv.origin(), where, "unit", "empty unit");
    if (metric.empty()) throw DataError(csv.origin(), where, "metric", "empty metric name");
    const auto numerator = detail::small_csv::parse_number(r.fields[c_num]);
    if (!numerator || *numerator < 0) {
      throw DataError(csv.origin(), where, "numerator",
                      fmt::format("'{}' is not a number ≥ 0", r.fields[c_num]));
    }
    MetricKind kind = MetricKind::count;
    double denominator = 0;
    if (!r.fields[c_den].empty()) {
      const auto d = detail::small_csv::parse_number(r.fields[c_den]);
      if (!d || *d < 0) {
        throw DataError(
            csv.origin(), where, "denominator",
            fmt::format("'{}' is not a number ≥ 0 (leave it empty for a count)", r.fields[c_den]));
      }
      kind = MetricKind::rate;
      denominator = *d;
    }
    if (!seen.emplace(unit, metric).second) {
      throw DataError(csv.origin(), where, "metric",
                      fmt::format("a second value of '{}' for unit '{}'", metric, unit));
    }
    const auto [k, inserted] = kinds.try_emplace(metric, kind, r.line);
    if (!inserted && k->second.first != kind) {
      throw DataError(
          csv.origin(), where, "denominator",
          fmt::format("'{}' is a {} here but a {} on line {} (a count has an empty "
                      "denominator)",
                      metric, to_string(kind), to_string(k->second.first), k->second.second));
    }
    if (table.declared(metric) &&
        (table.source(metric) != csv.origin() || table.kind(metric) != kind)) {
      throw DataError(csv.origin(), where, "metric",
                      fmt::format("'{}' is already given by {}: choose another name", metric,
                                  table.source(metric)));
    }
    rows.push_back({unit, metric, *numerator, denominator, kind});
  }
  for (const Row& row : rows) {
    table.declare(row.metric, row.kind, csv.origin());
    table.set(row.unit, row.metric, row.numerator, row.denominator);
  }
}

void load_metric_values_csv(const std::filesystem::path& file, MetricTable& table) {
  load_metric_values_csv(detail::small_csv::read_text_file(file), file.string(), table);
}

void add_sipas_index(MetricTable& table, std::string_view unit, std::string_view element,
                     double index_percent) {
  if (!(index_percent >= 0 && index_percent <= 100)) {
    throw ArgumentError("add_sipas_index",
                        fmt::format("index {} of '{}' is outside 0–100", index_percent, unit));
  }
  if (element.empty()) throw ArgumentError("add_sipas_index", "empty element");
  const std::string metric = fmt::format("sipas.{}", element);
  table.declare(metric, MetricKind::rate, "sipas");
  table.set(unit, metric, index_percent, 100.0);
}

}  // namespace parmetrics
