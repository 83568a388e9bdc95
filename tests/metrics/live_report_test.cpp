// Reports on a live store: compute_report, forms and lists over a snapshot equal the same over a
// batch store of the snapshot's dossiers; a snapshot's report does not move with later writes;
// the incremental report equals a full evaluation after random change streams with the as-of
// moving on (many seeds, groupings and policies).

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/worklist.hpp>
#include <parmetrics/metrics/live_report.hpp>

#include "metrics/live_support.hpp"

using namespace parmetrics;
using namespace parmetrics::test;

namespace {

constexpr MinuteStamp kStart = at(2025, 6, 2, 8, 0);

LiveStore live_store(const Province& p, std::size_t tail_rows = 16) {
  LiveStoreOptions o;
  o.tail_rows = tail_rows;  // small: many segments, merges and superseded rows
  o.merge_factor = 3;
  o.background_merges = false;
  return LiveStore(p.units, p.procedures, official_calendar(), o);
}

/// A batch store of the snapshot's dossiers (their rows as they are, appointments included).
DossierStore batch_copy(const StoreSnapshot& s) {
  DossierStore out;
  for (const auto& seg : s.segments()) {
    for (DossierStore::Index i = 0; i < seg.store->size(); ++i) {
      if (seg.live(i)) out.append(seg.store->row(i));
    }
  }
  return out;
}

ReportOptions options_for(GroupBy by, MinuteStamp as_of) {
  ReportOptions o;
  o.period = ReportPeriod::of(day(2025, 5, 1), day(2025, 6, 30), as_of);
  o.by = by;
  o.threads = 2;
  return o;
}

/// Options drawn for a seed: a grouping, a policy, sometimes a filter or successors.
ReportOptions random_options(const Province& p, Rng& rng, MinuteStamp as_of) {
  const GroupBy groupings[] = {GroupBy::unit,  GroupBy::none,      GroupBy::level,
                               GroupBy::field, GroupBy::procedure, GroupBy::channel,
                               GroupBy::month, GroupBy::quarter};
  ReportOptions o = options_for(groupings[rng.next(8)], as_of);
  o.roll_up = !rng.one_in(3);
  switch (rng.next(4)) {
    case 0:
      o.policy = *timeliness_profile("td");
      break;
    case 1:
      o.policy.granularity = Granularity::day;
      o.policy.withdrawn = WithdrawnPolicy::exclude;
      break;
    case 2:
      o.policy.pause = PausePolicy::elapsed;
      o.policy.apology_lead_days = 0;
      o.policy.multiple_supplements_late = false;
      break;
    default:
      break;
  }
  if (rng.one_in(4)) o.filter.units = {p.D};
  if (rng.one_in(5)) o.filter.channels = {Channel::online, Channel::postal};
  if (rng.one_in(4)) o.hierarchy_as_of = day(2025, 7, 1);
  return o;
}

/// An as-of at or after `as_of` where some dossier's evaluation turns, or a minute either side:
/// its effective appointment or a new appointment passing (by minutes and by days), its end, an
/// event. Random as-ofs seldom land there, and an off-by-one would hide between them.
MinuteStamp turning_point(const StoreSnapshot& snap, const ReportOptions& o, MinuteStamp as_of,
                          Rng& rng) {
  // A dossier still pending then if one is found in a few draws: those are the ones that turn.
  const StoreSnapshot::Segment* seg = nullptr;
  DossierStore::Index i = 0;
  DossierEvaluation ev;
  for (int draw = 0; draw < 20; ++draw) {
    const auto& segs = snap.segments();
    seg = &segs[rng.next(static_cast<std::uint32_t>(segs.size()))];
    i = static_cast<DossierStore::Index>(rng.next(static_cast<std::uint32_t>(seg->store->size())));
    ev = evaluate_dossier(DossierFacts::of(*seg->store, i), as_of, official_calendar(), o.policy);
    if (seg->live(i) && !ev.ended && seg->store->appointment()[i] != kNoTime) break;
  }
  std::vector<MinuteStamp> points = {ev.effective_appointment,
                                     to_minutes(day_of(ev.effective_appointment) + 1)};
  if (seg->store->ended()[i] != kNoTime) points.push_back(seg->store->ended()[i]);
  for (const StoredEvent& e : seg->store->events_of(i)) {
    points.push_back(e.at);
    if (e.second != kNoTime) {
      points.push_back(e.second);
      points.push_back(to_minutes(day_of(e.second) + 1));
    }
  }
  const MinuteStamp t =
      points[rng.next(static_cast<std::uint32_t>(points.size()))] - 1 + rng.next(3);
  return std::max(t, as_of);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(live_report)

BOOST_AUTO_TEST_CASE(a_snapshot_reports_as_a_batch_store_of_its_dossiers) {
  const Province p = province_units();
  LiveStore store = live_store(p);
  Traffic traffic(p, store, 7, kStart);
  for (int i = 0; i < 600; ++i) {
    traffic.step();
    traffic.tick(20);
    if (i % 25 == 0) (void)store.snapshot();
  }
  const auto snap = store.snapshot();
  BOOST_TEST(snap->segments().size() > 1u);
  const DossierStore batch = batch_copy(*snap);
  BOOST_TEST(batch.size() == snap->size());
  for (GroupBy by : {GroupBy::unit, GroupBy::procedure, GroupBy::month, GroupBy::none}) {
    const ReportOptions o = options_for(by, traffic.clock());
    check_same_report(compute_report(*snap, p.units, p.procedures, official_calendar(), o),
                      compute_report(batch, p.units, p.procedures, official_calendar(), o),
                      std::string(to_string(by)), true);
  }
  // The forms and the lists too.
  FormOptions fo;
  fo.period = options_for(GroupBy::unit, traffic.clock()).period;
  const FormDefinition form = *FormDefinition::builtin("vpcp-06");
  const Form a = compute_form(form, *snap, p.units, p.procedures, official_calendar(), fo);
  const Form b = compute_form(form, batch, p.units, p.procedures, official_calendar(), fo);
  BOOST_REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) BOOST_TEST(a.rows[i].values == b.rows[i].values);
  DossierListOptions lo;
  lo.period = fo.period;
  lo.order = DossierListOrder::receipt;
  const DossierList la = list_dossiers(*snap, p.units, p.procedures, official_calendar(), lo);
  const DossierList lb = list_dossiers(batch, p.units, p.procedures, official_calendar(), lo);
  BOOST_REQUIRE(la.rows.size() == lb.rows.size());
  for (std::size_t i = 0; i < la.rows.size(); ++i) {
    BOOST_TEST(la.rows[i].code == lb.rows[i].code);
    BOOST_TEST(snap->row(la.rows[i].index).code == la.rows[i].code);
    BOOST_TEST((la.rows[i].evaluation == lb.rows[i].evaluation));
  }
  const ReportPeriod dp = default_report_period(*snap, std::nullopt, std::nullopt);
  const ReportPeriod db = default_report_period(batch, std::nullopt, std::nullopt);
  BOOST_TEST(dp.from == db.from);
  BOOST_TEST(dp.to == db.to);
}

BOOST_AUTO_TEST_CASE(a_snapshots_report_does_not_move_with_later_writes) {
  const Province p = province_units();
  LiveStore store = live_store(p);
  Traffic traffic(p, store, 11, kStart);
  for (int i = 0; i < 200; ++i) traffic.step();
  const auto snap = store.snapshot();
  const ReportOptions o = options_for(GroupBy::unit, traffic.clock());
  const Report before = compute_report(*snap, p.units, p.procedures, official_calendar(), o);
  for (int i = 0; i < 400; ++i) {
    traffic.step();
    if (i % 50 == 0) (void)store.snapshot();
  }
  const Report after = compute_report(*snap, p.units, p.procedures, official_calendar(), o);
  check_same_report(before, after, "same snapshot", true);
  const Report now =
      compute_report(*store.snapshot(), p.units, p.procedures, official_calendar(), o);
  BOOST_TEST(now.dossiers > before.dossiers);
}

BOOST_AUTO_TEST_CASE(the_live_report_equals_a_full_evaluation_on_random_streams) {
  const Province plain = province_units();
  // C2 split on 2025-07-01 between N and S, each dossier by the commune its record names, else
  // by its code's share (a third to N): as of that day, the routes of docs/metrics.md §9.
  Province split = province_units();
  Unit c2 = unit("C2", "commune", "D");
  c2.valid_to = day(2025, 6, 30);
  c2.successors = {"N", "S"};
  c2.successor_shares = {kShareWhole / 3, kShareWhole - kShareWhole / 3};
  c2.succession = SuccessionRule::commune;
  split.units.replace(split.C2, c2);
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const Province& p = seed % 2 == 0 ? split : plain;
    LiveStore store = live_store(p, 8 + seed % 24);
    Traffic traffic(p, store, seed, kStart);
    for (int i = 0; i < 60; ++i) traffic.step();
    ReportOptions o = random_options(p, traffic.rng(), traffic.clock() - 3 * kMinutesPerDay);
    LiveReport live(store.snapshot(), p.units, p.procedures, official_calendar(), o);
    MinuteStamp as_of = o.period.as_of;
    for (int round = 0; round < 12; ++round) {
      const int writes = static_cast<int>(traffic.rng().next(40));
      for (int i = 0; i < writes; ++i) {
        traffic.step();
        traffic.tick(traffic.rng().next(180));
        if (traffic.rng().one_in(15)) (void)store.snapshot();  // snapshots nobody reports on
      }
      // The as-of moves on by up to three days (sometimes not at all, sometimes past the
      // writer's clock, sometimes to a midnight, often to where some dossier turns).
      const auto snap = store.snapshot();
      as_of += traffic.rng().one_in(4) ? 0 : traffic.rng().next(3 * kMinutesPerDay);
      if (traffic.rng().one_in(5)) as_of = to_minutes(day_of(as_of) + 1);
      if (traffic.rng().one_in(2)) as_of = turning_point(*snap, o, as_of, traffic.rng());
      live.refresh(snap, Minute(as_of));
      o.period.as_of = as_of;
      const Report full = compute_report(*snap, p.units, p.procedures, official_calendar(), o);
      const std::string what = fmt::format("seed {} round {} by {}", seed, round, to_string(o.by));
      const bool quantiles = round % 4 == 3;
      if (quantiles) {
        live.refresh_quantiles();
        BOOST_TEST(live.quantiles_current());
      }
      check_same_report(live.report(), full, what, quantiles);
      ++compared;
    }
    BOOST_TEST(live.stats().changes > 0u);
  }
  BOOST_TEST(compared == 60 * 12);
}

BOOST_AUTO_TEST_CASE(a_large_refresh_taken_in_by_several_threads_equals_a_full_evaluation) {
  // Enough changes and wake-ups in one refresh to be shared out between threads.
  const Province p = province_units();
  LiveStore store = live_store(p, 4096);
  Traffic traffic(p, store, 2024, kStart);
  for (int i = 0; i < 40000; ++i) {
    traffic.step();
    traffic.tick(i % 2);
  }
  // As of the start: most of those dossiers come later, and wake up at the first refresh.
  ReportOptions o = options_for(GroupBy::unit, kStart);
  o.threads = 3;
  LiveReport live(store.snapshot(), p.units, p.procedures, official_calendar(), o);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 30000; ++i) {
      traffic.step();
      traffic.tick(i % 2);
    }
    o.period.as_of = traffic.clock() + (round + 1) * 2 * kMinutesPerDay;
    const auto snap = store.snapshot();
    live.refresh(snap, Minute(o.period.as_of));
    check_same_report(live.report(),
                      compute_report(*snap, p.units, p.procedures, official_calendar(), o),
                      fmt::format("round {}", round), false);
  }
  BOOST_TEST(live.stats().changes > 3 * 8192u);
  BOOST_TEST(live.stats().woken > 8192u);
}

BOOST_AUTO_TEST_CASE(wake_ups_turn_pending_dossiers_overdue_without_a_write) {
  // One dossier received Monday 2025-06-02 08:00, due Thursday 08:00: within time on Wednesday,
  // overdue from 08:01 on Thursday, with no write in between.
  const Province p = province_units();
  LiveStore store = live_store(p);
  store.append(dossier("W-1", p.C1, at(2025, 6, 2, 8, 0), at(2025, 6, 5, 8, 0)));
  ReportOptions o = options_for(GroupBy::none, at(2025, 6, 4, 12, 0));
  LiveReport live(store.snapshot(), p.units, p.procedures, official_calendar(), o);
  BOOST_TEST(live.report().total.counts.within_time == 1u);
  BOOST_TEST(live.stats().pending == 1u);
  live.refresh(store.snapshot(), Minute(at(2025, 6, 5, 8, 0)));
  BOOST_TEST(live.report().total.counts.within_time == 1u);
  live.refresh(store.snapshot(), Minute(at(2025, 6, 5, 8, 1)));
  BOOST_TEST(live.report().total.counts.overdue == 1u);
  BOOST_TEST(live.report().total.counts.apology_missing == 1u);
  BOOST_TEST(live.stats().woken == 1u);
  // An end recorded for later than the as-of counts only when the as-of reaches it.
  store.record_end("W-1", Minute(at(2025, 6, 6, 10, 0)));
  live.refresh(store.snapshot());
  BOOST_TEST(live.report().total.counts.overdue == 1u);
  live.refresh(store.snapshot(), Minute(at(2025, 6, 6, 10, 0)));
  BOOST_TEST(live.report().total.counts.late == 1u);
  BOOST_TEST(live.report().total.counts.processed == 1u);
  BOOST_TEST(live.stats().pending == 0u);
}

BOOST_AUTO_TEST_CASE(refresh_refuses_what_would_go_backwards) {
  const Province p = province_units();
  LiveStore store = live_store(p);
  LiveStore other = live_store(p);
  Traffic traffic(p, store, 3, kStart);
  for (int i = 0; i < 20; ++i) traffic.step();
  const auto first = store.snapshot();
  traffic.step();
  const auto second = store.snapshot();
  LiveReport live(second, p.units, p.procedures, official_calendar(),
                  options_for(GroupBy::unit, kStart));
  BOOST_CHECK_THROW(live.refresh(first), ArgumentError);
  BOOST_CHECK_THROW(live.refresh(other.snapshot()), ArgumentError);
  BOOST_CHECK_THROW(live.refresh(second, Minute(kStart - 1)), ArgumentError);
  BOOST_CHECK_NO_THROW(live.refresh(second, Minute(kStart)));
}

BOOST_AUTO_TEST_SUITE_END()
