// The engine's inner loops: one template instance per key source, so that the key costs no
// branch. See report.cpp for the plan they run and docs/metrics.md §12.

#include <algorithm>
#include <span>

#include <parmetrics/calendar/working_calendar.hpp>

#include "metrics/attribution.hpp"
#include "metrics/engine.hpp"
#include "metrics/evaluate.hpp"

namespace parmetrics::detail {

namespace {

/// The key part of a dossier of a routed unit (several nodes: by day, commune or share).
[[gnu::noinline]] std::uint32_t routed_key(const Plan& plan, const Columns& col,
                                           DossierStore::Index i, std::uint32_t entry) {
  const UnitId commune = col.commune != nullptr ? col.commune[i] : kNoCommune;
  std::uint32_t node = route_node(*plan.attribution, entry, day_of(col.received[i]), commune);
  if (node == kNoNode) {
    const std::uint32_t bucket =
        col.share != nullptr ? col.share[i] : share_bucket(col.store->code(i));
    node = share_node(*plan.attribution, entry, bucket);
  }
  return plan.node_key[node];
}

/// The key part of dossier i's unit, or kSkip.
[[gnu::always_inline]] inline std::uint32_t unit_key_of(const Plan& plan, const Columns& col,
                                                        DossierStore::Index i) {
  const std::uint32_t k = plan.unit_key[col.unit[i]];
  if ((k & kRouted) == 0 || k == kSkip) [[likely]]
    return k;
  return routed_key(plan, col, i, k);
}

/// Scope, channel, flags and feedback: what a dossier counts for before its timeliness.
[[gnu::always_inline]] inline void count_scope(MetricCounts& c, bool carried, std::uint8_t status,
                                               std::uint8_t flags, std::uint8_t online_level) {
  ++c.in_scope;
  if (carried) {
    ++c.carried_over;
    return;
  }
  ++c.received;
  const Channel ch = dossier_status::channel(status);
  c.online += ch == Channel::online;
  c.direct += ch == Channel::direct;
  c.postal += ch == Channel::postal;
  c.online_full += online_level == 2;
  c.online_partial += online_level == 1;
  if (flags != 0) {
    c.digitised += (flags & dossier_flag::digitised) != 0;
    c.e_result += (flags & dossier_flag::e_result) != 0;
    constexpr std::uint8_t both = dossier_flag::digitised | dossier_flag::e_result;
    c.digitised_e_result += (flags & both) == both;
    c.reused += (flags & dossier_flag::reused) != 0;
    c.from_store += (flags & dossier_flag::from_store) != 0;
    c.vneid += (flags & dossier_flag::vneid) != 0;
    c.fee_due += (flags & dossier_flag::fee_due) != 0;
    c.paid_online += (flags & dossier_flag::paid_online) != 0;
    c.synced += (flags & dossier_flag::synced) != 0;
  }
  const Feedback fb = dossier_status::feedback(status);
  c.feedback_complaint += fb == Feedback::complaint;
  c.feedback_dislike += fb == Feedback::dislike;
}

[[gnu::always_inline]] inline void accumulate(MetricCounts& c, const DossierEvaluation& ev,
                                              bool carried, std::uint8_t status, std::uint8_t flags,
                                              std::uint8_t online_level) {
  if (ev.timeliness == Timeliness::excluded) {
    ++c.withdrawn_excluded;
    return;
  }
  count_scope(c, carried, status, flags, online_level);
  switch (ev.timeliness) {
    case Timeliness::early:
      ++c.early;
      break;
    case Timeliness::on_time:
      ++c.on_time;
      break;
    case Timeliness::late:
      ++c.late;
      break;
    case Timeliness::within_time:
      ++c.within_time;
      break;
    case Timeliness::overdue:
      ++c.overdue;
      break;
    case Timeliness::no_appointment:
      ++c.no_appointment;
      c.no_appointment_ended += ev.ended;
      break;
    case Timeliness::end_unknown:
      ++c.end_unknown;
      break;
    case Timeliness::excluded:
      break;
  }
  if (ev.supplement_requests != 0) {
    ++c.with_supplement;
    c.supplement_requests += ev.supplement_requests;
    c.multiple_supplements += ev.supplement_requests > 1;
    c.open_supplement += ev.open_supplement;
  }
  if (ev.apology != ApologyStatus::not_needed) {
    ++c.apology_needed;
    c.apology_on_time += ev.apology == ApologyStatus::on_time;
    c.apology_late += ev.apology == ApologyStatus::late;
    c.apology_missing += ev.apology == ApologyStatus::missing;
    c.apology_public += ev.apology_public;
    if (ev.apology != ApologyStatus::missing) {
      c.late_apologised += ev.ended;
      c.overdue_apologised += !ev.ended;
    }
    c.new_appointment += ev.new_appointment != NewAppointment::none;
    c.new_appointment_kept += ev.new_appointment == NewAppointment::kept;
    c.new_appointment_missed += ev.new_appointment == NewAppointment::missed;
    c.new_appointment_pending += ev.new_appointment == NewAppointment::pending;
    c.new_appointment_due +=
        ev.new_appointment == NewAppointment::kept || ev.new_appointment == NewAppointment::missed;
  }
  if (ev.processing_minutes >= 0) {
    ++c.processed;
    c.processing_minutes += static_cast<std::uint64_t>(ev.processing_minutes);
  }
}

/// The dossier's key, or kSkip when it is out of scope or filtered out (both passes use this).
template <KeySource S>
[[gnu::always_inline]] inline std::uint32_t key_of(const Plan& plan, const Columns& col,
                                                   DossierStore::Index i, MinuteStamp r,
                                                   std::uint8_t status) {
  const std::uint32_t unit_key = unit_key_of(plan, col, i);
  if (unit_key == kSkip) return kSkip;
  std::uint32_t proc_key = 0;
  if (plan.read_procedure) {
    const std::uint32_t p = col.procedure[i];
    proc_key = plan.proc_key[p < plan.procedures ? p : plan.procedures];
    if (proc_key == kSkip) return kSkip;
  }
  if (((plan.channel_mask >> (status & 3u)) & 1u) == 0) return kSkip;
  if constexpr (S == KeySource::unit) return unit_key;
  if constexpr (S == KeySource::procedure) return proc_key;
  if constexpr (S == KeySource::channel) return status & 3u;
  if constexpr (S == KeySource::day) {
    return plan.day_key[static_cast<std::size_t>(day_of(r) - plan.day0)];
  }
  return 0;
}

template <KeySource S>
void scan(const Plan& plan, const Columns& col, DossierStore::Index first, DossierStore::Index last,
          Partial& out, std::uint16_t* fine) {
  const MinuteStamp as_of = plan.as_of;
  const MinuteStamp start = plan.start;
  const MinuteStamp end = plan.end;
  const WorkingCalendar& calendar = *plan.calendar;
  MetricCounts* counts = out.counts.data();
  std::uint32_t* coarse = plan.quantiles ? out.coarse.data() : nullptr;
  const Granularity granularity = plan.policy.granularity;
  const bool withdrawn_excluded = plan.policy.withdrawn == WithdrawnPolicy::exclude;
  const bool short_path = detail::short_path_applies(plan.policy);
  const MinuteStamp pending_at = detail::pending_instant(as_of, granularity);
  for (DossierStore::Index i = first; i < last; ++i) {
    // Every slot is written here (the buffer is not initialised: its pages are first touched by
    // the thread that uses them).
    if (coarse != nullptr) fine[i] = kNoFine;
    const MinuteStamp r = col.received[i];
    if (r > as_of) continue;
    const StoredTime ended = col.ended[i];
    bool carried = false;
    if (r >= start) {
      if (r >= end) continue;
    } else {
      if (ended != kNoTime && ended < start) continue;
      carried = true;
    }
    if (col.unit[i] >= plan.units) {
      ++out.unknown_units;
      continue;
    }
    const std::uint8_t status = col.status[i];
    const std::uint32_t key = key_of<S>(plan, col, i, r, status);
    if (key == kSkip) continue;
    const std::uint32_t e0 = col.event_begin[i];
    const std::uint32_t e1 = col.event_begin[i + 1];
    MetricCounts& c = counts[key];
    std::int64_t processing = -1;
    std::uint8_t online_level = 0;
    if (plan.any_online_level && !carried && dossier_status::channel(status) == Channel::online) {
      const std::uint32_t p = col.procedure[i];
      online_level = plan.online_level[p < plan.procedures ? p : plan.procedures];
    }
    if (e0 == e1 && short_path) {
      // Most dossiers have no event: evaluate_inline() without pauses, requests or apologies,
      // spelt out so that nothing but the counts is written.
      const bool ended_by = ended != kNoTime && ended <= as_of;
      const EndKind kind = dossier_status::end_kind(status);
      if (ended_by && kind == EndKind::withdrawn && withdrawn_excluded) {
        ++c.withdrawn_excluded;
        continue;
      }
      count_scope(c, carried, status, col.flags[i], online_level);
      if (ended == kEndUnknown) [[unlikely]] {
        ++c.end_unknown;  // ended at a time not recorded: not judged, not timed
        continue;
      }
      const MinuteStamp end_instant = ended_by ? ended : pending_at;
      if (ended_by && kind != EndKind::withdrawn) {
        processing = std::max<std::int64_t>(0, calendar.working_minutes_between(r, end_instant));
        ++c.processed;
        c.processing_minutes += static_cast<std::uint64_t>(processing);
      }
      const StoredTime appointment = col.appointment[i];
      if (appointment == kNoTime) {
        ++c.no_appointment;
        c.no_appointment_ended += ended_by;
      } else {
        const bool late = detail::after(end_instant, appointment, granularity);
        if (ended_by) {
          c.late += late;
          c.early += !late && day_of(end_instant) < day_of(appointment);
          c.on_time += !late && day_of(end_instant) >= day_of(appointment);
        } else {
          c.overdue += late;
          c.within_time += !late;
        }
        c.apology_needed += late;
        c.apology_missing += late;
      }
    } else {
      const DossierEvaluation ev = detail::evaluate_inline(
          static_cast<StoredTime>(r), col.appointment[i], ended, status,
          std::span<const StoredEvent>(col.events + e0, e1 - e0), as_of, calendar, plan.policy);
      accumulate(c, ev, carried, status, col.flags[i], online_level);
      processing = ev.processing_minutes;
    }
    if (coarse != nullptr && processing >= 0) {
      const std::size_t b = ProcessingBuckets::bucket_of(processing);
      fine[i] = static_cast<std::uint16_t>(b);
      ++coarse[key * kCoarse + b / kFinePerCoarse];
    }
  }
}

/// The key of a dossier that pass 1 counted (filters need no second look).
template <KeySource S>
[[gnu::always_inline]] inline std::uint32_t counted_key(const Plan& plan, const Columns& col,
                                                        DossierStore::Index i) {
  if constexpr (S == KeySource::unit) return unit_key_of(plan, col, i);
  if constexpr (S == KeySource::procedure) {
    const std::uint32_t p = col.procedure[i];
    return plan.proc_key[p < plan.procedures ? p : plan.procedures];
  }
  if constexpr (S == KeySource::channel) return col.status[i] & 3u;
  if constexpr (S == KeySource::day) {
    return plan.day_key[static_cast<std::size_t>(day_of(col.received[i]) - plan.day0)];
  }
  return 0;
}

/// The second pass: fine counts of the dossiers whose coarse bucket is a slot of their key. One
/// look-up and at most one increment per dossier; the groups are summed from the keys afterwards.
template <KeySource S>
void refine(const Plan& plan, const Columns& col, const Slots& slots, std::uint16_t* fine,
            DossierStore::Index first, DossierStore::Index last, std::vector<std::uint32_t>& out) {
  const std::int32_t* slot_of = slots.slot_of.data();
  std::uint32_t* counts = out.data();
  for (DossierStore::Index i = first; i < last; ++i) {
    const std::uint16_t f = fine[i];
    if (f == kNoFine) continue;
    const std::uint32_t key = counted_key<S>(plan, col, i);
    const std::int32_t slot = slot_of[key * kCoarse + f / kFinePerCoarse];
    if (slot < 0) {
      fine[i] = kNoFine;
      continue;
    }
    ++counts[static_cast<std::size_t>(slot) * kFinePerCoarse + f % kFinePerCoarse];
  }
}

/// The processing minutes of a dossier that pass 1 counted (ended by as-of, not withdrawn), as
/// pass 1 computed them.
std::int64_t processing_minutes(const Plan& plan, const Columns& col, DossierStore::Index i) {
  const MinuteStamp r = col.received[i];
  const std::uint32_t e0 = col.event_begin[i];
  const std::uint32_t e1 = col.event_begin[i + 1];
  if (e0 == e1) {
    return std::max<std::int64_t>(0, plan.calendar->working_minutes_between(r, col.ended[i]));
  }
  return detail::evaluate_inline(static_cast<StoredTime>(r), col.appointment[i], col.ended[i],
                                 col.status[i],
                                 std::span<const StoredEvent>(col.events + e0, e1 - e0), plan.as_of,
                                 *plan.calendar, plan.policy)
      .processing_minutes;
}

template <KeySource S>
void exact(const Plan& plan, const Columns& col, const Slots& coarse, const ExactSlots& slots,
           const std::uint16_t* fine, DossierStore::Index first, DossierStore::Index last,
           std::vector<std::vector<std::int64_t>>& out) {
  const std::int32_t* slot_of = coarse.slot_of.data();
  const std::uint64_t* fine_mask = slots.fine_mask.data();
  for (DossierStore::Index i = first; i < last; ++i) {
    const std::uint16_t f = fine[i];
    if (f == kNoFine) continue;
    const std::uint64_t key = counted_key<S>(plan, col, i);
    const std::int32_t c = slot_of[key * kCoarse + f / kFinePerCoarse];
    if (c < 0 || ((fine_mask[c] >> (f % kFinePerCoarse)) & 1u) == 0) continue;
    const auto it = slots.slot_of.find(key * ProcessingBuckets::kCount + f);
    if (it != slots.slot_of.end()) out[it->second].push_back(processing_minutes(plan, col, i));
  }
}

}  // namespace

void scan_range(KeySource source, const Plan& plan, const Columns& col, DossierStore::Index first,
                DossierStore::Index last, Partial& out, std::uint16_t* fine) {
  switch (source) {
    case KeySource::constant:
      return scan<KeySource::constant>(plan, col, first, last, out, fine);
    case KeySource::unit:
      return scan<KeySource::unit>(plan, col, first, last, out, fine);
    case KeySource::procedure:
      return scan<KeySource::procedure>(plan, col, first, last, out, fine);
    case KeySource::channel:
      return scan<KeySource::channel>(plan, col, first, last, out, fine);
    case KeySource::day:
      return scan<KeySource::day>(plan, col, first, last, out, fine);
  }
}

void refine_range(KeySource source, const Plan& plan, const Columns& col, const Slots& slots,
                  std::uint16_t* fine, DossierStore::Index first, DossierStore::Index last,
                  std::vector<std::uint32_t>& out) {
  switch (source) {
    case KeySource::constant:
      return refine<KeySource::constant>(plan, col, slots, fine, first, last, out);
    case KeySource::unit:
      return refine<KeySource::unit>(plan, col, slots, fine, first, last, out);
    case KeySource::procedure:
      return refine<KeySource::procedure>(plan, col, slots, fine, first, last, out);
    case KeySource::channel:
      return refine<KeySource::channel>(plan, col, slots, fine, first, last, out);
    case KeySource::day:
      return refine<KeySource::day>(plan, col, slots, fine, first, last, out);
  }
}

void exact_range(KeySource source, const Plan& plan, const Columns& col, const Slots& coarse,
                 const ExactSlots& slots, const std::uint16_t* fine, DossierStore::Index first,
                 DossierStore::Index last, std::vector<std::vector<std::int64_t>>& out) {
  switch (source) {
    case KeySource::constant:
      return exact<KeySource::constant>(plan, col, coarse, slots, fine, first, last, out);
    case KeySource::unit:
      return exact<KeySource::unit>(plan, col, coarse, slots, fine, first, last, out);
    case KeySource::procedure:
      return exact<KeySource::procedure>(plan, col, coarse, slots, fine, first, last, out);
    case KeySource::channel:
      return exact<KeySource::channel>(plan, col, coarse, slots, fine, first, last, out);
    case KeySource::day:
      return exact<KeySource::day>(plan, col, coarse, slots, fine, first, last, out);
  }
}

}  // namespace parmetrics::detail
