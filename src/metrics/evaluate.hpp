#pragma once
// The rules of timeliness.hpp, inline, so that the engine's loop and evaluate_dossier() run the
// very same code. Most dossiers have no event: that path costs a few compares and, for ended
// dossiers, one working-time difference.

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/metrics/timeliness.hpp>

namespace parmetrics::detail {

[[gnu::always_inline]] inline bool after(MinuteStamp a, MinuteStamp b, Granularity g) noexcept {
  return g == Granularity::minute ? a > b : day_of(a) > day_of(b);
}

/// The instant a pending dossier is judged at. By dates, an as-of at midnight (the default: 24:00
/// of the period's last day) belongs to the day it ends: a dossier due that day and still open
/// then is not yet past its day.
[[gnu::always_inline]] inline MinuteStamp pending_instant(MinuteStamp as_of,
                                                          Granularity g) noexcept {
  return g == Granularity::day && as_of % kMinutesPerDay == 0 ? as_of - 1 : as_of;
}

/// Whether the scan may take its short path for dossiers with no event: the policies it spells
/// out are the default ones.
inline bool short_path_applies(const TimelinessPolicy& policy) noexcept {
  return policy.withdrawn != WithdrawnPolicy::on_time && !policy.stopped_within_time;
}

[[gnu::always_inline]] inline DossierEvaluation evaluate_inline(
    StoredTime received, StoredTime appointment, StoredTime ended, std::uint8_t status,
    std::span<const StoredEvent> events, MinuteStamp as_of, const WorkingCalendar& calendar,
    const TimelinessPolicy& policy) {
  DossierEvaluation ev;
  ev.ended = ended != kNoTime && ended <= as_of;
  const EndKind kind = dossier_status::end_kind(status);
  if (ev.ended && kind == EndKind::withdrawn && policy.withdrawn == WithdrawnPolicy::exclude) {
    ev.timeliness = Timeliness::excluded;
    ev.end_instant = ended;
    return ev;
  }

  // Events up to as-of (they are sorted by time): pauses, the open request, apologies.
  std::int64_t pause_working = 0;
  std::int64_t pause_elapsed = 0;
  // Overlapping pauses count once (their union): events come by start, so each completed pause
  // counts only from where the ones before it end.
  MinuteStamp paused_until = 0;
  MinuteStamp open_request = 0;
  bool first_apology_seen = false;
  MinuteStamp first_apology = 0;
  bool new_appointment_seen = false;
  MinuteStamp new_appointment = 0;
  bool any_public = false;
  for (const StoredEvent& e : events) {
    if (e.at > as_of) break;
    if (e.kind == EventKind::supplement) {
      ++ev.supplement_requests;
      if (e.second != kNoTime && e.second <= as_of) {
        const MinuteStamp from = e.at > paused_until ? e.at : paused_until;
        if (e.second > from) {
          pause_working += calendar.working_minutes_between(from, e.second);
          pause_elapsed += e.second - from;
          paused_until = e.second;
        }
      } else if (!ev.open_supplement) {
        ev.open_supplement = true;
        open_request = e.at;
      }
    } else {
      if (!first_apology_seen) {
        first_apology_seen = true;
        first_apology = e.at;
      }
      any_public = any_public || e.is_public;
      // The latest promise is the one in force.
      if (e.second != kNoTime) {
        new_appointment_seen = true;
        new_appointment = e.second;
      }
    }
  }
  // An end recorded by as-of wins over a request left open in the data.
  if (ev.ended) ev.open_supplement = false;
  if (ev.ended && kind == EndKind::withdrawn && policy.withdrawn == WithdrawnPolicy::on_time) {
    ev.end_instant = ended == kEndUnknown ? as_of : ended;
    ev.timeliness = Timeliness::on_time;
    return ev;
  }
  if (ev.ended && kind == EndKind::stopped && policy.stopped_within_time) {
    ev.ended = false;
    ev.end_instant = as_of;
    ev.timeliness = Timeliness::within_time;
    return ev;
  }
  if (ended == kEndUnknown) [[unlikely]] {
    // Ended, but when is not known: nothing to compare with the appointment or to time.
    ev.end_instant = as_of;
    ev.timeliness = Timeliness::end_unknown;
    return ev;
  }
  ev.end_instant = ev.ended             ? ended
                   : ev.open_supplement ? open_request
                                        : pending_instant(as_of, policy.granularity);

  if (ev.ended && kind != EndKind::withdrawn) {
    const std::int64_t m =
        calendar.working_minutes_between(received, ev.end_instant) - pause_working;
    ev.processing_minutes = m < 0 ? 0 : m;
  }

  if (appointment == kNoTime) {
    ev.timeliness = Timeliness::no_appointment;
    return ev;
  }
  if (policy.pause == PausePolicy::working_time) {
    ev.effective_appointment =
        pause_working > 0 ? calendar.add_working_minutes(appointment, pause_working) : appointment;
  } else {
    ev.effective_appointment = appointment + pause_elapsed;
  }

  const Granularity g = policy.granularity;
  bool late = after(ev.end_instant, ev.effective_appointment, g) ||
              (policy.multiple_supplements_late && ev.supplement_requests > 1);
  if (!ev.ended && ev.open_supplement && policy.open_supplement_within_time) late = false;
  if (ev.ended) {
    ev.timeliness = late ? Timeliness::late
                    : day_of(ev.end_instant) < day_of(ev.effective_appointment)
                        ? Timeliness::early
                        : Timeliness::on_time;
  } else {
    ev.timeliness = late ? Timeliness::overdue : Timeliness::within_time;
  }
  if (!late) return ev;

  if (!first_apology_seen) {
    ev.apology = ApologyStatus::missing;
  } else {
    bool on_time;
    if (policy.apology_lead_days <= 0) {
      on_time = !after(first_apology, ev.effective_appointment, g);
    } else {
      const DayNumber deadline =
          calendar.advance(day_of(ev.effective_appointment), -policy.apology_lead_days);
      on_time = day_of(first_apology) <= deadline;
    }
    ev.apology = on_time ? ApologyStatus::on_time : ApologyStatus::late;
  }
  ev.apology_public = any_public;
  if (new_appointment_seen) {
    ev.new_appointment = after(ev.end_instant, new_appointment, g) ? NewAppointment::missed
                         : ev.ended                                ? NewAppointment::kept
                                                                   : NewAppointment::pending;
  }
  return ev;
}

}  // namespace parmetrics::detail
