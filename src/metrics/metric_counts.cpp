#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/processing_time.hpp>

namespace parmetrics {

namespace {

#define PARMETRICS_COUNT(name) \
  CountField {                 \
#name, &MetricCounts::name \
  }
constexpr CountField kFields[] = {
    PARMETRICS_COUNT(in_scope),
    PARMETRICS_COUNT(received),
    PARMETRICS_COUNT(carried_over),
    PARMETRICS_COUNT(online),
    PARMETRICS_COUNT(direct),
    PARMETRICS_COUNT(postal),
    PARMETRICS_COUNT(early),
    PARMETRICS_COUNT(on_time),
    PARMETRICS_COUNT(late),
    PARMETRICS_COUNT(within_time),
    PARMETRICS_COUNT(overdue),
    PARMETRICS_COUNT(no_appointment),
    PARMETRICS_COUNT(end_unknown),
    PARMETRICS_COUNT(with_supplement),
    PARMETRICS_COUNT(supplement_requests),
    PARMETRICS_COUNT(multiple_supplements),
    PARMETRICS_COUNT(open_supplement),
    PARMETRICS_COUNT(apology_needed),
    PARMETRICS_COUNT(apology_on_time),
    PARMETRICS_COUNT(apology_late),
    PARMETRICS_COUNT(apology_missing),
    PARMETRICS_COUNT(apology_public),
    PARMETRICS_COUNT(new_appointment),
    PARMETRICS_COUNT(new_appointment_kept),
    PARMETRICS_COUNT(new_appointment_missed),
    PARMETRICS_COUNT(new_appointment_pending),
    PARMETRICS_COUNT(new_appointment_due),
    PARMETRICS_COUNT(digitised),
    PARMETRICS_COUNT(e_result),
    PARMETRICS_COUNT(digitised_e_result),
    PARMETRICS_COUNT(reused),
    PARMETRICS_COUNT(from_store),
    PARMETRICS_COUNT(vneid),
    PARMETRICS_COUNT(fee_due),
    PARMETRICS_COUNT(paid_online),
    PARMETRICS_COUNT(synced),
    PARMETRICS_COUNT(feedback_complaint),
    PARMETRICS_COUNT(feedback_dislike),
    PARMETRICS_COUNT(processed),
    PARMETRICS_COUNT(processing_minutes),
    PARMETRICS_COUNT(withdrawn_excluded),
    PARMETRICS_COUNT(online_full),
    PARMETRICS_COUNT(no_appointment_ended),
    PARMETRICS_COUNT(late_apologised),
    PARMETRICS_COUNT(overdue_apologised),
    PARMETRICS_COUNT(online_partial),
};
#undef PARMETRICS_COUNT

// Every member is listed: a new count that is not would be lost in merges.
static_assert(sizeof(MetricCounts) == std::size(kFields) * sizeof(std::uint64_t));

}  // namespace

MetricCounts& MetricCounts::operator+=(const MetricCounts& other) noexcept {
  for (const CountField& f : kFields) this->*f.member += other.*f.member;
  return *this;
}

std::span<const CountField> count_fields() noexcept {
  return kFields;
}

std::optional<std::int64_t> histogram_quantile(std::span<const std::uint32_t> buckets,
                                               std::uint64_t numerator,
                                               std::uint64_t denominator) noexcept {
  std::uint64_t n = 0;
  for (std::uint32_t c : buckets) n += c;
  if (n == 0 || denominator == 0) return std::nullopt;
  // Nearest rank: the smallest rank r with r >= q × n, and at least 1.
  std::uint64_t rank = (numerator * n + denominator - 1) / denominator;
  if (rank == 0) rank = 1;
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    seen += buckets[b];
    if (seen >= rank) return ProcessingBuckets::representative(b);
  }
  return std::nullopt;
}

ProcessingTime summarize_processing(std::span<const std::uint32_t> buckets, std::uint64_t count,
                                    std::uint64_t total_minutes) noexcept {
  ProcessingTime p;
  p.count = count;
  p.total_minutes = total_minutes;
  if (!buckets.empty()) {
    p.median_minutes = histogram_quantile(buckets, 1, 2);
    p.p90_minutes = histogram_quantile(buckets, 9, 10);
  }
  return p;
}

}  // namespace parmetrics
