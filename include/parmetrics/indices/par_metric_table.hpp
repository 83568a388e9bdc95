#pragma once
// Per-unit metric values by name: what PAR INDEX rules and directive targets read. Three sources
// feed it — the rates of the dossier-metrics report, SIPAS indices (sipas.overall,
// sipas.<element>) and external values from a CSV file — each through the same small interface,
// so that scoring never depends on how a value was obtained.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>

namespace parmetrics {

struct Report;
struct SipasResult;

/// A rate is numerator / denominator (shown in percent); a count is a plain number (numerator).
enum class MetricKind : unsigned char { rate, count };

PARMETRICS_API std::string_view to_string(MetricKind kind) noexcept;

struct MetricValue {
  double numerator = 0;
  double denominator = 0;  ///< rates only
  MetricKind kind = MetricKind::rate;

  /// A rate with a zero denominator: nothing happened (no late dossier, no complaint).
  bool empty() const noexcept { return kind == MetricKind::rate && denominator == 0; }
  /// A rate in percent (nullopt when empty), a count as is.
  std::optional<double> value() const noexcept {
    if (kind == MetricKind::count) return numerator;
    if (denominator == 0) return std::nullopt;
    return 100.0 * numerator / denominator;
  }
};

/// The unit key that stands for the whole data set (the report's `total` row): the province's
/// value when no unit of level "province" carries one.
inline constexpr std::string_view kTotalUnit = "*";

class PARMETRICS_API MetricTable {
 public:
  /// Declares a metric: its kind and its source ("dossiers", "sipas", a file name). Only declared
  /// metrics may be named by a methodology or a target. Declaring again with the same kind and
  /// source is a no-op; another kind or source throws std::invalid_argument (one name, one
  /// meaning).
  void declare(std::string_view metric, MetricKind kind, std::string_view source);

  /// Sets a unit's value of a declared metric (replacing an earlier one); `unit` may be
  /// kTotalUnit. Throws std::invalid_argument for an undeclared metric, an empty unit, or a
  /// negative or non-finite number. A count ignores `denominator`.
  void set(std::string_view unit, std::string_view metric, double numerator,
           double denominator = 0);

  bool declared(std::string_view metric) const noexcept;
  std::optional<MetricKind> kind(std::string_view metric) const noexcept;
  /// The source a metric was declared with; empty when undeclared.
  std::string_view source(std::string_view metric) const noexcept;
  /// Whether a value was set for this unit (not defaulted).
  bool has(std::string_view unit, std::string_view metric) const noexcept;

  /// The unit's value. A declared metric with no value for the unit reads as empty (a rate with
  /// 0/0) or zero (a count): a commune without dossiers has no online dossier. nullopt when the
  /// metric is not declared.
  std::optional<MetricValue> get(std::string_view unit, std::string_view metric) const;

  /// Units with at least one value, sorted, without kTotalUnit.
  std::vector<std::string> units() const;
  /// Declared metrics, sorted.
  std::vector<std::string> metrics() const;

 private:
  struct Info {
    MetricKind kind;
    std::string source;
  };
  std::map<std::string, Info, std::less<>> info_;
  std::map<std::string, std::map<std::string, MetricValue, std::less<>>, std::less<>> values_;
};

/// External values: CSV `unit,metric,numerator,denominator` (RFC 4180, header row, columns in any
/// order, UTF-8). An empty denominator makes the metric a count; unit `*` is the whole data set.
/// Every metric of the file is declared with the file's name as its source. Throws DataError
/// (origin, line, field, reason) on a malformed number, a duplicate unit/metric row, a metric
/// that is a rate on one line and a count on another, or a name another source already declared.
PARMETRICS_API void load_metric_values_csv(std::string_view text, std::string_view origin,
                                           MetricTable& table);
PARMETRICS_API void load_metric_values_csv(const std::filesystem::path& file, MetricTable& table);

/// The dossier-metrics report's values: every rate of rate_infos() (docs/metrics.md) as a rate and
/// every count of count_fields() as a count, all with source "dossiers"; each row of a
/// GroupBy::unit report under its unit code (the row's counts: rolled up unless the report was
/// made without roll-up), the total under kTotalUnit. Throws std::invalid_argument for a report
/// grouped by anything but unit.
PARMETRICS_API void add_report_metrics(MetricTable& table, const Report& report);

/// SIPAS results: `sipas.overall` and `sipas.<element>` of every group (a unit code; the group
/// "all" of a survey not split by unit as kTotalUnit), the satisfied share in percent over 100.
/// Every element of the results is declared, so that a methodology may name one nobody answered
/// at some unit (it reads as empty there).
PARMETRICS_API void add_sipas_metrics(MetricTable& table, const SipasResult& sipas);

/// The hook for single SIPAS values: stores a satisfaction index (in percent, 0–100) of `unit` (or
/// kTotalUnit for the whole survey) as the rate `sipas.<element>` with denominator 100; element
/// "overall" gives `sipas.overall`. Throws std::invalid_argument outside 0–100.
PARMETRICS_API void add_sipas_index(MetricTable& table, std::string_view unit,
                                    std::string_view element, double index_percent);

}  // namespace parmetrics
