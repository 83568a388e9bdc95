// The thread pool a caller passes to compute_report, the named report periods, and
// evaluate_dossier on a Dossier.

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/thread_pool.hpp>

#include "metrics/live_support.hpp"

using namespace parmetrics;
using namespace parmetrics::test;

BOOST_AUTO_TEST_SUITE(thread_pool)

BOOST_AUTO_TEST_CASE(every_task_runs_once_and_errors_come_back) {
  ThreadPool pool(3);
  BOOST_TEST(pool.concurrency() == 4u);
  std::vector<std::atomic<int>> ran(100);
  pool.run(100, [&](unsigned t) { ++ran[t]; });
  for (const auto& r : ran) BOOST_TEST(r.load() == 1);
  BOOST_CHECK_THROW(pool.run(10,
                             [](unsigned t) {
                               if (t == 7) throw std::runtime_error("task 7");
                             }),
                    std::runtime_error);
  // Still usable, and by two callers at once.
  std::atomic<int> sum{0};
  std::thread other([&] { pool.run(50, [&](unsigned t) { sum += static_cast<int>(t); }); });
  pool.run(50, [&](unsigned t) { sum += static_cast<int>(t); });
  other.join();
  BOOST_TEST(sum.load() == 2 * 1225);
}

BOOST_AUTO_TEST_CASE(a_report_on_a_pool_equals_one_on_threads_of_its_own) {
  Province p = province_units();
  Rng rng{5};
  for (int i = 0; i < 3000; ++i) {
    Dossier d =
        dossier(fmt::format("T-{}", i), p.C2, at(2023, 3, 1, 8, 0) + rng.next(50000), std::nullopt);
    d.appointment = d.received + rng.next(8000);
    if (!rng.one_in(4)) d.ended = d.received + rng.next(12000);
    d.end_kind = d.ended ? EndKind::finished : EndKind::none;
    p.store.append(d);
  }
  ThreadPool pool(2);
  ReportOptions o;
  o.period = ReportPeriod::month(2023, 3);
  o.threads = 3;
  const Report own = compute_report(p.store, p.units, p.procedures, official_calendar(), o);
  o.pool = &pool;
  check_same_report(compute_report(p.store, p.units, p.procedures, official_calendar(), o), own,
                    "pool, 3 tasks", true);
  o.threads = 0;  // the pool's concurrency
  check_same_report(compute_report(p.store, p.units, p.procedures, official_calendar(), o), own,
                    "pool, its concurrency", true);
}

BOOST_AUTO_TEST_CASE(named_periods) {
  const ReportPeriod feb = ReportPeriod::month(2024, 2);
  BOOST_TEST(feb.from == day(2024, 2, 1));
  BOOST_TEST(feb.to == day(2024, 2, 29));
  BOOST_TEST(feb.as_of == to_minutes(day(2024, 3, 1)));
  const ReportPeriod q3 = ReportPeriod::quarter(2023, 3, at(2023, 8, 15, 12, 0));
  BOOST_TEST(q3.from == day(2023, 7, 1));
  BOOST_TEST(q3.to == day(2023, 9, 30));
  BOOST_TEST(q3.as_of == at(2023, 8, 15, 12, 0));
  const ReportPeriod y = ReportPeriod::year(2025);
  BOOST_TEST(y.from == day(2025, 1, 1));
  BOOST_TEST(y.to == day(2025, 12, 31));
  BOOST_CHECK_THROW(ReportPeriod::month(2024, 13), ArgumentError);
  BOOST_CHECK_THROW(ReportPeriod::quarter(2024, 0), ArgumentError);
  BOOST_CHECK_THROW(ReportPeriod::year(1899), RangeError);
  BOOST_CHECK_THROW(ReportPeriod::month(2024, 2, at(2024, 1, 31, 23, 59)), ArgumentError);
}

BOOST_AUTO_TEST_CASE(evaluate_dossier_on_a_row_equals_it_on_the_stored_columns) {
  const WorkingCalendar& cal = official_calendar();
  Dossier d = dossier("E-1", 0, at(2023, 3, 6, 9, 0), at(2023, 3, 9, 9, 0), at(2023, 3, 14, 9, 0));
  d.apologies.push_back({at(2023, 3, 8, 9, 0), at(2023, 3, 15, 17, 0), true});
  d.supplements.push_back({at(2023, 3, 7, 9, 0), at(2023, 3, 8, 9, 0)});
  DossierStore store;
  store.append(d);
  for (const MinuteStamp as_of :
       {at(2023, 3, 7, 12, 0), at(2023, 3, 10, 12, 0), at(2023, 3, 20, 0, 0)}) {
    const DossierEvaluation on_row = evaluate_dossier(d, as_of, cal);
    BOOST_TEST((on_row == evaluate_dossier(DossierFacts::of(store, 0), as_of, cal)));
  }
  // By hand, as of 2023-03-20: the pause (Tue 09:00 to Wed 09:00, 8 working hours) moves the
  // appointment to Friday 2023-03-10 09:00; the end on Tuesday 14th is late, the apology
  // (Wednesday 8th) on time, the new appointment (the 15th) kept.
  const DossierEvaluation e = evaluate_dossier(d, at(2023, 3, 20, 0, 0), cal);
  BOOST_TEST((e.timeliness == Timeliness::late));
  BOOST_TEST(e.effective_appointment == at(2023, 3, 10, 9, 0));
  BOOST_TEST((e.apology == ApologyStatus::on_time));
  BOOST_TEST((e.new_appointment == NewAppointment::kept));
  d.received = MinuteStamp{1} << 40;  // beyond what the store holds
  BOOST_CHECK_THROW(evaluate_dossier(d, at(2023, 3, 20, 0, 0), cal), RangeError);
}

BOOST_AUTO_TEST_SUITE_END()
