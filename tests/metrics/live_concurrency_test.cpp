// One writer appending and updating while two readers take snapshots and compute reports (full
// and incremental) on them: each report is the one of its snapshot, whatever the writer does
// meanwhile. Run under ThreadSanitizer by the tsan preset (the metrics module).

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include <parmetrics/metrics/live_report.hpp>
#include <parmetrics/thread_pool.hpp>

#include "metrics/live_support.hpp"

using namespace parmetrics;
using namespace parmetrics::test;

BOOST_AUTO_TEST_SUITE(live_concurrency)

BOOST_AUTO_TEST_CASE(readers_report_on_snapshots_while_the_writer_goes_on) {
  const Province p = province_units();
  LiveStoreOptions so;
  so.tail_rows = 64;
  so.merge_factor = 2;  // merges often, on the store's own thread
  so.inline_merge_rows = 0;
  LiveStore store(p.units, p.procedures, official_calendar(), so);
  const MinuteStamp start = at(2025, 6, 2, 8, 0);
  ReportOptions o;
  o.period = ReportPeriod::of(day(2025, 5, 1), day(2025, 6, 30), start + 10 * kMinutesPerDay);
  o.threads = 2;
  std::atomic<bool> done{false};
  std::atomic<int> reports{0};
  std::mutex failures;  // Boost.Test's assertions are not thread-safe: readers count, main checks
  int mismatches = 0;

  std::thread writer([&] {
    Traffic traffic(p, store, 99, start);
    for (int i = 0; i < 3000; ++i) {
      traffic.step();
      traffic.tick(5);
    }
    done = true;
  });
  // A reader with full reports: two evaluations of one snapshot, on threads of its own and on a
  // pool, agree; so does the snapshot's size.
  std::thread full([&] {
    ThreadPool pool(1);
    // At least once: on a busy machine the writer may be done before a reader starts.
    do {
      const auto snap = store.snapshot();
      ReportOptions on_pool = o;
      on_pool.pool = &pool;
      const Report a = compute_report(*snap, p.units, p.procedures, official_calendar(), o);
      const Report b = compute_report(*snap, p.units, p.procedures, official_calendar(), on_pool);
      const bool same = a.total.counts == b.total.counts && a.dossiers == snap->size() &&
                        a.total.processing == b.total.processing;
      if (!same) {
        const std::lock_guard<std::mutex> lock(failures);
        ++mismatches;
      }
      ++reports;
    } while (!done);
  });
  // A reader with an incremental report, refreshed on each new snapshot.
  std::thread incremental([&] {
    LiveReport live(store.snapshot(), p.units, p.procedures, official_calendar(), o);
    do {
      const auto snap = store.snapshot();
      live.refresh(snap);
      const Report full = compute_report(*snap, p.units, p.procedures, official_calendar(), o);
      if (!(live.report().total.counts == full.total.counts)) {
        const std::lock_guard<std::mutex> lock(failures);
        ++mismatches;
      }
      ++reports;
    } while (!done);
  });
  writer.join();
  full.join();
  incremental.join();
  BOOST_TEST(mismatches == 0);
  BOOST_TEST(reports.load() > 0);
  store.finish_merges();
  BOOST_TEST(store.snapshot()->size() == store.size());
}

BOOST_AUTO_TEST_SUITE_END()
