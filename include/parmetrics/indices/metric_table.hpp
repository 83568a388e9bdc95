#pragma once
// Per-unit metric values by name: what scorecard rules (QĐ 766, PAR INDEX, DTI) and directive
// targets read. Every source feeds this one table — the rates and counts of the dossier-metrics
// report, the QĐ 766 item counts, SIPAS indices (sipas.overall, sipas.<element>), external ratios
// and counts (`unit,metric,numerator,denominator`) and facts (`unit,metric,value`: counts and
// categorical answers such as who receives dossiers) — through the same small interface, so that
// scoring never depends on how a value was obtained.
//
// Thread-safety: a MetricTable is a value: const lookups from any number of threads, declare() and
// set() from one thread with no reader.

#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>

namespace parmetrics {

struct Report;
struct SipasResult;

/// A rate is numerator / denominator (shown in percent); a count is a plain number (numerator); a
/// choice is a categorical answer (`answer`), such as "postal_staff" for who receives dossiers.
enum class MetricKind : unsigned char { rate, count, choice };

PARMETRICS_API std::string_view to_string(MetricKind kind) noexcept;

struct MetricValue {
  double numerator = 0;
  double denominator = 0;  ///< rates only
  MetricKind kind = MetricKind::rate;
  std::string answer;  ///< choices only

  /// A rate with a zero denominator: nothing happened (no late dossier, no complaint).
  bool empty() const noexcept { return kind == MetricKind::rate && denominator == 0; }
  /// A rate in percent (nullopt when empty), a count as is; nullopt for a choice.
  std::optional<double> value() const noexcept {
    if (kind == MetricKind::count) return numerator;
    if (kind == MetricKind::choice || denominator == 0) return std::nullopt;
    return 100.0 * numerator / denominator;
  }
};

/// The value rounded exactly, half away from zero, to `decimals`: a rate's percent (577/1000 →
/// 57.7), a count; nullopt for a rate of 0/0 and for a choice.
PARMETRICS_API std::optional<double> rounded_value(const MetricValue& v, int decimals = 2);
/// The value as shown: "57.70" for a rate (2 decimals), "3" for a count, the answer of a choice;
/// "n/a" for a rate of 0/0.
PARMETRICS_API std::string shown_value(const MetricValue& v);

/// The unit key that stands for the whole data set (the report's `total` row): the province's
/// value when no unit of level "province" carries one.
inline constexpr std::string_view kTotalUnit = "*";

class PARMETRICS_API MetricTable {
 public:
  /// Declares a metric: its kind and its source ("dossiers", "sipas", a file name). Only declared
  /// metrics may be named by a methodology or a target. Declaring again with the same kind and
  /// source is a no-op; another kind or source throws ArgumentError (one name, one
  /// meaning).
  void declare(std::string_view metric, MetricKind kind, std::string_view source);

  /// Sets a unit's value of a declared metric (replacing an earlier one); `unit` may be
  /// kTotalUnit. Throws ArgumentError for an undeclared metric, an empty unit, or a
  /// negative or non-finite number. A count ignores `denominator`.
  void set(std::string_view unit, std::string_view metric, double numerator,
           double denominator = 0);
  /// Sets a unit's answer to a declared choice metric. Throws ArgumentError for an
  /// undeclared metric, one that is not a choice, an empty unit or an empty answer.
  void set_answer(std::string_view unit, std::string_view metric, std::string_view answer);

  bool declared(std::string_view metric) const noexcept;
  std::optional<MetricKind> kind(std::string_view metric) const noexcept;
  /// The source a metric was declared with; empty when undeclared.
  std::string_view source(std::string_view metric) const noexcept;
  /// Whether a value was set for this unit (not defaulted).
  bool has(std::string_view unit, std::string_view metric) const noexcept;

  /// The unit's value. A declared metric with no value for the unit reads as empty (a rate with
  /// 0/0), zero (a count: a commune without dossiers has no online dossier) or no answer (a
  /// choice). nullopt when the metric is not declared.
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

/// Facts (số liệu tự báo cáo): CSV `unit,metric,value[,note]` — a count ("staff,42") or a
/// categorical answer ("bcci_reception,postal_staff"). A metric whose values are all numbers is a
/// count, else a choice (its numbers kept as answers). Every metric is declared with the file's
/// name as its source; then each indicator of fact_indicators() whose two counts the file gives
/// for a unit is set as a rate (vneid_activation_rate = vneid_accounts_activated / population).
/// Throws DataError (origin, line, field, reason) on an empty unit, metric or value, a duplicate
/// unit/metric row, a negative count, a name another source already declared, an unknown column.
PARMETRICS_API void load_metric_facts_csv(std::string_view text, std::string_view origin,
                                          MetricTable& table);
PARMETRICS_API void load_metric_facts_csv(const std::filesystem::path& file, MetricTable& table);

/// A rate computed from two counts of a facts file: the non-dossier indicators of a district's
/// digital-transformation and reform plans (the Hiệp Đức conclusion of 31/8/2023, docs/dti.md).
struct FactIndicator {
  std::string_view rate;         ///< e.g. "staff_public_service_account_rate"
  std::string_view numerator;    ///< e.g. "staff_with_public_service_account"
  std::string_view denominator;  ///< e.g. "staff"
  std::string_view meaning;      ///< the Vietnamese name
};

/// The rates load_metric_facts_csv derives, in a fixed order.
PARMETRICS_API std::span<const FactIndicator> fact_indicators() noexcept;

/// The dossier-metrics report's values: every rate of rate_infos() (docs/metrics.md) as a rate and
/// every count of count_fields() as a count, all with source "dossiers"; each row of a
/// GroupBy::unit report under its unit code (the row's counts: rolled up unless the report was
/// made without roll-up), the total under kTotalUnit. Throws ArgumentError for a report
/// grouped by anything but unit.
PARMETRICS_API void add_report_metrics(MetricTable& table, const Report& report);

/// SIPAS results: `sipas.overall` and `sipas.<element>` of every group (a unit code; the group
/// "all" of a survey not split by unit as kTotalUnit), the satisfied share in percent over 100.
/// Every element of the results is declared, so that a methodology may name one nobody answered
/// at some unit (it reads as empty there).
PARMETRICS_API void add_sipas_metrics(MetricTable& table, const SipasResult& sipas);

/// The hook for single SIPAS values: stores a satisfaction index (in percent, 0–100) of `unit` (or
/// kTotalUnit for the whole survey) as the rate `sipas.<element>` with denominator 100; element
/// "overall" gives `sipas.overall`. Throws ArgumentError outside 0–100.
PARMETRICS_API void add_sipas_index(MetricTable& table, std::string_view unit,
                                    std::string_view element, double index_percent);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, MetricKind value);

}  // namespace parmetrics
