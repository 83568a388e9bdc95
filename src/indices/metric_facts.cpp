// Facts files (`unit,metric,value`): counts and categorical answers that dossiers do not carry —
// staff registered for a public-service account, documents signed digitally, who receives
// dossiers at the one-stop desk — and the rates derived from pairs of those counts.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/metric_table.hpp>

#include "indices/csv_table.hpp"

namespace parmetrics {

namespace {

// The non-dossier indicators of the Hiệp Đức conclusion of 31/8/2023 (primer §1) and of the
// digital-transformation plans it cites: each is a share of two counts a unit reports.
constexpr std::array<FactIndicator, 6> kFactIndicators{{
    {"vneid_activation_rate", "vneid_accounts_activated", "population",
     "Tỷ lệ công dân được kích hoạt tài khoản định danh điện tử (VNeID)"},
    {"staff_public_service_account_rate", "staff_with_public_service_account", "staff",
     "Tỷ lệ cán bộ, công chức, viên chức có tài khoản dịch vụ công"},
    {"staff_egov_app_rate", "staff_with_egov_app", "staff",
     "Tỷ lệ cán bộ, công chức, viên chức cài đặt, khai thác ứng dụng Egov của tỉnh"},
    {"digital_signature_rate", "documents_signed_digitally", "documents_issued",
     "Tỷ lệ văn bản ban hành được ký số trên hệ thống quản lý văn bản"},
    {"results_digitised_rate", "results_in_force_digitised", "results_in_force",
     "Tỷ lệ kết quả giải quyết TTHC còn hiệu lực được số hóa"},
    {"one_stop_system_rate", "dossiers_on_one_stop_system", "dossiers_in_paper_register",
     "Tỷ lệ hồ sơ có trên hệ thống Một cửa điện tử so với sổ theo dõi"},
}};

struct FactRow {
  std::string unit, metric, value;
  std::uint64_t line = 0;
};

std::vector<FactRow> read_rows(const detail::small_csv::CsvTable& csv) {
  const std::size_t c_unit = csv.require("unit");
  const std::size_t c_metric = csv.require("metric");
  const std::size_t c_value = csv.require("value");
  if (const auto extra = csv.unknown_columns({"unit", "metric", "value", "note"}); !extra.empty()) {
    throw DataError(csv.origin(), "line 1", extra.front(),
                    "unknown column (expected unit, metric, value, note)");
  }
  std::vector<FactRow> rows;
  std::set<std::pair<std::string, std::string>> seen;
  for (const detail::small_csv::Row& r : csv.records()) {
    const std::string where = fmt::format("line {}", r.line);
    FactRow row{r.fields[c_unit], r.fields[c_metric], r.fields[c_value], r.line};
    if (row.unit.empty()) throw DataError(csv.origin(), where, "unit", "empty unit");
    if (row.metric.empty()) throw DataError(csv.origin(), where, "metric", "empty metric name");
    if (row.value.empty()) {
      throw DataError(csv.origin(), where, "value", "empty value (a count or an answer)");
    }
    if (!seen.emplace(row.unit, row.metric).second) {
      throw DataError(csv.origin(), where, "metric",
                      fmt::format("a second value of '{}' for unit '{}'", row.metric, row.unit));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// A metric is a count when every value of it is a number: one answer in words makes it a choice.
std::map<std::string, MetricKind, std::less<>> kinds_of(const std::vector<FactRow>& rows) {
  std::map<std::string, MetricKind, std::less<>> kinds;
  for (const FactRow& r : rows) {
    const bool number = detail::small_csv::parse_number(r.value).has_value();
    auto [it, inserted] =
        kinds.try_emplace(r.metric, number ? MetricKind::count : MetricKind::choice);
    if (!number) it->second = MetricKind::choice;
  }
  return kinds;
}

void check_names(const std::string& origin, const std::vector<FactRow>& rows,
                 const std::map<std::string, MetricKind, std::less<>>& kinds,
                 const MetricTable& table) {
  for (const FactRow& r : rows) {
    const std::string where = fmt::format("line {}", r.line);
    const MetricKind kind = kinds.find(r.metric)->second;
    if (table.declared(r.metric) &&
        (table.source(r.metric) != origin || table.kind(r.metric) != kind)) {
      throw DataError(origin, where, "metric",
                      fmt::format("'{}' is already given by {}: choose another name", r.metric,
                                  table.source(r.metric)));
    }
    if (kind == MetricKind::count && *detail::small_csv::parse_number(r.value) < 0) {
      throw DataError(origin, where, "value", fmt::format("'{}' is a negative count", r.value));
    }
  }
}

// A rate the file would derive must not be one another source gives.
void check_derived(const std::string& origin, const std::vector<FactRow>& rows,
                   const MetricTable& table) {
  for (const FactIndicator& f : kFactIndicators) {
    const bool derived = std::any_of(rows.begin(), rows.end(),
                                     [&](const FactRow& r) { return r.metric == f.numerator; });
    if (derived && table.declared(f.rate) && table.source(f.rate) != origin) {
      throw DataError(origin, "", std::string(f.rate),
                      fmt::format("'{}' is already given by {}", f.rate, table.source(f.rate)));
    }
    for (const FactRow& r : rows) {
      if (derived && r.metric == f.rate) {
        throw DataError(origin, fmt::format("line {}", r.line), r.metric,
                        fmt::format("'{}' is derived from {} and {}: give those counts only",
                                    f.rate, f.numerator, f.denominator));
      }
    }
  }
}

// Sets every fact indicator whose two counts the file gives for a unit.
void derive_rates(const std::string& origin, const std::vector<FactRow>& rows, MetricTable& table) {
  std::map<std::pair<std::string, std::string>, double> counts;
  for (const FactRow& r : rows) {
    if (table.kind(r.metric) == MetricKind::count) {
      counts[{r.unit, r.metric}] = *detail::small_csv::parse_number(r.value);
    }
  }
  for (const FactIndicator& f : kFactIndicators) {
    for (const auto& [key, numerator] : counts) {
      if (key.second != f.numerator) continue;
      const auto d = counts.find({key.first, std::string(f.denominator)});
      if (d == counts.end()) continue;
      table.declare(f.rate, MetricKind::rate, origin);
      table.set(key.first, f.rate, numerator, d->second);
    }
  }
}

}  // namespace

std::span<const FactIndicator> fact_indicators() noexcept {
  return kFactIndicators;
}

void load_metric_facts_csv(std::string_view text, std::string_view origin, MetricTable& table) {
  const detail::small_csv::CsvTable csv(text, std::string(origin));
  const std::vector<FactRow> rows = read_rows(csv);
  const auto kinds = kinds_of(rows);
  // Everything is checked before the table changes, so that a bad file leaves it as it was.
  check_names(csv.origin(), rows, kinds, table);
  check_derived(csv.origin(), rows, table);
  for (const FactRow& r : rows) {
    const MetricKind kind = kinds.find(r.metric)->second;
    table.declare(r.metric, kind, csv.origin());
    if (kind == MetricKind::count) {
      table.set(r.unit, r.metric, *detail::small_csv::parse_number(r.value));
    } else {
      table.set_answer(r.unit, r.metric, r.value);
    }
  }
  derive_rates(csv.origin(), rows, table);
}

void load_metric_facts_csv(const std::filesystem::path& file, MetricTable& table) {
  load_metric_facts_csv(detail::small_csv::read_text_file(file), file.string(), table);
}

}  // namespace parmetrics
