#include <parmetrics/metrics/rates.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace parmetrics {

namespace {
// Products of two 64-bit counts, exact.
__extension__ typedef unsigned __int128 Wide;
}  // namespace

std::optional<std::int64_t> Rate::hundredths() const noexcept {
  if (denominator == 0) return std::nullopt;
  // percent × 100 = numerator × 10000 / denominator, rounded half up, in exact integers.
  const Wide scaled = static_cast<Wide>(numerator) * 20000u + denominator;
  return static_cast<std::int64_t>(scaled / (2u * static_cast<Wide>(denominator)));
}

std::string Rate::to_string() const {
  const auto h = hundredths();
  if (!h) return "n/a";
  return fmt::format("{}.{:02}", *h / 100, *h % 100);
}

int compare(const Rate& a, const Rate& b) noexcept {
  const auto l = static_cast<Wide>(a.numerator) * b.denominator;
  const auto r = static_cast<Wide>(b.numerator) * a.denominator;
  return l < r ? -1 : l > r ? 1 : 0;
}

namespace {

// The dossiers that could be judged: the timeliness rates leave out those with no appointment
// and those whose end time is unknown (issue 12), which the report counts on their own.
constexpr std::string_view kJudged = "early + on_time + late + within_time + overdue";

constexpr RateInfo kRates[] = {
    {RateId::late_rate, "late_rate", "late + overdue", kJudged},
    {RateId::on_time_rate, "on_time_rate", "early + on_time + within_time", kJudged},
    {RateId::early_rate, "early_rate", "early", kJudged},
    {RateId::overdue_rate, "overdue_rate", "overdue", kJudged},
    {RateId::online_rate, "online_rate", "online", "received"},
    {RateId::direct_rate, "direct_rate", "direct", "received"},
    {RateId::postal_rate, "postal_rate", "postal", "received"},
    {RateId::carried_over_rate, "carried_over_rate", "carried_over", "in_scope"},
    {RateId::supplement_rate, "supplement_rate", "with_supplement", "in_scope"},
    {RateId::multiple_supplement_rate, "multiple_supplement_rate", "multiple_supplements",
     "in_scope"},
    {RateId::apology_on_time_rate, "apology_on_time_rate", "apology_on_time", "apology_needed"},
    {RateId::apology_rate, "apology_rate", "apology_on_time + apology_late", "apology_needed"},
    {RateId::apology_missing_rate, "apology_missing_rate", "apology_missing", "apology_needed"},
    {RateId::apology_public_rate, "apology_public_rate", "apology_public", "apology_needed"},
    {RateId::new_appointment_kept_rate, "new_appointment_kept_rate", "new_appointment_kept",
     "new_appointment_due"},
    {RateId::digitised_rate, "digitised_rate", "digitised", "received"},
    {RateId::e_result_rate, "e_result_rate", "e_result", "received"},
    {RateId::digitised_e_result_rate, "digitised_e_result_rate", "digitised_e_result", "received"},
    {RateId::reused_rate, "reused_rate", "reused", "received"},
    {RateId::from_store_rate, "from_store_rate", "from_store", "received"},
    {RateId::vneid_rate, "vneid_rate", "vneid", "received"},
    {RateId::fee_due_rate, "fee_due_rate", "fee_due", "received"},
    {RateId::paid_online_rate, "paid_online_rate", "paid_online", "fee_due"},
    {RateId::synced_rate, "synced_rate", "synced", "received"},
    {RateId::feedback_negative_rate, "feedback_negative_rate",
     "feedback_complaint + feedback_dislike", "received"},
};

constexpr bool in_id_order() {
  for (std::size_t i = 0; i < std::size(kRates); ++i) {
    if (static_cast<std::size_t>(kRates[i].id) != i) return false;
  }
  return true;
}
static_assert(in_id_order());

}  // namespace

std::span<const RateInfo> rate_infos() noexcept {
  return kRates;
}

const RateInfo& rate_info(RateId id) noexcept {
  return kRates[static_cast<std::size_t>(id)];
}

std::optional<RateId> find_rate(std::string_view name) noexcept {
  const auto* it = std::find_if(std::begin(kRates), std::end(kRates),
                                [&](const RateInfo& r) { return r.name == name; });
  if (it == std::end(kRates)) return std::nullopt;
  return it->id;
}

Rate rate(const MetricCounts& c, RateId id) noexcept {
  const std::uint64_t judged = c.early + c.on_time + c.late + c.within_time + c.overdue;
  switch (id) {
    case RateId::late_rate:
      return {c.late + c.overdue, judged};
    case RateId::on_time_rate:
      return {c.early + c.on_time + c.within_time, judged};
    case RateId::early_rate:
      return {c.early, judged};
    case RateId::overdue_rate:
      return {c.overdue, judged};
    case RateId::online_rate:
      return {c.online, c.received};
    case RateId::direct_rate:
      return {c.direct, c.received};
    case RateId::postal_rate:
      return {c.postal, c.received};
    case RateId::carried_over_rate:
      return {c.carried_over, c.in_scope};
    case RateId::supplement_rate:
      return {c.with_supplement, c.in_scope};
    case RateId::multiple_supplement_rate:
      return {c.multiple_supplements, c.in_scope};
    case RateId::apology_on_time_rate:
      return {c.apology_on_time, c.apology_needed};
    case RateId::apology_rate:
      return {c.apology_on_time + c.apology_late, c.apology_needed};
    case RateId::apology_missing_rate:
      return {c.apology_missing, c.apology_needed};
    case RateId::apology_public_rate:
      return {c.apology_public, c.apology_needed};
    case RateId::new_appointment_kept_rate:
      // Of the promises decided by as-of: a dossier still before its new date is neither.
      return {c.new_appointment_kept, c.new_appointment_due};
    case RateId::digitised_rate:
      return {c.digitised, c.received};
    case RateId::e_result_rate:
      return {c.e_result, c.received};
    case RateId::digitised_e_result_rate:
      return {c.digitised_e_result, c.received};
    case RateId::reused_rate:
      return {c.reused, c.received};
    case RateId::from_store_rate:
      return {c.from_store, c.received};
    case RateId::vneid_rate:
      return {c.vneid, c.received};
    case RateId::fee_due_rate:
      return {c.fee_due, c.received};
    case RateId::paid_online_rate:
      return {c.paid_online, c.fee_due};
    case RateId::synced_rate:
      return {c.synced, c.received};
    case RateId::feedback_negative_rate:
      return {c.feedback_complaint + c.feedback_dislike, c.received};
  }
  return {};
}

}  // namespace parmetrics
