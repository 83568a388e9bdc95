#pragma once
// Rates as percentages of merged counts, with the numerator and denominator kept: a zero
// denominator gives "n/a", never NaN. Each rate has a stable name (CSV column, JSON key, and the
// name the PAR INDEX and service-index methodologies refer to); docs/metrics.md lists them.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <parmetrics/export.hpp>
#include <parmetrics/metrics/metric_counts.hpp>

namespace parmetrics {

struct Rate {
  std::uint64_t numerator = 0;
  std::uint64_t denominator = 0;

  constexpr bool defined() const noexcept { return denominator != 0; }
  /// The percentage in hundredths, rounded half up (783 for 7.83 %); nullopt when undefined.
  PARMETRICS_API std::optional<std::int64_t> hundredths() const noexcept;
  /// The percentage rounded to 2 decimals; nullopt when undefined.
  std::optional<double> percent() const noexcept {
    const auto h = hundredths();
    if (!h) return std::nullopt;
    return static_cast<double>(*h) / 100.0;
  }
  /// "7.83" (2 decimals, no % sign), or "n/a" for a zero denominator.
  PARMETRICS_API std::string to_string() const;

  /// Exact comparison of the fractions (no rounding); both must be defined.
  PARMETRICS_API friend int compare(const Rate& a, const Rate& b) noexcept;
  friend bool operator==(const Rate&, const Rate&) = default;
};

enum class RateId : std::uint8_t {
  late_rate,
  on_time_rate,
  early_rate,
  overdue_rate,
  online_rate,
  direct_rate,
  postal_rate,
  carried_over_rate,
  supplement_rate,
  multiple_supplement_rate,
  apology_on_time_rate,
  apology_rate,
  apology_missing_rate,
  apology_public_rate,
  new_appointment_kept_rate,
  digitised_rate,
  e_result_rate,
  digitised_e_result_rate,
  reused_rate,
  from_store_rate,
  vneid_rate,
  fee_due_rate,
  paid_online_rate,
  synced_rate,
  feedback_negative_rate,
};

struct RateInfo {
  RateId id;
  std::string_view name;         ///< stable: "late_rate"
  std::string_view numerator;    ///< in count names: "late + overdue"
  std::string_view denominator;  ///< in count names: "in_scope", "early + on_time + …"
};

/// Every rate, in RateId order.
PARMETRICS_API std::span<const RateInfo> rate_infos() noexcept;
PARMETRICS_API const RateInfo& rate_info(RateId id) noexcept;
PARMETRICS_API std::optional<RateId> find_rate(std::string_view name) noexcept;
PARMETRICS_API Rate rate(const MetricCounts& counts, RateId id) noexcept;

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a RateId: "late_rate", …
PARMETRICS_API std::string_view to_string(RateId value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, RateId value);
/// Writes "7.83 % (61/779)", or "n/a (0/0)".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const Rate& value);

}  // namespace parmetrics
