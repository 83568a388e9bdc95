// The live store on the 10 M province of province_store.hpp, as it stood at 2023-09-01 00:00
// (every end and event after that instant removed: those dossiers are pending, as in a live
// system): updates per second (ends, supplements, apologies), appends with appointments computed
// (and the slowest one), snapshots, and a day's changes taken in by an incremental report against
// a full evaluation (docs/performance.md, "The live store").

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/metrics/live_report.hpp>
#include <parmetrics/model/live_store.hpp>

#include "model/dossier_store_access.hpp"
#include "province_store.hpp"

namespace {

using namespace parmetrics;
using Clock = std::chrono::steady_clock;

constexpr MinuteStamp kT0 = to_minutes(days_from_civil(2023, 9, 1));

struct Rng {
  std::uint64_t s = 0x2545F4914F6CDD1Dull;
  std::uint32_t next(std::uint32_t n) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<std::uint32_t>(s % n);
  }
};

/// The province as of kT0, and the codes of the dossiers pending then with no supplement request
/// open (those an update may end, pause or apologise for).
struct LiveBase {
  DossierStore store;
  std::vector<std::string> pending;
};

const LiveBase& live_base() {
  static const LiveBase* b = [] {
    auto* out = new LiveBase;
    const DossierStore& src = bench::province_store().store;
    out->store.reserve(src.size());
    Dossier d;
    const auto status = src.status();
    for (DossierStore::Index i = 0; i < src.size(); ++i) {
      detail::DossierStoreAccess::read_row(src, i, d);
      if (d.ended && *d.ended > kT0) {
        d.ended.reset();
        d.end_kind = EndKind::none;
      }
      std::erase_if(d.supplements, [](const SupplementRequest& s) { return s.requested > kT0; });
      for (SupplementRequest& s : d.supplements) {
        if (s.completed && *s.completed > kT0) s.completed.reset();
      }
      std::erase_if(d.apologies, [](const Apology& a) { return a.issued > kT0; });
      const bool open = std::any_of(d.supplements.begin(), d.supplements.end(),
                                    [](const SupplementRequest& s) { return !s.completed; });
      if (!d.ended && !open) out->pending.push_back(d.code);
      detail::DossierStoreAccess::push(out->store, d, d.code, DossierStore::code_hash(d.code),
                                       dossier_status::appointment_computed(status[i]));
    }
    return out;
  }();
  return *b;
}

std::unique_ptr<LiveStore> live_store() {
  const bench::ProvinceStore& p = bench::province_store();
  return std::make_unique<LiveStore>(live_base().store, p.units, p.procedures, p.calendar);
}

/// A new dossier received at `t` for a random unit and procedure, its appointment to compute.
Dossier new_dossier(Rng& rng, std::uint64_t n, MinuteStamp t) {
  const bench::ProvinceStore& p = bench::province_store();
  Dossier d;
  d.code = "NEW-" + std::to_string(n);
  d.unit = static_cast<UnitId>(rng.next(static_cast<std::uint32_t>(p.units.size())));
  d.procedure = rng.next(static_cast<std::uint32_t>(p.procedures.size()));
  d.received = t;
  d.channel = rng.next(2) == 0 ? Channel::online : Channel::direct;
  return d;
}

/// Pending codes in a random order, each used once.
std::vector<std::string> shuffled_pending() {
  std::vector<std::string> codes = live_base().pending;
  Rng rng;
  for (std::size_t i = codes.size(); i > 1; --i) std::swap(codes[i - 1], codes[rng.next(i)]);
  return codes;
}

void BM_LiveUpdateEnd(benchmark::State& state) {
  const auto store = live_store();
  const std::vector<std::string> codes = shuffled_pending();
  std::size_t i = 0;
  for (auto _ : state) {
    store->record_end(codes[i], Minute(kT0 + static_cast<MinuteStamp>(60 + i % 1000)));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["dossiers"] = static_cast<double>(store->size());
}

void BM_LiveUpdateSupplement(benchmark::State& state) {
  const auto store = live_store();
  const std::vector<std::string> codes = shuffled_pending();
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& code = codes[i++];
    store->request_supplement(code, Minute(kT0 + 60));
    store->complete_supplement(code, Minute(kT0 + 600));
  }
  state.SetItemsProcessed(2 * state.iterations());  // a request and its completion
}

void BM_LiveUpdateApology(benchmark::State& state) {
  const auto store = live_store();
  const std::vector<std::string> codes = shuffled_pending();
  std::size_t i = 0;
  for (auto _ : state) {
    store->record_apology(codes[i++], {Minute(kT0 + 60), Minute(kT0 + 7 * kMinutesPerDay), true});
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_LiveUpdateEnd)->Iterations(400000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LiveUpdateSupplement)->Iterations(200000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LiveUpdateApology)->Iterations(400000)->Unit(benchmark::kMicrosecond);

/// The slowest of `us` and the one slower than 99.9 % of them.
void latencies(benchmark::State& state, std::vector<double>& us) {
  std::sort(us.begin(), us.end());
  state.counters["max_us"] = us.empty() ? 0 : us.back();
  state.counters["p999_us"] = us.empty() ? 0 : us[us.size() * 999 / 1000];
  // On a shared machine the slowest is often the scheduler's doing: how many took over 1 ms.
  state.counters["over_1ms"] =
      static_cast<double>(us.end() - std::upper_bound(us.begin(), us.end(), 1000.0));
}

// Appends with the appointment computed; the slowest append in `max_us` (each timed apart, which
// adds the clock's cost to the mean).
void BM_LiveAppend(benchmark::State& state) {
  const auto store = live_store();
  Rng rng;
  std::uint64_t n = 0;
  std::vector<double> us;
  us.reserve(state.max_iterations);
  for (auto _ : state) {
    const Dossier d = new_dossier(rng, n, kT0 + static_cast<MinuteStamp>(n % 50000));
    ++n;
    const auto t0 = Clock::now();
    store->append(d);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  state.SetItemsProcessed(state.iterations());
  latencies(state, us);
  state.counters["segments"] = static_cast<double>(store->stats().segments);
}
BENCHMARK(BM_LiveAppend)->Iterations(1000000)->Unit(benchmark::kMicrosecond);

// The batch store's appends for comparison: the slowest is an index growth.
void BM_BatchAppend(benchmark::State& state) {
  DossierStore store;
  Rng rng;
  std::uint64_t n = 0;
  std::vector<double> us;
  us.reserve(state.max_iterations);
  const WorkingCalendar& calendar = bench::province_store().calendar;
  const ProcedureCatalog& procedures = bench::province_store().procedures;
  for (auto _ : state) {
    Dossier d = new_dossier(rng, n, kT0 + static_cast<MinuteStamp>(n % 50000));
    ++n;
    const auto t0 = Clock::now();
    d.appointment = calendar.appointment(d.received, procedures[*d.procedure].duration);
    store.append(d);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  state.SetItemsProcessed(state.iterations());
  latencies(state, us);
}
BENCHMARK(BM_BatchAppend)->Iterations(1000000)->Unit(benchmark::kMicrosecond);

// snapshot() with one new dossier in the tail each time (so that it freezes a segment), on the
// 10 M store.
void BM_LiveSnapshot(benchmark::State& state) {
  const auto store = live_store();
  Rng rng;
  std::uint64_t n = 0;
  for (auto _ : state) {
    store->append(new_dossier(rng, n++, kT0));
    const auto t0 = Clock::now();
    const auto snap = store->snapshot();
    state.SetIterationTime(std::chrono::duration<double>(Clock::now() - t0).count());
    benchmark::DoNotOptimize(snap.get());
  }
  state.counters["segments"] = static_cast<double>(store->stats().segments);
}
BENCHMARK(BM_LiveSnapshot)->Iterations(2000)->UseManualTime()->Unit(benchmark::kMicrosecond);

/// A day of a live system: `added` new dossiers received during the day and `updated` updates of
/// dossiers pending at its start (ends, supplement requests and completions, apologies), at times
/// in the day.
void one_day(LiveStore& store, Rng& rng, MinuteStamp day_start, std::uint64_t& n,
             const std::vector<std::string>& pending, std::size_t& next_pending, int added,
             int updated) {
  for (int k = 0; k < added; ++k) {
    store.append(new_dossier(rng, n++, day_start + 7 * 60 + rng.next(600)));
  }
  for (int k = 0; k < updated; ++k) {
    const std::string& code = pending[next_pending++ % pending.size()];
    const MinuteStamp t = day_start + 7 * 60 + rng.next(600);
    try {
      switch (k % 4) {
        case 0:
        case 1:
          store.record_end(code, Minute(t));
          break;
        case 2:
          store.request_supplement(code, Minute(t));
          break;
        default:
          store.record_apology(code, {Minute(t), Minute(t + 5 * kMinutesPerDay), false});
          break;
      }
    } catch (const DataError&) {
      // e.g. a code drawn again after it ended: not counted
    }
  }
}

void BM_LiveRefreshDay(benchmark::State& state) {
  const bench::ProvinceStore& p = bench::province_store();
  const auto store = live_store();
  const std::vector<std::string> pending = shuffled_pending();
  ReportOptions o;
  o.period = ReportPeriod::year(2023, kT0);
  o.by = GroupBy::unit;
  o.threads = 2;
  LiveReport live(store->snapshot(), p.units, p.procedures, p.calendar, o);
  Rng rng;
  std::uint64_t n = 0;
  std::size_t next_pending = 0;
  MinuteStamp as_of = kT0;
  double refresh_s = 0, report_s = 0, full_s = 0, full_plain_s = 0;
  std::uint64_t woken = 0, changes = 0;
  for (auto _ : state) {
    const LiveReportStats before = live.stats();
    one_day(*store, rng, as_of, n, pending, next_pending, 5000, 20000);
    store->finish_merges();  // not on the refresh's cores while it is timed
    as_of += kMinutesPerDay;
    const auto snap = store->snapshot();
    const auto t0 = Clock::now();
    live.refresh(snap, Minute(as_of));
    const auto t_refreshed = Clock::now();
    const Report r = live.report();
    const auto t1 = Clock::now();
    report_s += std::chrono::duration<double>(t1 - t_refreshed).count();
    benchmark::DoNotOptimize(r.total.counts.in_scope);
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
    refresh_s += std::chrono::duration<double>(t1 - t0).count();
    woken += live.stats().woken - before.woken;
    changes += live.stats().changes - before.changes;
    // The full evaluation it stands for: with the median and p90, and without.
    ReportOptions full = o;
    full.period.as_of = as_of;
    const auto t2 = Clock::now();
    benchmark::DoNotOptimize(compute_report(*snap, p.units, p.procedures, p.calendar, full));
    const auto t3 = Clock::now();
    full.processing_quantiles = false;
    benchmark::DoNotOptimize(compute_report(*snap, p.units, p.procedures, p.calendar, full));
    const auto t4 = Clock::now();
    full_s += std::chrono::duration<double>(t3 - t2).count();
    full_plain_s += std::chrono::duration<double>(t4 - t3).count();
  }
  const auto days = static_cast<double>(state.iterations());
  state.counters["refresh_ms"] = 1e3 * refresh_s / days;
  state.counters["of_which_report_ms"] = 1e3 * report_s / days;
  state.counters["full_ms"] = 1e3 * full_s / days;
  state.counters["full_no_quantiles_ms"] = 1e3 * full_plain_s / days;
  state.counters["ratio_pct"] = 100 * refresh_s / full_s;
  state.counters["ratio_no_quantiles_pct"] = 100 * refresh_s / full_plain_s;
  state.counters["changes_per_day"] = static_cast<double>(changes) / days;
  state.counters["woken_per_day"] = static_cast<double>(woken) / days;
  state.counters["waiting"] = static_cast<double>(live.stats().pending);
}
BENCHMARK(BM_LiveRefreshDay)->Iterations(5)->UseManualTime()->Unit(benchmark::kMillisecond);

// Building the incremental report: the full evaluation and the wake-ups of every dossier.
void BM_LiveReportBuild(benchmark::State& state) {
  const bench::ProvinceStore& p = bench::province_store();
  const auto store = live_store();
  const auto snap = store->snapshot();
  ReportOptions o;
  o.period = ReportPeriod::year(2023, kT0);
  o.threads = 2;
  for (auto _ : state) {
    LiveReport live(snap, p.units, p.procedures, p.calendar, o);
    state.counters["waiting"] = static_cast<double>(live.stats().pending);
  }
}
BENCHMARK(BM_LiveReportBuild)->Iterations(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
