// The timeliness rules, dossier by dossier, with hand-computed expectations.
//
// Every case lives in March 2023, which has no public holiday in Vietnam (the year's days off are
// 1–2 Jan, 20–26 Jan for Tết, 29 Apr–3 May and 1–4 Sep). 2023-03-01 is a Wednesday, so:
//   Mon 6, 13, 20, 27 · Fri 3, 10, 17, 24, 31 · weekends 4–5, 11–12, 18–19, 25–26.
// Office hours are the default 07:00–11:30 and 13:30–17:00 (480 working minutes a day).

#include <boost/test/unit_test.hpp>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/metrics/timeliness.hpp>

#include "metrics/metrics_support.hpp"

#include "calendar/test_support.hpp"

using namespace parmetrics;
using namespace parmetrics::test;

namespace {

// As of the end of March unless a case says otherwise.
const MinuteStamp kEndOfMarch = at(2023, 4, 1, 0, 0);

DossierEvaluation eval(const DossierFacts& f, MinuteStamp as_of = kEndOfMarch,
                       const TimelinessPolicy& policy = {}) {
  return evaluate_dossier(f, as_of, official_calendar(), policy);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timeliness)

BOOST_AUTO_TEST_CASE(period_defaults_to_the_end_of_the_last_day) {
  // "As of the end of `to`": 24:00 of 31 March, which is 00:00 of 1 April.
  const ReportPeriod p = ReportPeriod::of(day(2023, 3, 1), day(2023, 3, 31));
  BOOST_TEST(p.as_of == at(2023, 4, 1, 0, 0));
  BOOST_TEST(p.start() == at(2023, 3, 1, 0, 0));
  BOOST_TEST(p.end() == at(2023, 4, 1, 0, 0));
  BOOST_CHECK_THROW(ReportPeriod::of(day(2023, 3, 2), day(2023, 3, 1)), parmetrics::ArgumentError);
  // As-of before the period starts would judge dossiers before they could be in it.
  BOOST_CHECK_THROW(ReportPeriod::of(day(2023, 3, 1), day(2023, 3, 31), at(2023, 2, 28, 23, 59)),
                    parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(scope_received_carried_over_and_out) {
  const ReportPeriod p = ReportPeriod::of(day(2023, 3, 1), day(2023, 3, 31));
  // Received in February, still open: carried over.
  BOOST_TEST((scope_of(st(at(2023, 2, 20, 9, 0)), kNoTime, p) == Scope::carried_over));
  // Received in February, ended on the last minute of February: ended before the period: out.
  BOOST_TEST((scope_of(st(at(2023, 2, 20, 9, 0)), st(at(2023, 2, 28, 23, 59)), p) == Scope::out));
  // Ended exactly at 00:00 of 1 March is not before the period started: carried over.
  BOOST_TEST(
      (scope_of(st(at(2023, 2, 20, 9, 0)), st(at(2023, 3, 1, 0, 0)), p) == Scope::carried_over));
  // Received in February, ended in March: carried over too.
  BOOST_TEST(
      (scope_of(st(at(2023, 2, 20, 9, 0)), st(at(2023, 3, 2, 9, 0)), p) == Scope::carried_over));
  // The first and the last minute of the period; the first minute after it.
  BOOST_TEST((scope_of(st(at(2023, 3, 1, 0, 0)), kNoTime, p) == Scope::received));
  BOOST_TEST((scope_of(st(at(2023, 3, 31, 23, 59)), kNoTime, p) == Scope::received));
  BOOST_TEST((scope_of(st(at(2023, 4, 1, 0, 0)), kNoTime, p) == Scope::out));
  // As of 15 March 12:00: a dossier received at 12:00 is in, one received at 12:01 is not yet.
  const ReportPeriod mid =
      ReportPeriod::of(day(2023, 3, 1), day(2023, 3, 31), at(2023, 3, 15, 12, 0));
  BOOST_TEST((scope_of(st(at(2023, 3, 15, 12, 0)), kNoTime, mid) == Scope::received));
  BOOST_TEST((scope_of(st(at(2023, 3, 15, 12, 1)), kNoTime, mid) == Scope::out));
}

BOOST_AUTO_TEST_CASE(early_and_on_time_are_told_apart_by_date) {
  // Appointment Friday 10 March 10:00.
  const MinuteStamp received = at(2023, 3, 6, 8, 0);
  const MinuteStamp due = at(2023, 3, 10, 10, 0);
  // Ended Thursday 9 March 16:00: a date before the appointment's date: early.
  BOOST_TEST(to_string(eval(facts(received, due, at(2023, 3, 9, 16, 0))).timeliness) == "early");
  // Ended on the appointment's date before its time: on time, not early.
  BOOST_TEST(to_string(eval(facts(received, due, at(2023, 3, 10, 9, 0))).timeliness) == "on_time");
  // Ended exactly at the appointment: end <= appointment is on time.
  BOOST_TEST(to_string(eval(facts(received, due, due)).timeliness) == "on_time");
  // One minute later: late.
  const auto late = eval(facts(received, due, at(2023, 3, 10, 10, 1)));
  BOOST_TEST(to_string(late.timeliness) == "late");
  BOOST_TEST(late.ended);
  BOOST_TEST(late.end_instant == at(2023, 3, 10, 10, 1));
  BOOST_TEST(late.effective_appointment == due);
}

BOOST_AUTO_TEST_CASE(day_granularity_compares_dates) {
  // Ended 10 March 16:00, appointment 10 March 10:00: late by the minute, on time by the date.
  const auto f = facts(at(2023, 3, 6, 8, 0), at(2023, 3, 10, 10, 0), at(2023, 3, 10, 16, 0));
  BOOST_TEST(to_string(eval(f).timeliness) == "late");
  TimelinessPolicy by_day;
  by_day.granularity = Granularity::day;
  BOOST_TEST(to_string(eval(f, kEndOfMarch, by_day).timeliness) == "on_time");
  // The next morning is a later date: late either way.
  const auto g = facts(at(2023, 3, 6, 8, 0), at(2023, 3, 10, 10, 0), at(2023, 3, 13, 7, 0));
  BOOST_TEST(to_string(eval(g, kEndOfMarch, by_day).timeliness) == "late");
}

BOOST_AUTO_TEST_CASE(pending_within_time_or_overdue) {
  // As of Wednesday 8 March 12:00, nothing ended: the end instant is as-of.
  const MinuteStamp as_of = at(2023, 3, 8, 12, 0);
  const auto within = eval(facts(at(2023, 3, 6, 8, 0), at(2023, 3, 10, 10, 0), {}), as_of);
  BOOST_TEST(to_string(within.timeliness) == "within_time");
  BOOST_TEST(!within.ended);
  BOOST_TEST(within.end_instant == as_of);
  BOOST_TEST(within.processing_minutes == -1);  // only ended dossiers have a processing time
  // Appointment Tuesday 7 March 10:00 has passed at as-of: overdue, and an apology is needed.
  const auto overdue = eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 7, 10, 0), {}), as_of);
  BOOST_TEST(to_string(overdue.timeliness) == "overdue");
  BOOST_TEST(to_string(overdue.apology) == "missing");
  // An end recorded after as-of is not known yet at as-of: still pending.
  const auto later =
      eval(facts(at(2023, 3, 6, 8, 0), at(2023, 3, 10, 10, 0), at(2023, 3, 9, 9, 0)), as_of);
  BOOST_TEST(to_string(later.timeliness) == "within_time");
  BOOST_TEST(later.end_instant == as_of);
}

BOOST_AUTO_TEST_CASE(open_supplement_at_as_of_uses_the_request_time) {
  // Received Wed 1 March, appointment Wed 8 March 17:00; supplement requested Mon 6 March 09:00,
  // completed Mon 20 March; as of Wed 15 March the request is open.
  const MinuteStamp as_of = at(2023, 3, 15, 0, 0);
  const std::vector<StoredEvent> ev{supplement(at(2023, 3, 6, 9, 0), at(2023, 3, 20, 9, 0))};
  const auto e = eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 8, 17, 0), {}, ev), as_of);
  // End instant = the request time (6 March 09:00) <= appointment: within time, even though as-of
  // is a week after the appointment.
  BOOST_TEST(e.open_supplement);
  BOOST_TEST(e.end_instant == at(2023, 3, 6, 9, 0));
  BOOST_TEST(to_string(e.timeliness) == "within_time");
  // The open pause moves nothing: the appointment stays 8 March 17:00.
  BOOST_TEST(e.effective_appointment == at(2023, 3, 8, 17, 0));
  BOOST_TEST(e.supplement_requests == 1u);
  // Requested only on Thu 9 March 09:00, after the appointment: overdue at the request time.
  const std::vector<StoredEvent> late_request{supplement(at(2023, 3, 9, 9, 0))};
  const auto o = eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 8, 17, 0), {}, late_request), as_of);
  BOOST_TEST(o.end_instant == at(2023, 3, 9, 9, 0));
  BOOST_TEST(to_string(o.timeliness) == "overdue");
  // As of the end of March the supplement (completed 20 March) is a closed pause instead.
  const auto closed = eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 8, 17, 0), {}, ev));
  BOOST_TEST(!closed.open_supplement);
  BOOST_TEST(closed.end_instant == kEndOfMarch);
  // A recorded end wins over a request the data never closed: ended 7 March 10:00, on time.
  const std::vector<StoredEvent> never_closed{supplement(at(2023, 3, 6, 9, 0))};
  const auto ended =
      eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 8, 17, 0), at(2023, 3, 7, 10, 0), never_closed));
  BOOST_TEST(!ended.open_supplement);
  BOOST_TEST(ended.end_instant == at(2023, 3, 7, 10, 0));
  BOOST_TEST(to_string(ended.timeliness) == "early");
}

BOOST_AUTO_TEST_CASE(a_pause_moves_the_appointment_across_a_weekend) {
  // Appointment Friday 10 March 16:00. A supplement requested Tue 7 March 09:00 and completed the
  // same day at 11:00 paused the clock for 120 working minutes. Moving Friday 16:00 by 120 working
  // minutes: 60 on Friday (16:00–17:00), the weekend does not count, 60 on Monday (07:00–08:00):
  // effective appointment Monday 13 March 08:00.
  const std::vector<StoredEvent> ev{supplement(at(2023, 3, 7, 9, 0), at(2023, 3, 7, 11, 0))};
  const auto f = facts(at(2023, 3, 1, 8, 0), at(2023, 3, 10, 16, 0), at(2023, 3, 13, 7, 45), ev);
  const auto e = eval(f);
  BOOST_TEST(e.effective_appointment == at(2023, 3, 13, 8, 0));
  // Ended Monday 07:45 <= 08:00, on the appointment's date: on time (late without the pause).
  BOOST_TEST(to_string(e.timeliness) == "on_time");
  // Under the elapsed policy the pause is 120 calendar minutes: Friday 18:00, so Monday is late.
  TimelinessPolicy elapsed;
  elapsed.pause = PausePolicy::elapsed;
  const auto x = eval(f, kEndOfMarch, elapsed);
  BOOST_TEST(x.effective_appointment == at(2023, 3, 10, 18, 0));
  BOOST_TEST(to_string(x.timeliness) == "late");
}

BOOST_AUTO_TEST_CASE(a_pause_over_lunch_and_a_night_counts_working_minutes_only) {
  // Pause Wed 8 March 11:00 → Thu 9 March 08:00: 30 (11:00–11:30) + 210 (13:30–17:00) + 60
  // (07:00–08:00) = 300 working minutes. Appointment Mon 13 March 09:00 + 300 working minutes:
  // 09:00–11:30 is 150, 13:30–16:00 is 150: Monday 16:00.
  const std::vector<StoredEvent> ev{supplement(at(2023, 3, 8, 11, 0), at(2023, 3, 9, 8, 0))};
  const auto e =
      eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 13, 9, 0), at(2023, 3, 13, 15, 0), ev));
  BOOST_TEST(e.effective_appointment == at(2023, 3, 13, 16, 0));
  BOOST_TEST(to_string(e.timeliness) == "on_time");
}

BOOST_AUTO_TEST_CASE(overlapping_pauses_count_once) {
  // Issue 12. Requests Tue 7 March 08:00–10:00 and 09:00–11:00 overlap from 09:00 to 10:00: the
  // clock stood still 08:00–11:00, 180 working minutes, not 120 + 120. A third, 09:30–10:30,
  // lies inside that and adds nothing. Appointment Fri 10 March 15:00 + 180 working minutes:
  // 120 on Friday (15:00–17:00), 60 on Monday (07:00–08:00): Monday 13 March 08:00.
  const std::vector<StoredEvent> ev{supplement(at(2023, 3, 7, 8, 0), at(2023, 3, 7, 10, 0)),
                                    supplement(at(2023, 3, 7, 9, 0), at(2023, 3, 7, 11, 0)),
                                    supplement(at(2023, 3, 7, 9, 30), at(2023, 3, 7, 10, 30))};
  TimelinessPolicy one_request_rule_off;
  one_request_rule_off.multiple_supplements_late = false;
  const auto f = facts(at(2023, 3, 1, 8, 0), at(2023, 3, 10, 15, 0), at(2023, 3, 13, 7, 30), ev);
  const auto e = eval(f, kEndOfMarch, one_request_rule_off);
  BOOST_TEST(e.effective_appointment == at(2023, 3, 13, 8, 0));
  // Elapsed: the union is 180 calendar minutes, Friday 18:00.
  TimelinessPolicy elapsed = one_request_rule_off;
  elapsed.pause = PausePolicy::elapsed;
  BOOST_TEST(eval(f, kEndOfMarch, elapsed).effective_appointment == at(2023, 3, 10, 18, 0));
  // Processing time leaves out the union too: received Wed 1 March 08:00 (420 working minutes
  // that day), Thu–Fri and the next week's five days (7 × 480), 30 on Monday 13 March until
  // 07:30, less 180 paused: 420 + 3360 + 30 − 180 = 3630.
  BOOST_TEST(e.processing_minutes == 3630);
}

BOOST_AUTO_TEST_CASE(two_supplement_requests_count_as_late) {
  // Two completed supplements, ended two days early: late by the portal's rule (default).
  const std::vector<StoredEvent> ev{supplement(at(2023, 3, 2, 9, 0), at(2023, 3, 2, 10, 0)),
                                    supplement(at(2023, 3, 3, 9, 0), at(2023, 3, 3, 10, 0))};
  const auto f = facts(at(2023, 3, 1, 8, 0), at(2023, 3, 10, 16, 0), at(2023, 3, 8, 9, 0), ev);
  const auto e = eval(f);
  BOOST_TEST(e.supplement_requests == 2u);
  BOOST_TEST(to_string(e.timeliness) == "late");
  BOOST_TEST(to_string(e.apology) == "missing");
  // Without the rule it is judged on time: the pauses (60 + 60 working minutes) move the
  // appointment to Monday 13 March 08:00 and it ended Wednesday 8 March: early.
  TimelinessPolicy lenient;
  lenient.multiple_supplements_late = false;
  const auto l = eval(f, kEndOfMarch, lenient);
  BOOST_TEST(l.effective_appointment == at(2023, 3, 13, 8, 0));
  BOOST_TEST(to_string(l.timeliness) == "early");
  // Pending with two requests: overdue rather than within time.
  const auto p =
      eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 31, 16, 0), {}, ev), at(2023, 3, 15, 0, 0));
  BOOST_TEST(to_string(p.timeliness) == "overdue");
}

BOOST_AUTO_TEST_CASE(requests_after_as_of_are_not_seen) {
  // The second request comes after as-of (15 March): one request, no "more than one" rule.
  const std::vector<StoredEvent> ev{supplement(at(2023, 3, 2, 9, 0), at(2023, 3, 2, 10, 0)),
                                    supplement(at(2023, 3, 20, 9, 0))};
  const auto e =
      eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 31, 16, 0), {}, ev), at(2023, 3, 15, 0, 0));
  BOOST_TEST(e.supplement_requests == 1u);
  BOOST_TEST(!e.open_supplement);
  BOOST_TEST(to_string(e.timeliness) == "within_time");
}

BOOST_AUTO_TEST_CASE(apologies_on_the_boundary_days) {
  // Appointment Monday 13 March 10:00; ended Tuesday 14 March 09:00: late, an apology is needed.
  // With the default lead of one working day the deadline is the working day before Monday,
  // Friday 10 March (the weekend is skipped), until its end.
  const MinuteStamp received = at(2023, 3, 6, 8, 0);
  const MinuteStamp due = at(2023, 3, 13, 10, 0);
  const MinuteStamp ended = at(2023, 3, 14, 9, 0);
  auto status = [&](MinuteStamp issued, int lead) {
    const std::vector<StoredEvent> ev{apology(issued)};
    TimelinessPolicy p;
    p.apology_lead_days = lead;
    return std::string(to_string(eval(facts(received, due, ended, ev), kEndOfMarch, p).apology));
  };
  BOOST_TEST(status(at(2023, 3, 9, 15, 0), 1) == "on_time");    // Thursday: before the deadline
  BOOST_TEST(status(at(2023, 3, 10, 16, 59), 1) == "on_time");  // exactly the working day before
  BOOST_TEST(status(at(2023, 3, 10, 23, 0), 1) == "on_time");   // still that day
  BOOST_TEST(status(at(2023, 3, 11, 9, 0), 1) == "late");       // Saturday: after it
  BOOST_TEST(status(at(2023, 3, 13, 8, 0), 1) == "late");       // the appointment's day
  BOOST_TEST(status(at(2023, 3, 14, 8, 0), 1) == "late");       // after the appointment
  // Lead 0: by the appointment itself (13 March 10:00).
  BOOST_TEST(status(at(2023, 3, 13, 8, 0), 0) == "on_time");
  BOOST_TEST(status(at(2023, 3, 13, 10, 0), 0) == "on_time");
  BOOST_TEST(status(at(2023, 3, 13, 10, 1), 0) == "late");
  // Lead 2: the second working day before Monday is Thursday 9 March.
  BOOST_TEST(status(at(2023, 3, 9, 15, 0), 2) == "on_time");
  BOOST_TEST(status(at(2023, 3, 10, 8, 0), 2) == "late");
  // None at all: missing. One issued after as-of (1 April) is not known: missing too.
  BOOST_TEST(to_string(eval(facts(received, due, ended)).apology) == "missing");
  const std::vector<StoredEvent> after{apology(at(2023, 4, 3, 9, 0))};
  BOOST_TEST(to_string(eval(facts(received, due, ended, after)).apology) == "missing");
}

BOOST_AUTO_TEST_CASE(the_apology_deadline_follows_the_effective_appointment) {
  // Appointment Friday 10 March 16:00 moved by a 120-minute pause to Monday 13 March 08:00
  // (see above); ended Monday 09:00: late. The working day before Monday is Friday 10 March, so an
  // apology on Friday is on time although it is the recorded appointment's own day.
  const std::vector<StoredEvent> ev{supplement(at(2023, 3, 7, 9, 0), at(2023, 3, 7, 11, 0)),
                                    apology(at(2023, 3, 10, 15, 0))};
  const auto e =
      eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 10, 16, 0), at(2023, 3, 13, 9, 0), ev));
  BOOST_TEST(to_string(e.timeliness) == "late");
  BOOST_TEST(to_string(e.apology) == "on_time");
}

BOOST_AUTO_TEST_CASE(public_apologies_and_new_appointments) {
  // Late (appointment 13 March 10:00, ended 14 March 09:00). The apology promises 14 March 10:00
  // and is public: kept (09:00 <= 10:00).
  const MinuteStamp received = at(2023, 3, 6, 8, 0);
  const MinuteStamp due = at(2023, 3, 13, 10, 0);
  const MinuteStamp ended = at(2023, 3, 14, 9, 0);
  const std::vector<StoredEvent> kept{apology(at(2023, 3, 10, 9, 0), at(2023, 3, 14, 10, 0), true)};
  const auto k = eval(facts(received, due, ended, kept));
  BOOST_TEST(k.apology_public);
  BOOST_TEST((k.new_appointment == NewAppointment::kept));
  // A promise of 14 March 08:00 is missed by the 09:00 end; the apology was not public.
  const std::vector<StoredEvent> missed{apology(at(2023, 3, 10, 9, 0), at(2023, 3, 14, 8, 0))};
  const auto m = eval(facts(received, due, ended, missed));
  BOOST_TEST(!m.apology_public);
  BOOST_TEST((m.new_appointment == NewAppointment::missed));
  // A second apology renews the promise: the latest new appointment (15 March) is the one kept.
  const std::vector<StoredEvent> renewed{apology(at(2023, 3, 10, 9, 0), at(2023, 3, 14, 8, 0)),
                                         apology(at(2023, 3, 14, 7, 30), at(2023, 3, 15, 17, 0))};
  const auto r = eval(facts(received, due, ended, renewed));
  BOOST_TEST((r.new_appointment == NewAppointment::kept));
  BOOST_TEST(to_string(r.apology) == "on_time");  // judged by the first apology
  // Still open as of 14 March 09:30 (the same dossier, not ended yet): the promise of 14 March
  // 10:00 has not come, pending; as of 10:30 it is missed.
  const auto p = eval(facts(received, due, std::nullopt, kept), at(2023, 3, 14, 9, 30));
  BOOST_TEST((p.new_appointment == NewAppointment::pending));
  const auto q = eval(facts(received, due, std::nullopt, kept), at(2023, 3, 14, 10, 30));
  BOOST_TEST((q.new_appointment == NewAppointment::missed));
  // An apology for a dossier that ended on time is not needed and not counted.
  const auto n = eval(facts(received, due, at(2023, 3, 13, 9, 0), kept));
  BOOST_TEST(to_string(n.apology) == "not_needed");
  BOOST_TEST(!n.apology_public);
  BOOST_TEST((n.new_appointment == NewAppointment::none));
}

BOOST_AUTO_TEST_CASE(processing_time_excludes_pauses_and_non_working_time) {
  // Received Wed 1 March 08:00, ended Fri 3 March 10:00: Wednesday 08:00–11:30 (210) and
  // 13:30–17:00 (210), Thursday 480, Friday 07:00–10:00 (180): 1080 working minutes (18 h).
  const auto plain =
      eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 10, 16, 0), at(2023, 3, 3, 10, 0)));
  BOOST_TEST(plain.processing_minutes == 1080);
  // A 120-minute pause on Thursday 09:00–11:00 is the applicant's time: 960.
  const std::vector<StoredEvent> ev{supplement(at(2023, 3, 2, 9, 0), at(2023, 3, 2, 11, 0))};
  const auto paused =
      eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 10, 16, 0), at(2023, 3, 3, 10, 0), ev));
  BOOST_TEST(paused.processing_minutes == 960);
  // Received Saturday 4 March, ended Monday 6 March 08:00: only Monday 07:00–08:00 counts.
  const auto weekend =
      eval(facts(at(2023, 3, 4, 9, 0), at(2023, 3, 10, 16, 0), at(2023, 3, 6, 8, 0)));
  BOOST_TEST(weekend.processing_minutes == 60);
  // Withdrawn dossiers have no processing time (the applicant ended them).
  const auto w = eval(facts(at(2023, 3, 1, 8, 0), at(2023, 3, 10, 16, 0), at(2023, 3, 3, 10, 0), {},
                            EndKind::withdrawn));
  BOOST_TEST(w.processing_minutes == -1);
}

BOOST_AUTO_TEST_CASE(end_kinds_and_the_withdrawn_policy) {
  // Refused and stopped dossiers end processing like finished ones (the portal's first terminal
  // status): a refusal after the appointment is late.
  const MinuteStamp received = at(2023, 3, 6, 8, 0);
  const MinuteStamp due = at(2023, 3, 10, 10, 0);
  for (EndKind k : {EndKind::finished, EndKind::returned, EndKind::refused, EndKind::stopped,
                    EndKind::withdrawn}) {
    BOOST_TEST_CONTEXT(to_string(k)) {
      BOOST_TEST(to_string(eval(facts(received, due, at(2023, 3, 13, 9, 0), {}, k)).timeliness) ==
                 "late");
    }
  }
  // Under WithdrawnPolicy::exclude a withdrawn dossier leaves the report...
  TimelinessPolicy exclude;
  exclude.withdrawn = WithdrawnPolicy::exclude;
  BOOST_TEST(to_string(eval(facts(received, due, at(2023, 3, 13, 9, 0), {}, EndKind::withdrawn),
                            kEndOfMarch, exclude)
                           .timeliness) == "excluded");
  // ...but only once withdrawn: as of 9 March it was still pending, within time.
  BOOST_TEST(to_string(eval(facts(received, due, at(2023, 3, 13, 9, 0), {}, EndKind::withdrawn),
                            at(2023, 3, 9, 0, 0), exclude)
                           .timeliness) == "within_time");
}

BOOST_AUTO_TEST_CASE(no_appointment_cannot_be_judged) {
  const auto e = eval(facts(at(2023, 3, 6, 8, 0), std::nullopt, at(2023, 3, 7, 9, 0)));
  BOOST_TEST(to_string(e.timeliness) == "no_appointment");
  BOOST_TEST(to_string(e.apology) == "not_needed");
  // Its processing time is still known: Monday 08:00 → Tuesday 09:00 = 210 + 210 (Monday) + 120
  // (Tuesday 07:00–09:00) = 540.
  BOOST_TEST(e.processing_minutes == 540);
}

BOOST_AUTO_TEST_CASE(an_end_at_an_unknown_time_cannot_be_judged) {
  // Issue 12: a terminal status with no end time: ended, time unknown, not judged. Neither its
  // processing time nor an apology can be told; it is not pending either, whatever the as-of.
  DossierFacts f = facts(at(2023, 3, 6, 8, 0), at(2023, 3, 8, 8, 0), std::nullopt);
  f.ended = kEndUnknown;
  f.status = dossier_status::pack(Channel::direct, EndKind::refused, Feedback::none, false);
  for (MinuteStamp as_of : {at(2023, 3, 7, 0, 0), kEndOfMarch}) {
    const auto e = eval(f, as_of);
    BOOST_TEST(to_string(e.timeliness) == "end_unknown");
    BOOST_TEST(to_string(e.apology) == "not_needed");
    BOOST_TEST(e.processing_minutes < 0);
  }
  // Its scope: counted in the period it was received in, never carried over into a later one.
  const ReportPeriod march = ReportPeriod::of(day(2023, 3, 1), day(2023, 3, 31));
  const ReportPeriod april = ReportPeriod::of(day(2023, 4, 1), day(2023, 4, 30));
  BOOST_TEST((scope_of(st(at(2023, 3, 6, 8, 0)), kEndUnknown, march) == Scope::received));
  BOOST_TEST((scope_of(st(at(2023, 3, 6, 8, 0)), kEndUnknown, april) == Scope::out));
}

BOOST_AUTO_TEST_CASE(evaluation_from_a_store_reads_the_same_columns) {
  DossierStore store;
  Dossier d =
      dossier("X-1", 0, at(2023, 3, 1, 8, 0), at(2023, 3, 10, 16, 0), at(2023, 3, 13, 7, 45));
  d.supplements.push_back({at(2023, 3, 7, 9, 0), at(2023, 3, 7, 11, 0)});
  d.apologies.push_back({at(2023, 3, 9, 9, 0), std::nullopt, true});
  store.append(d);
  const auto e = evaluate_dossier(DossierFacts::of(store, 0), kEndOfMarch, official_calendar());
  // As in a_pause_moves_the_appointment_across_a_weekend: on time, Monday 08:00.
  BOOST_TEST(e.effective_appointment == at(2023, 3, 13, 8, 0));
  BOOST_TEST(to_string(e.timeliness) == "on_time");
  BOOST_TEST(to_string(e.apology) == "not_needed");
}

BOOST_AUTO_TEST_SUITE_END()
