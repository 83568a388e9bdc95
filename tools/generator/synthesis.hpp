#pragma once
// The life of one dossier once its unit, procedure, channel and receipt are chosen: appointment,
// supplement pauses, the end on the side of the appointment the profile asked for, the result's
// return, an apology, digitisation flags and feedback. Shared by both profiles.

#include <cstdint>
#include <span>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/model/procedure.hpp>

#include "generator.hpp"
#include "random.hpp"

namespace parmetrics::generator::detail {

/// Probabilities in parts per million.
struct Rates {
  std::uint32_t supplement = 0;         ///< a supplement is requested (long enough procedures)
  std::uint32_t second_supplement = 0;  ///< of those completed, a second one is requested
  std::uint32_t never_completed = 0;    ///< of requests, the applicant never answers
  std::uint32_t withdrawn = 0, refused = 0, stopped = 0;
  std::uint32_t returned_kind = 0;  ///< ended with "returned" as the first terminal status
  std::uint32_t apology = 0;        ///< of late dossiers
  std::uint32_t apology_on_time = 0;
  std::uint32_t apology_public = 0;
  std::uint32_t digitised_online = 0, digitised_direct = 0;
  std::uint32_t e_result = 0, reused = 0, from_store_online = 0, vneid_online = 0;
  std::uint32_t paid_online = 0;  ///< of dossiers filed online with a fee due
  std::uint32_t fee_exempt = 0;   ///< of dossiers of a fee-charging procedure
  std::uint32_t synced = 0;
  std::uint32_t complaint = 0, dislike = 0;
  /// How far late dossiers overrun (working time): up to a day, up to 5 days, up to 15 days,
  /// the rest up to 30 days.
  std::uint32_t overrun_day = 0, overrun_week = 0, overrun_fortnight = 0;
  std::uint32_t online_off_hours = 0;    ///< online receipts on a working day outside office hours
  std::uint32_t after_hours_direct = 0;  ///< direct receipts just after an interval's end
};

/// What plan() learnt that finish() needs again: when the clock started and how many working
/// minutes it had to the appointment.
struct Timeline {
  MinuteStamp start = 0;
  std::int64_t span = 0;
};

class Shaper {
 public:
  Shaper(const WorkingCalendar& calendar, MinuteStamp horizon,
         const std::vector<Procedure>& procedures);

  /// A receipt at the desk on a working day: office hours, a few just after an interval's end.
  MinuteStamp desk_time(DayNumber day, const Rates& rates, Rng& rng) const;
  /// An online receipt on a working day (office hours or evening/early morning) or a day off.
  MinuteStamp online_time(DayNumber day, bool working_day, const Rates& rates, Rng& rng) const;

  /// Appointment, supplements and the effective appointment (moved by completed pauses).
  Timeline plan(GeneratedDossier& d, const Rates& rates, Rng& rng) const;
  /// Whether the dossier can still be late by the horizon: no open supplement, and an effective
  /// appointment at least an hour before the horizon.
  bool can_be_late(const GeneratedDossier& d) const noexcept;
  /// The end (after the effective appointment when `late`, else not after it), the result's
  /// return, an apology, flags and feedback.
  void finish(GeneratedDossier& d, const Timeline& timeline, bool late, const Rates& rates,
              Rng& rng) const;
  /// A dossier finished by a shaper whose horizon was `cut` (before this one's), lived on to this
  /// horizon: an open supplement answered, then late with probability `late_ppm`; a pending
  /// dossier ended on the side of its appointment it was meant to be; a paper result collected.
  /// Everything added falls after `cut`, so that the dossier as of `cut` is what it was.
  void complete(GeneratedDossier& d, MinuteStamp cut, std::uint32_t late_ppm, const Rates& rates,
                Rng& rng) const;

 private:
  /// The result's return at the end: at once when returned or electronic, else collected.
  void return_result(GeneratedDossier& d, Rng& rng) const;

  const WorkingCalendar& calendar_;
  MinuteStamp horizon_;
  const std::vector<Procedure>& procedures_;
  std::vector<std::int64_t> working_minutes_;  ///< per procedure; -1 for calendar days
};

}  // namespace parmetrics::generator::detail
