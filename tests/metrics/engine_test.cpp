// The engine's bookkeeping on many pseudo-random dossiers: the multi-threaded result equals the
// single-threaded one exactly, and the totals equal a plain loop over evaluate_dossier() (the
// per-dossier rules are tested by hand in timeliness_test.cpp).

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <cstdint>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/metrics/report.hpp>

#include "metrics/metrics_support.hpp"

#include "calendar/test_support.hpp"

using namespace parmetrics;
using namespace parmetrics::test;

namespace {

struct Lcg {
  std::uint64_t s;
  std::uint32_t next(std::uint32_t n) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>((s >> 33) % n);
  }
};

Province random_province(std::size_t n) {
  Province p = province_units();
  Lcg g{42};
  const MinuteStamp base = at(2023, 1, 1, 0, 0);
  const UnitId units[] = {p.P, p.D, p.C1, p.C2, p.S, p.N};
  for (std::size_t i = 0; i < n; ++i) {
    Dossier d;
    d.code = fmt::format("R-{}", i);
    d.unit = units[g.next(6)];
    d.received = base + g.next(120 * kMinutesPerDay);
    if (g.next(20) != 0) d.appointment = d.received + 60 * g.next(24 * 20);
    if (g.next(10) < 7) {
      d.ended = d.received + 30 * g.next(48 * 25);
      d.end_kind = static_cast<EndKind>(1 + g.next(5));
      if (g.next(25) == 0) d.ended.reset();  // a terminal status whose time was not sent
    }
    d.channel = static_cast<Channel>(g.next(3));
    d.flags = static_cast<std::uint8_t>(g.next(256));
    d.feedback = static_cast<Feedback>(g.next(3));
    const std::uint32_t k = g.next(5) == 0 ? 1 + g.next(2) : 0;
    MinuteStamp t = d.received;
    for (std::uint32_t j = 0; j < k; ++j) {
      t += 60 * (1 + g.next(24 * 5));
      SupplementRequest s{t, std::nullopt};
      if (g.next(4) != 0) s.completed = t + 60 * g.next(24 * 5);
      d.supplements.push_back(s);
      if (s.completed) t = *s.completed;
    }
    if (g.next(8) == 0) {
      Apology a;
      a.issued = d.received + 60 * g.next(24 * 15);
      if (g.next(2) == 0) a.new_appointment = a.issued + 60 * g.next(24 * 10);
      a.is_public = g.next(2) == 0;
      d.apologies.push_back(a);
    }
    if (g.next(3) == 0) d.procedure = g.next(3);
    p.store.append(d);
  }
  return p;
}

ReportOptions feb_march(GroupBy by, unsigned threads) {
  ReportOptions o;
  o.period = ReportPeriod::of(day(2023, 2, 1), day(2023, 3, 31));
  o.by = by;
  o.threads = threads;
  return o;
}

void check_same(const Report& a, const Report& b) {
  BOOST_TEST_REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    BOOST_TEST_CONTEXT(a.rows[i].key) {
      BOOST_TEST(a.rows[i].key == b.rows[i].key);
      BOOST_TEST((a.rows[i].counts == b.rows[i].counts));
      BOOST_TEST((a.rows[i].subtree == b.rows[i].subtree));
      BOOST_TEST((a.rows[i].processing == b.rows[i].processing));
    }
  }
  BOOST_TEST((a.total.counts == b.total.counts));
  BOOST_TEST((a.total.processing == b.total.processing));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(engine)

BOOST_AUTO_TEST_CASE(threads_give_identical_results) {
  const Province p = random_province(20000);
  for (GroupBy by : {GroupBy::unit, GroupBy::month, GroupBy::procedure, GroupBy::channel}) {
    const Report one =
        compute_report(p.store, p.units, p.procedures, official_calendar(), feb_march(by, 1));
    BOOST_TEST(one.total.counts.in_scope > 1000u);  // the data exercise the engine
    for (unsigned t : {2u, 3u, 8u}) {
      BOOST_TEST_CONTEXT(to_string(by) << " with " << t << " threads") {
        check_same(one, compute_report(p.store, p.units, p.procedures, official_calendar(),
                                       feb_march(by, t)));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(totals_equal_a_loop_over_evaluate_dossier) {
  const Province p = random_province(20000);
  const ReportOptions o = feb_march(GroupBy::unit, 2);
  const Report r = compute_report(p.store, p.units, p.procedures, official_calendar(), o);
  MetricCounts want;
  std::uint64_t processed_minutes = 0;
  for (DossierStore::Index i = 0; i < p.store.size(); ++i) {
    const Scope s = scope_of(p.store.received()[i], p.store.ended()[i], o.period);
    if (s == Scope::out) continue;
    const DossierEvaluation e = evaluate_dossier(DossierFacts::of(p.store, i), o.period.as_of,
                                                 official_calendar(), o.policy);
    ++want.in_scope;
    (s == Scope::received ? want.received : want.carried_over) += 1;
    switch (e.timeliness) {
      case Timeliness::early:
        ++want.early;
        break;
      case Timeliness::on_time:
        ++want.on_time;
        break;
      case Timeliness::late:
        ++want.late;
        break;
      case Timeliness::within_time:
        ++want.within_time;
        break;
      case Timeliness::overdue:
        ++want.overdue;
        break;
      case Timeliness::end_unknown:
        ++want.end_unknown;
        break;
      default:
        ++want.no_appointment;
        break;
    }
    want.apology_on_time += e.apology == ApologyStatus::on_time;
    want.apology_late += e.apology == ApologyStatus::late;
    want.apology_missing += e.apology == ApologyStatus::missing;
    want.supplement_requests += e.supplement_requests;
    if (e.processing_minutes >= 0) {
      ++want.processed;
      processed_minutes += static_cast<std::uint64_t>(e.processing_minutes);
    }
  }
  const MetricCounts& got = r.total.counts;
  BOOST_TEST(got.in_scope == want.in_scope);
  BOOST_TEST(got.received == want.received);
  BOOST_TEST(got.carried_over == want.carried_over);
  BOOST_TEST(got.early == want.early);
  BOOST_TEST(got.on_time == want.on_time);
  BOOST_TEST(got.late == want.late);
  BOOST_TEST(got.within_time == want.within_time);
  BOOST_TEST(got.overdue == want.overdue);
  BOOST_TEST(got.no_appointment == want.no_appointment);
  BOOST_TEST(got.end_unknown == want.end_unknown);
  BOOST_TEST(got.end_unknown > 0u);  // the data exercise it
  BOOST_TEST(got.apology_on_time == want.apology_on_time);
  BOOST_TEST(got.apology_late == want.apology_late);
  BOOST_TEST(got.apology_missing == want.apology_missing);
  BOOST_TEST(got.supplement_requests == want.supplement_requests);
  BOOST_TEST(got.processed == want.processed);
  BOOST_TEST(got.processing_minutes == processed_minutes);
  // The invariants the docs promise.
  BOOST_TEST(got.in_scope == got.received + got.carried_over);
  BOOST_TEST(got.received == got.online + got.direct + got.postal);
  BOOST_TEST(got.in_scope == got.early + got.on_time + got.late + got.within_time + got.overdue +
                                 got.no_appointment + got.end_unknown);
  BOOST_TEST(got.apology_needed == got.late + got.overdue);
  BOOST_TEST(got.apology_needed == got.apology_on_time + got.apology_late + got.apology_missing);
  BOOST_TEST(got.new_appointment ==
             got.new_appointment_kept + got.new_appointment_missed + got.new_appointment_pending);
  BOOST_TEST(got.new_appointment_due == got.new_appointment_kept + got.new_appointment_missed);
  // The province's rolled-up row is the total (every unit lies under P, N included).
  BOOST_TEST((r.rows.at(0).key == "P"));
  BOOST_TEST((r.rows.at(0).counts == got));
}

BOOST_AUTO_TEST_SUITE_END()
