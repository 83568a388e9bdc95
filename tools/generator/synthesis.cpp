#include "synthesis.hpp"

#include <algorithm>

namespace parmetrics::generator::detail {

namespace {

// Office hours of the default calendar: 07:00–11:30 and 13:30–17:00 (480 minutes).
constexpr int kMorningStart = 7 * 60;
constexpr int kMorningMinutes = 270;
constexpr int kAfternoonStart = 13 * 60 + 30;
constexpr int kOfficeMinutes = 480;
constexpr int kMorningEnd = kMorningStart + kMorningMinutes;
constexpr int kAfternoonEnd = 17 * 60;

int office_minute(Rng& rng) {
  const auto x = static_cast<int>(rng.below(kOfficeMinutes));
  return x < kMorningMinutes ? kMorningStart + x : kAfternoonStart + (x - kMorningMinutes);
}

// Working minutes the applicant takes to answer a supplement request.
std::int64_t answer_delay(Rng& rng) {
  const std::uint64_t u = rng.below(100);
  if (u < 60) return rng.between(240, 2400);  // half a day to a week
  if (u < 90) return rng.between(2401, 4800);
  return rng.between(4801, 9600);
}

// Working minutes past the effective appointment for a late end.
std::int64_t overrun(const Rates& rates, Rng& rng) {
  const std::uint64_t u = rng.below(kMillion);
  std::uint64_t edge = rates.overrun_day;
  if (u < edge) return rng.between(30, 480);
  if (u < (edge += rates.overrun_week)) return rng.between(481, 2400);
  if (u < (edge += rates.overrun_fortnight)) return rng.between(2401, 7200);
  return rng.between(7201, 14400);
}

// The first terminal status of an ended dossier.
EndKind draw_end_kind(const Rates& rates, Rng& rng) {
  const std::uint64_t u = rng.below(kMillion);
  std::uint64_t edge = rates.withdrawn;
  if (u < edge) return EndKind::withdrawn;
  if (u < (edge += rates.refused)) return EndKind::refused;
  if (u < (edge += rates.stopped)) return EndKind::stopped;
  if (u < (edge += rates.returned_kind)) return EndKind::returned;
  return EndKind::finished;
}

}  // namespace

Shaper::Shaper(const WorkingCalendar& calendar, MinuteStamp horizon,
               const std::vector<Procedure>& procedures)
    : calendar_(calendar), horizon_(horizon), procedures_(procedures) {
  working_minutes_.reserve(procedures.size());
  for (const Procedure& p : procedures) {
    working_minutes_.push_back(p.duration.unit() == StatutoryTime::Unit::calendar_days
                                   ? -1
                                   : calendar.working_minutes_of(p.duration));
  }
}

MinuteStamp Shaper::desk_time(DayNumber day, const Rates& rates, Rng& rng) const {
  if (rng.chance(rates.after_hours_direct)) {
    // Staff still at the desk a little after closing: the clock starts at the next interval.
    const int minute = rng.chance(500'000)
                           ? static_cast<int>(rng.between(kMorningEnd, kMorningEnd + 19))
                           : static_cast<int>(rng.between(kAfternoonEnd, kAfternoonEnd + 19));
    return to_minutes(day, minute);
  }
  return to_minutes(day, office_minute(rng));
}

MinuteStamp Shaper::online_time(DayNumber day, bool working_day, const Rates& rates,
                                Rng& rng) const {
  if (!working_day) return to_minutes(day, static_cast<int>(rng.between(7 * 60, 22 * 60 - 1)));
  if (rng.chance(rates.online_off_hours)) {
    // 05:00–07:00 or 17:00–23:00.
    const auto x = static_cast<int>(rng.below(120 + 360));
    return to_minutes(day, x < 120 ? 5 * 60 + x : kAfternoonEnd + (x - 120));
  }
  return to_minutes(day, office_minute(rng));
}

Timeline Shaper::plan(GeneratedDossier& d, const Rates& rates, Rng& rng) const {
  const Procedure& p = procedures_[d.procedure];
  d.appointment = calendar_.appointment(d.received, p.duration);
  d.supplement_count = 0;
  d.supplements = {};
  const MinuteStamp start = calendar_.next_working_instant(d.received);
  // Working time needs no look-up: the appointment is that many working minutes after start.
  const std::int64_t minutes = working_minutes_[d.procedure];
  const std::int64_t span =
      minutes >= 0 ? minutes : calendar_.working_minutes_between(start, d.appointment);
  std::int64_t moved = 0;
  // A supplement is asked during processing, before the appointment, and only where there is a
  // day or more to process.
  if (span >= 480 && rng.chance(rates.supplement)) {
    const MinuteStamp requested = calendar_.add_working_minutes(
        start, std::max<std::int64_t>(30, span * rng.between(10, 70) / 100));
    if (requested <= horizon_) {
      GeneratedSupplement s{requested, {}};
      if (!rng.chance(rates.never_completed)) {
        const MinuteStamp completed = calendar_.add_working_minutes(requested, answer_delay(rng));
        if (completed <= horizon_) s.completed = completed;
      }
      d.supplements[d.supplement_count++] = s;
      if (s.completed) {
        moved += calendar_.working_minutes_between(s.requested, *s.completed);
        if (rng.chance(rates.second_supplement)) {
          // Asked again within the time the unit had left at the first request.
          const std::int64_t left = calendar_.working_minutes_between(requested, d.appointment);
          const MinuteStamp again = calendar_.add_working_minutes(
              *s.completed, std::max<std::int64_t>(1, left * rng.between(10, 60) / 100));
          if (again <= horizon_) {
            GeneratedSupplement s2{again, {}};
            const MinuteStamp completed = calendar_.add_working_minutes(again, answer_delay(rng));
            if (completed <= horizon_) {
              s2.completed = completed;
              moved += calendar_.working_minutes_between(again, completed);
            }
            d.supplements[d.supplement_count++] = s2;
          }
        }
      }
    }
  }
  d.effective_appointment =
      moved > 0 ? calendar_.add_working_minutes(d.appointment, moved) : d.appointment;
  return {start, span};
}

bool Shaper::can_be_late(const GeneratedDossier& d) const noexcept {
  for (std::uint8_t i = 0; i < d.supplement_count; ++i) {
    if (!d.supplements[i].completed) return false;
  }
  return d.effective_appointment + 60 <= horizon_;
}

void Shaper::finish(GeneratedDossier& d, const Timeline& timeline, bool late, const Rates& rates,
                    Rng& rng) const {
  const Procedure& p = procedures_[d.procedure];
  d.ended.reset();
  d.end_kind = EndKind::none;
  d.returned.reset();
  d.apology.reset();
  d.flags = 0;
  d.feedback = Feedback::none;
  d.late = false;

  bool open = false;
  for (std::uint8_t i = 0; i < d.supplement_count; ++i) open |= !d.supplements[i].completed;
  const MinuteStamp a = d.effective_appointment;
  std::int64_t over = 0;
  MinuteStamp end = 0;
  // While the applicant owes a supplement the dossier waits: no end.
  if (!open) {
    const bool paused = d.supplement_count > 0;
    const MinuteStamp from =
        paused ? *d.supplements[d.supplement_count - 1].completed : timeline.start;
    if (late) {
      over = overrun(rates, rng);
      end = calendar_.add_working_minutes(a, over);
    } else {
      // add_working_minutes gives the earliest instant, so the end never passes `a`.
      const std::int64_t room = paused ? calendar_.working_minutes_between(from, a) : timeline.span;
      const std::int64_t used =
          room <= 1 ? 0 : std::max<std::int64_t>(1, room * rng.between(5, 100) / 100);
      end = calendar_.add_working_minutes(from, used);
    }
    d.late = late;
    if (end <= horizon_) {
      d.ended = end;
      d.end_kind = draw_end_kind(rates, rng);
    }
  }
  // More than one supplement request counts as late (the portal's policy).
  d.late = d.late || d.supplement_count >= 2;

  const bool online = d.channel == Channel::online;
  const bool result = d.end_kind == EndKind::finished || d.end_kind == EndKind::returned;
  if (rng.chance(online ? rates.digitised_online : rates.digitised_direct)) {
    d.flags |= dossier_flag::digitised;
  }
  if (result && rng.chance(rates.e_result)) d.flags |= dossier_flag::e_result;
  if (rng.chance(rates.reused)) d.flags |= dossier_flag::reused;
  if (online && rng.chance(rates.from_store_online)) d.flags |= dossier_flag::from_store;
  if (online && rng.chance(rates.vneid_online)) d.flags |= dossier_flag::vneid;
  if (p.fee && !rng.chance(rates.fee_exempt)) {
    d.flags |= dossier_flag::fee_due;
    if (online && rng.chance(rates.paid_online)) d.flags |= dossier_flag::paid_online;
  }
  if (rng.chance(rates.synced)) d.flags |= dossier_flag::synced;

  return_result(d, rng);

  if (late && !open && rng.chance(rates.apology)) {
    const MinuteStamp limit = std::min(end, horizon_);
    std::optional<MinuteStamp> issued;
    if (rng.chance(rates.apology_on_time)) {
      // Two working days before the appointment's day: on time under the default lead of one.
      const DayNumber day = calendar_.advance(day_of(d.appointment), -2);
      const MinuteStamp t = to_minutes(day, static_cast<int>(rng.between(7 * 60 + 30, 16 * 60)));
      if (t > d.received && t < d.appointment) issued = t;
    }
    if (!issued) {
      // After the appointment has passed, before the end (an apology after the end is an error).
      const std::int64_t room = calendar_.working_minutes_between(a, limit) - 1;
      if (room >= 1) issued = calendar_.add_working_minutes(a, rng.between(1, room));
    }
    if (issued) {
      GeneratedApology apology;
      apology.issued = *issued;
      // A new appointment the end keeps, or one between the apology and the end that it misses.
      const std::int64_t before_end = calendar_.working_minutes_between(*issued, end) - 1;
      apology.new_appointment =
          before_end >= 1 && rng.chance(300'000)
              ? calendar_.add_working_minutes(*issued, rng.between(1, before_end))
              : calendar_.add_working_minutes(a, over + rng.between(0, 960));
      apology.is_public = rng.chance(rates.apology_public);
      d.apology = apology;
    }
  }

  const std::uint32_t factor = d.late ? 4 : 1;
  const std::uint64_t u = rng.below(kMillion);
  if (u < std::uint64_t{rates.complaint} * factor) {
    d.feedback = Feedback::complaint;
  } else if (u < std::uint64_t{rates.complaint + rates.dislike} * factor) {
    d.feedback = Feedback::dislike;
  }
}

void Shaper::return_result(GeneratedDossier& d, Rng& rng) const {
  if (d.end_kind == EndKind::returned) {
    d.returned = d.ended;
  } else if (d.end_kind == EndKind::finished) {
    // An electronic result reaches the applicant at once; paper waits for collection.
    const MinuteStamp back = (d.flags & dossier_flag::e_result) != 0
                                 ? *d.ended
                                 : calendar_.add_working_minutes(*d.ended, rng.between(0, 1440));
    if (back <= horizon_) d.returned = back;
  }
}

void Shaper::complete(GeneratedDossier& d, MinuteStamp cut, std::uint32_t late_ppm,
                      const Rates& rates, Rng& rng) const {
  if (d.ended) {
    // A paper result not collected by the cut is collected after it.
    if (d.end_kind == EndKind::finished && !d.returned) {
      const MinuteStamp back =
          calendar_.add_working_minutes(std::max(*d.ended, cut), rng.between(1, 1440));
      if (back <= horizon_) d.returned = back;
    }
    return;
  }
  MinuteStamp from = cut;
  bool late = d.late;
  if (d.supplement_count > 0 && !d.supplements[d.supplement_count - 1].completed) {
    // The applicant answers after the cut; the pause moves the appointment.
    GeneratedSupplement& s = d.supplements[d.supplement_count - 1];
    const MinuteStamp answered =
        calendar_.add_working_minutes(std::max(s.requested, cut), answer_delay(rng));
    if (answered > horizon_) return;
    s.completed = answered;
    d.effective_appointment = calendar_.add_working_minutes(
        d.effective_appointment, calendar_.working_minutes_between(s.requested, answered));
    from = answered;
    late = rng.chance(late_ppm);
  }
  const MinuteStamp a = d.effective_appointment;
  MinuteStamp end = 0;
  const std::int64_t room = a > from ? calendar_.working_minutes_between(from, a) : 0;
  if (!late && room >= 2) {
    end = calendar_.add_working_minutes(from, rng.between(1, room));
  } else {
    late = true;
    end = calendar_.add_working_minutes(std::max(a, from), overrun(rates, rng));
  }
  if (end > horizon_) return;
  d.ended = end;
  d.late = late;
  d.end_kind = draw_end_kind(rates, rng);
  return_result(d, rng);
}

}  // namespace parmetrics::generator::detail
