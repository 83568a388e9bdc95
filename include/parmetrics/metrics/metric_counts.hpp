#pragma once
// The counts a report is made of: a plain struct of 64-bit counters that merge by addition, so
// that every thread counts its own share of the dossiers and a group's figures are the sum of its
// parts (a district's are its own plus its communes'). Rates are computed from merged counts,
// never averaged.

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string_view>

#include <parmetrics/export.hpp>

namespace parmetrics {

struct MetricCounts {
  // Scope. in_scope = received + carried_over.
  std::uint64_t in_scope = 0;
  std::uint64_t received = 0;      ///< received in the period
  std::uint64_t carried_over = 0;  ///< received earlier, not ended before the period
  // Channels of the dossiers received in the period (online + direct + postal = received).
  std::uint64_t online = 0;
  std::uint64_t direct = 0;
  std::uint64_t postal = 0;
  // Timeliness of the dossiers in scope; these seven add up to in_scope. The first five are the
  // judged dossiers, the denominator of the timeliness rates (rates.hpp).
  std::uint64_t early = 0;
  std::uint64_t on_time = 0;
  std::uint64_t late = 0;
  std::uint64_t within_time = 0;
  std::uint64_t overdue = 0;
  std::uint64_t no_appointment = 0;  ///< not judged: no appointment recorded or computable
  std::uint64_t end_unknown = 0;     ///< not judged: ended at a time not recorded
  // Supplements (yêu cầu bổ sung) of the dossiers in scope, requested by as-of.
  std::uint64_t with_supplement = 0;       ///< dossiers with at least one request
  std::uint64_t supplement_requests = 0;   ///< requests
  std::uint64_t multiple_supplements = 0;  ///< dossiers with more than one request
  std::uint64_t open_supplement = 0;       ///< dossiers waiting for the applicant at as-of
  // Apologies: needed = late + overdue = on_time + late + missing.
  std::uint64_t apology_needed = 0;
  std::uint64_t apology_on_time = 0;
  std::uint64_t apology_late = 0;
  std::uint64_t apology_missing = 0;
  std::uint64_t apology_public = 0;
  /// Needed an apology and were given a new appointment = kept + missed + pending.
  std::uint64_t new_appointment = 0;
  std::uint64_t new_appointment_kept = 0;     ///< ended by the new appointment
  std::uint64_t new_appointment_missed = 0;   ///< ended after it, or still open past it
  std::uint64_t new_appointment_pending = 0;  ///< still open, the new appointment not yet come
  std::uint64_t new_appointment_due = 0;      ///< decided by as-of: kept + missed
  // Digitisation, payment, sync and feedback of the dossiers received in the period.
  std::uint64_t digitised = 0;
  std::uint64_t e_result = 0;
  std::uint64_t digitised_e_result = 0;  ///< both
  std::uint64_t reused = 0;
  std::uint64_t from_store = 0;
  std::uint64_t vneid = 0;
  std::uint64_t fee_due = 0;
  std::uint64_t paid_online = 0;
  std::uint64_t synced = 0;
  std::uint64_t feedback_complaint = 0;
  std::uint64_t feedback_dislike = 0;
  // Processing time of the dossiers in scope that ended by as-of (not withdrawn).
  std::uint64_t processed = 0;
  std::uint64_t processing_minutes = 0;  ///< working minutes, summed
  /// Withdrawn dossiers left out under WithdrawnPolicy::exclude (not in in_scope).
  std::uint64_t withdrawn_excluded = 0;
  // Splits the official forms need (docs/forms.md); last, so that earlier CSV columns keep their
  // places.
  /// Received online for a procedure offered fully online (toàn trình, Procedure::online ==
  /// OnlineLevel::full); the rest of `online` is partly online (một phần) or of unknown level.
  std::uint64_t online_full = 0;
  /// Of `no_appointment`, those ended by as-of (the rest are pending).
  std::uint64_t no_appointment_ended = 0;
  /// Of `late` and of `overdue`, those with an apology issued by as-of (on time or late).
  std::uint64_t late_apologised = 0;
  std::uint64_t overdue_apologised = 0;
  /// Of `online`, those for a procedure offered partly online (một phần, OnlineLevel::partial).
  /// online - online_full - online_partial: a procedure of no online level, or none recorded.
  std::uint64_t online_partial = 0;

  PARMETRICS_API MetricCounts& operator+=(const MetricCounts& other) noexcept;
  friend bool operator==(const MetricCounts&, const MetricCounts&) = default;
};

/// A count's stable name (the CSV column and JSON key) and its member.
struct CountField {
  std::string_view name;
  std::uint64_t MetricCounts::*member;
};

/// Every count, in the order of the struct (and of the CSV columns after the fixed ones).
PARMETRICS_API std::span<const CountField> count_fields() noexcept;

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// Writes the counts that are not zero: "{in_scope: 3, received: 3, early: 1, …}".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const MetricCounts& value);

}  // namespace parmetrics
