// The aggregation engine on a small province whose every figure is computed by hand below.
//
// Period: March 2023, as of its end (2023-04-01 00:00). March 2023 has no holiday.
// Units (metrics_support.hpp): P ─ D ─ {C1, C2}, P ─ S, and N (from 2025-07-01, successor of C1).
//
// clang-format off
//   dossier  unit  received        appointment     ended           channel  procedure  → class
//   a        C1    03-01 08:00     03-03 17:00     03-02 10:00     online   PR1        early
//   b        C1    03-06 08:00     03-08 17:00     03-09 09:00     direct   PR2        late (no apology)
//   c        C2    03-06 08:00     03-10 17:00     03-10 09:00     postal   PR3        on time (same date)
//   d        C2    02-20 09:00     04-05 17:00     —               direct   —          carried over, within time
//   e        D     03-13 08:00     03-15 17:00     —               online   PR1        overdue (no apology)
//   f        S     03-20 08:00     03-24 17:00     03-22 08:00     online   PR2        early
//   g        S     02-01 08:00     02-10 17:00     02-09 10:00     direct   PR2        out: ended before March
//   h        S     04-03 08:00     04-07 17:00     —               direct   PR2        out: received after
// clang-format on
//
// Own figures:  C1: 2 in scope (a, b), online 1, direct 1, early 1, late 1, apology
// needed/missing 1.
//               C2: 2 in scope (c, d), received 1 (c), carried over 1 (d), postal 1, on time 1,
//                   within time 1.
//               D:  1 in scope (e), online 1, overdue 1, apology needed/missing 1.
//               S:  1 in scope (f), online 1, early 1.
// Rolled up:    D = D + C1 + C2: 5 in scope, 4 received, 1 carried over, online 2, direct 1,
//                   postal 1, early 1, on time 1, late 1, within 1, overdue 1, apologies 2 missing.
//               P = D + S: 6 in scope, 5 received, online 3, early 2 … late rate 2/6 = 33.33 %,
//                   online rate 3/5 = 60.00 %.

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <algorithm>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/metrics/comparison.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>

#include "metrics/metrics_support.hpp"

#include "calendar/test_support.hpp"

using namespace parmetrics;
using namespace parmetrics::test;

namespace {

Province march_province() {
  Province p = province_units();
  auto add = [&](std::string code, UnitId u, MinuteStamp r, MinuteStamp a,
                 std::optional<MinuteStamp> e, Channel ch, std::optional<ProcedureId> proc) {
    Dossier d = dossier(std::move(code), u, r, a, e, ch);
    d.procedure = proc;
    p.store.append(d);
  };
  add("a", p.C1, at(2023, 3, 1, 8, 0), at(2023, 3, 3, 17, 0), at(2023, 3, 2, 10, 0),
      Channel::online, p.PR1);
  add("b", p.C1, at(2023, 3, 6, 8, 0), at(2023, 3, 8, 17, 0), at(2023, 3, 9, 9, 0), Channel::direct,
      p.PR2);
  add("c", p.C2, at(2023, 3, 6, 8, 0), at(2023, 3, 10, 17, 0), at(2023, 3, 10, 9, 0),
      Channel::postal, p.PR3);
  add("d", p.C2, at(2023, 2, 20, 9, 0), at(2023, 4, 5, 17, 0), {}, Channel::direct, {});
  add("e", p.D, at(2023, 3, 13, 8, 0), at(2023, 3, 15, 17, 0), {}, Channel::online, p.PR1);
  add("f", p.S, at(2023, 3, 20, 8, 0), at(2023, 3, 24, 17, 0), at(2023, 3, 22, 8, 0),
      Channel::online, p.PR2);
  add("g", p.S, at(2023, 2, 1, 8, 0), at(2023, 2, 10, 17, 0), at(2023, 2, 9, 10, 0),
      Channel::direct, p.PR2);
  add("h", p.S, at(2023, 4, 3, 8, 0), at(2023, 4, 7, 17, 0), {}, Channel::direct, p.PR2);
  return p;
}

ReportOptions march(GroupBy by = GroupBy::unit) {
  ReportOptions o;
  o.period = ReportPeriod::of(day(2023, 3, 1), day(2023, 3, 31));
  o.by = by;
  return o;
}

Report run(const Province& p, const ReportOptions& o) {
  return compute_report(p.store, p.units, p.procedures, official_calendar(), o);
}

std::vector<std::string> keys(const Report& r) {
  std::vector<std::string> k;
  for (const ReportRow& row : r.rows) k.push_back(row.key);
  return k;
}

const ReportRow& row(const Report& r, std::string_view key) {
  for (const ReportRow& row : r.rows) {
    if (row.key == key) return row;
  }
  throw std::runtime_error("no row " + std::string(key));
}

std::string rate_text(const MetricCounts& c, RateId id) {
  return rate(c, id).to_string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(aggregation)

BOOST_AUTO_TEST_CASE(units_roll_up_along_the_hierarchy) {
  const Province p = march_province();
  const Report r = run(p, march());
  // Hierarchy order, children by code; N does not exist in 2023 and has no dossier: no row.
  BOOST_TEST(keys(r) == (std::vector<std::string>{"P", "D", "C1", "C2", "S"}),
             boost::test_tools::per_element());
  const MetricCounts& d = row(r, "D").counts;
  BOOST_TEST(d.in_scope == 5u);
  BOOST_TEST(d.received == 4u);
  BOOST_TEST(d.carried_over == 1u);
  BOOST_TEST(d.online == 2u);
  BOOST_TEST(d.direct == 1u);
  BOOST_TEST(d.postal == 1u);
  BOOST_TEST(d.early == 1u);
  BOOST_TEST(d.on_time == 1u);
  BOOST_TEST(d.late == 1u);
  BOOST_TEST(d.within_time == 1u);
  BOOST_TEST(d.overdue == 1u);
  BOOST_TEST(d.apology_needed == 2u);
  BOOST_TEST(d.apology_missing == 2u);
  BOOST_TEST(rate_text(d, RateId::late_rate) == "40.00");    // (1 + 1) / 5
  BOOST_TEST(rate_text(d, RateId::online_rate) == "50.00");  // 2 / 4
  const MetricCounts& pc = row(r, "P").counts;
  BOOST_TEST(pc.in_scope == 6u);
  BOOST_TEST(pc.received == 5u);
  BOOST_TEST(pc.online == 3u);
  BOOST_TEST(pc.early == 2u);
  BOOST_TEST(rate_text(pc, RateId::late_rate) == "33.33");    // 2 / 6
  BOOST_TEST(rate_text(pc, RateId::online_rate) == "60.00");  // 3 / 5
  // The total counts each dossier once: here everything lies under P.
  BOOST_TEST((r.total.counts == pc));
  BOOST_TEST(r.total.key == "total");
  // Depth, parent and root rows.
  BOOST_TEST(row(r, "C1").depth == 2);
  BOOST_TEST(*row(r, "C1").parent_row == 1u);  // D
  BOOST_TEST(*row(r, "C1").root_row == 0u);    // P
  BOOST_TEST(row(r, "C1").level == "commune");
  BOOST_TEST(row(r, "C1").name == "Unit C1");
  BOOST_TEST(!row(r, "P").parent_row);
}

BOOST_AUTO_TEST_CASE(own_figures_without_roll_up) {
  const Province p = march_province();
  ReportOptions o = march();
  o.roll_up = false;
  const Report r = run(p, o);
  BOOST_TEST(row(r, "D").counts.in_scope == 1u);  // e only
  BOOST_TEST(row(r, "D").counts.overdue == 1u);
  // P received nothing itself: zero denominators give n/a, never NaN.
  BOOST_TEST(row(r, "P").counts.in_scope == 0u);
  BOOST_TEST(rate_text(row(r, "P").counts, RateId::late_rate) == "n/a");
  BOOST_TEST(!rate(row(r, "P").counts, RateId::online_rate).percent());
  // The subtree figures are kept for the comparisons.
  BOOST_TEST(row(r, "P").subtree.in_scope == 6u);
  BOOST_TEST((r.total.counts == row(r, "P").subtree));
}

BOOST_AUTO_TEST_CASE(comparisons_with_parent_and_province) {
  const Province p = march_province();
  const Report r = run(p, march());
  // Online rates: P 60.00, D 50.00, C1 1/2 = 50.00, C2 0/1 = 0.00, S 1/1 = 100.00.
  const auto cmp = compare_units(r, RateId::online_rate);
  BOOST_TEST(cmp.size() == 5u);
  auto of = [&](std::string_view key) {
    for (const UnitComparison& c : cmp) {
      if (r.rows[c.row].key == key) return c;
    }
    throw std::runtime_error("no comparison");
  };
  BOOST_TEST(of("C1").own.to_string() == "50.00");
  BOOST_TEST(of("C1").parent.to_string() == "50.00");
  BOOST_TEST(of("C1").root.to_string() == "60.00");
  BOOST_TEST(*of("C1").vs_parent == 0);  // equal to D's
  BOOST_TEST(*of("C1").vs_root == -1);   // below the province
  BOOST_TEST(*of("C2").vs_parent == -1);
  BOOST_TEST(*of("D").vs_root == -1);
  BOOST_TEST(*of("S").vs_parent == 1);
  BOOST_TEST(*of("S").vs_root == 1);
  BOOST_TEST(!of("P").vs_parent);     // a root has no parent
  BOOST_TEST(*of("P").vs_root == 0);  // and is its own province
  // C2 received one dossier, by post: no online dossier.
  const auto zero = units_without_online(r);
  BOOST_TEST(zero.size() == 1u);
  BOOST_TEST(r.rows[zero.at(0)].key == "C2");
  // Communes are the most common level; by late rate C1 (1/2) is the worst, C2 (0/2) the best.
  BOOST_TEST(*most_common_level(r) == "commune");
  const auto worst = rank_rows(r, RateId::late_rate, 1, RankOrder::highest, "commune");
  const auto best = rank_rows(r, RateId::late_rate, 1, RankOrder::lowest, "commune");
  BOOST_TEST(r.rows[worst.at(0)].key == "C1");
  BOOST_TEST(r.rows[best.at(0)].key == "C2");
  // Over all rows, late rates: C1 50, D 40, P 33.33, C2 0, S 0 (ties by key: C2 before S).
  const auto all = rank_rows(r, RateId::late_rate, 10, RankOrder::highest);
  std::vector<std::string> order;
  for (std::size_t i : all) order.push_back(r.rows[i].key);
  BOOST_TEST(order == (std::vector<std::string>{"C1", "D", "P", "C2", "S"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(history_attributed_to_successor_units) {
  const Province p = march_province();
  ReportOptions o = march();
  // As of 2025-07-01 C1 no longer exists; its history belongs to N (whose parent is P).
  o.hierarchy_as_of = day(2025, 7, 1);
  const Report r = run(p, o);
  BOOST_TEST(keys(r) == (std::vector<std::string>{"P", "D", "C2", "N", "S"}),
             boost::test_tools::per_element());
  BOOST_TEST(row(r, "N").counts.in_scope == 2u);  // a, b
  BOOST_TEST(row(r, "N").counts.late == 1u);
  BOOST_TEST(row(r, "D").counts.in_scope == 3u);  // c, d, e
  BOOST_TEST(row(r, "P").counts.in_scope == 6u);  // nothing lost
  // The day before the reform C1 still exists and keeps its history.
  o.hierarchy_as_of = day(2025, 6, 30);
  const Report before = run(p, o);
  BOOST_TEST(keys(before) == (std::vector<std::string>{"P", "D", "C1", "C2", "S"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(filters) {
  const Province p = march_province();
  // Unit D: its subtree (a–e) and its ancestors as rows; S is left out.
  ReportOptions o = march();
  o.filter.units = {p.D};
  const Report r = run(p, o);
  BOOST_TEST(keys(r) == (std::vector<std::string>{"P", "D", "C1", "C2"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.total.counts.in_scope == 5u);
  BOOST_TEST(row(r, "P").counts.in_scope == 5u);
  // Online channel: a, e, f.
  ReportOptions online = march(GroupBy::none);
  online.filter.channels = {Channel::online};
  BOOST_TEST(run(p, online).total.counts.in_scope == 3u);
  // Communes: a, b, c, d.
  ReportOptions communes = march(GroupBy::none);
  communes.filter.levels = {"commune"};
  BOOST_TEST(run(p, communes).total.counts.in_scope == 4u);
  // Field Đất đai: PR1 and PR3 = a, c, e; d has no procedure and never matches a filter.
  ReportOptions land = march(GroupBy::none);
  land.filter.fields = {"Đất đai"};
  BOOST_TEST(run(p, land).total.counts.in_scope == 3u);
  // Procedure PR2: b, f (g and h are out of scope).
  ReportOptions pr2 = march(GroupBy::none);
  pr2.filter.procedures = {p.PR2};
  BOOST_TEST(run(p, pr2).total.counts.in_scope == 2u);
  // Filters combine with "and": online and PR2 leaves f.
  pr2.filter.channels = {Channel::online};
  BOOST_TEST(run(p, pr2).total.counts.in_scope == 1u);
}

BOOST_AUTO_TEST_CASE(group_by_level_field_procedure_channel) {
  const Province p = march_province();
  const Report lv = run(p, march(GroupBy::level));
  // Levels in registry order, those with dossiers: district (e), commune (a–d), department (f).
  BOOST_TEST(keys(lv) == (std::vector<std::string>{"district", "commune", "department"}),
             boost::test_tools::per_element());
  BOOST_TEST(row(lv, "commune").counts.in_scope == 4u);
  const Report pr = run(p, march(GroupBy::procedure));
  // By code: "(none)" (d) sorts before "PR1" (a, e), "PR2" (b, f), "PR3" (c).
  BOOST_TEST(keys(pr) == (std::vector<std::string>{"(none)", "PR1", "PR2", "PR3"}),
             boost::test_tools::per_element());
  BOOST_TEST(row(pr, "PR1").counts.in_scope == 2u);
  BOOST_TEST(row(pr, "PR1").name == "Procedure PR1");
  BOOST_TEST(row(pr, "PR2").counts.late == 1u);  // b
  const Report fd = run(p, march(GroupBy::field));
  // Byte order of UTF-8: "(none)", "Hộ tịch" (H), "Đất đai" (Đ is U+0110, after ASCII).
  BOOST_TEST(keys(fd) == (std::vector<std::string>{"(none)", "Hộ tịch", "Đất đai"}),
             boost::test_tools::per_element());
  BOOST_TEST(row(fd, "Đất đai").counts.in_scope == 3u);  // a, c, e
  BOOST_TEST(row(fd, "Hộ tịch").counts.in_scope == 2u);  // b, f
  const Report ch = run(p, march(GroupBy::channel));
  BOOST_TEST(keys(ch) == (std::vector<std::string>{"direct", "online", "postal"}),
             boost::test_tools::per_element());
  // Direct: b (received) and d (carried over: in scope, but channels count receipts only).
  BOOST_TEST(row(ch, "direct").counts.in_scope == 2u);
  BOOST_TEST(row(ch, "direct").counts.received == 1u);
  BOOST_TEST(row(ch, "direct").counts.direct == 1u);
  BOOST_TEST(row(ch, "online").counts.online == 3u);
  BOOST_TEST(row(ch, "postal").counts.postal == 1u);
}

BOOST_AUTO_TEST_CASE(group_by_month_quarter_year_of_receipt) {
  // Period January–April 2023. One dossier carried over from 20 December 2022 (pending, due in
  // May), then receipts on 15 January, 10 February and 3 April; none in March. Carried-over
  // dossiers are grouped by the month they were received in.
  Province p = province_units();
  p.store.append(dossier("x1", p.C1, at(2022, 12, 20, 9, 0), at(2023, 5, 30, 17, 0)));
  p.store.append(
      dossier("x2", p.C1, at(2023, 1, 15, 9, 0), at(2023, 2, 10, 17, 0), at(2023, 2, 1, 9, 0)));
  p.store.append(
      dossier("x3", p.C1, at(2023, 2, 10, 9, 0), at(2023, 2, 20, 17, 0), at(2023, 2, 15, 9, 0)));
  p.store.append(
      dossier("x4", p.C2, at(2023, 4, 3, 9, 0), at(2023, 4, 10, 17, 0), at(2023, 4, 5, 9, 0)));
  ReportOptions o;
  o.period = ReportPeriod::of(day(2023, 1, 1), day(2023, 4, 30));
  o.by = GroupBy::month;
  const Report m = run(p, o);
  BOOST_TEST(keys(m) == (std::vector<std::string>{"2022-12", "2023-01", "2023-02", "2023-04"}),
             boost::test_tools::per_element());
  BOOST_TEST(row(m, "2022-12").counts.carried_over == 1u);
  BOOST_TEST(row(m, "2022-12").counts.received == 0u);
  BOOST_TEST(row(m, "2023-01").counts.received == 1u);
  o.by = GroupBy::quarter;
  const Report q = run(p, o);
  BOOST_TEST(keys(q) == (std::vector<std::string>{"2022-Q4", "2023-Q1", "2023-Q2"}),
             boost::test_tools::per_element());
  BOOST_TEST(row(q, "2023-Q1").counts.in_scope == 2u);
  o.by = GroupBy::year;
  const Report y = run(p, o);
  BOOST_TEST(keys(y) == (std::vector<std::string>{"2022", "2023"}),
             boost::test_tools::per_element());
  BOOST_TEST(row(y, "2023").counts.in_scope == 3u);
  BOOST_TEST(y.total.counts.in_scope == 4u);
}

BOOST_AUTO_TEST_CASE(flags_feedback_and_supplements_are_counted) {
  // Two dossiers received in March, one carried over: flags and feedback count receipts only.
  Province p = province_units();
  Dossier a = dossier("a", p.C1, at(2023, 3, 1, 8, 0), at(2023, 3, 10, 17, 0), at(2023, 3, 2, 9, 0),
                      Channel::online);
  a.flags = dossier_flag::digitised | dossier_flag::e_result | dossier_flag::fee_due |
            dossier_flag::paid_online | dossier_flag::synced;
  a.feedback = Feedback::complaint;
  Dossier b = dossier("b", p.C1, at(2023, 3, 1, 8, 0), at(2023, 3, 10, 17, 0), {}, Channel::direct);
  b.flags = dossier_flag::digitised | dossier_flag::reused | dossier_flag::from_store |
            dossier_flag::vneid | dossier_flag::fee_due;
  b.feedback = Feedback::dislike;
  // Two supplements, the second still open at as-of.
  b.supplements = {{at(2023, 3, 2, 8, 0), at(2023, 3, 2, 9, 0)},
                   {at(2023, 3, 20, 8, 0), std::nullopt}};
  Dossier c = dossier("c", p.C1, at(2023, 2, 1, 8, 0), at(2023, 3, 10, 17, 0), {}, Channel::online);
  c.flags = 0xFF;  // carried over: not counted in the receipt-based counts
  p.store.append(a);
  p.store.append(b);
  p.store.append(c);
  const MetricCounts t = run(p, march(GroupBy::none)).total.counts;
  BOOST_TEST(t.received == 2u);
  BOOST_TEST(t.digitised == 2u);
  BOOST_TEST(t.e_result == 1u);
  BOOST_TEST(t.digitised_e_result == 1u);
  BOOST_TEST(t.reused == 1u);
  BOOST_TEST(t.from_store == 1u);
  BOOST_TEST(t.vneid == 1u);
  BOOST_TEST(t.fee_due == 2u);
  BOOST_TEST(t.paid_online == 1u);
  BOOST_TEST(t.synced == 1u);
  BOOST_TEST(t.feedback_complaint == 1u);
  BOOST_TEST(t.feedback_dislike == 1u);
  BOOST_TEST(t.with_supplement == 1u);
  BOOST_TEST(t.supplement_requests == 2u);
  BOOST_TEST(t.multiple_supplements == 1u);
  BOOST_TEST(t.open_supplement == 1u);
  BOOST_TEST(rate_text(t, RateId::paid_online_rate) == "50.00");  // 1 / 2 with a fee
  BOOST_TEST(rate_text(t, RateId::e_result_rate) == "50.00");     // 1 / 2 received
  BOOST_TEST(rate_text(t, RateId::digitised_rate) == "100.00");
}

BOOST_AUTO_TEST_CASE(processing_time_median_and_p90) {
  // Ten dossiers received Wed 1 March 07:00 and ended the same morning after 10, 20, …, 90 and 200
  // working minutes (all before 11:30). Mean 650 / 10 = 65. Nearest rank: median = 5th value = 50,
  // p90 = 9th value = 90 (not the maximum, 200).
  Province p = province_units();
  const int minutes[] = {200, 10, 90, 20, 80, 30, 70, 40, 60, 50};
  int i = 0;
  for (int m : minutes) {
    p.store.append(dossier(fmt::format("t{}", i++), p.C1, at(2023, 3, 1, 7, 0),
                           at(2023, 3, 10, 17, 0), at(2023, 3, 1, 7, 0) + m));
  }
  const Report r = run(p, march(GroupBy::none));
  const ProcessingTime& t = r.total.processing;
  BOOST_TEST(t.count == 10u);
  BOOST_TEST(t.total_minutes == 650u);
  BOOST_TEST(*t.mean_minutes() == 65.0);
  BOOST_TEST(*t.median_minutes == 50);
  BOOST_TEST(*t.p90_minutes == 90);
  // An eleventh value, 255: median = 6th of 11 = 60, p90 = ceil(9.9) = 10th = 200.
  p.store.append(dossier("t10", p.C1, at(2023, 3, 1, 7, 0), at(2023, 3, 10, 17, 0),
                         at(2023, 3, 1, 7, 0) + 255));
  const ProcessingTime& u = run(p, march(GroupBy::none)).total.processing;
  BOOST_TEST(*u.median_minutes == 60);
  BOOST_TEST(*u.p90_minutes == 200);
  // Pending dossiers have no processing time; without quantiles only the exact sums remain.
  ReportOptions o = march(GroupBy::none);
  o.processing_quantiles = false;
  const ProcessingTime& v = run(p, o).total.processing;
  BOOST_TEST(v.count == 11u);
  BOOST_TEST(!v.median_minutes);
}

BOOST_AUTO_TEST_CASE(quantiles_above_256_minutes_are_exact) {
  // Working hours 07:00-11:30 and 13:30-17:00. Received Wed 1 March 07:00, ended 14:30, 14:34 and
  // 14:36: 270 minutes of morning plus 60, 64 and 66 → 330, 334 and 336 working minutes. Their
  // histogram buckets are two minutes wide ([330, 332), [334, 336), [336, 338)): a bucket's middle
  // would say 331, 335 and 337. Nearest rank: the median is the 2nd value, 334; p90 the 3rd, 336.
  Province p = province_units();
  int i = 0;
  for (int minute : {30, 34, 36}) {
    p.store.append(dossier(fmt::format("q{}", i++), p.C1, at(2023, 3, 1, 7, 0),
                           at(2023, 3, 10, 17, 0), at(2023, 3, 1, 14, minute)));
  }
  const ProcessingTime& t = run(p, march(GroupBy::none)).total.processing;
  BOOST_TEST(t.total_minutes == 1000u);
  BOOST_TEST(*t.median_minutes == 334);
  BOOST_TEST(*t.p90_minutes == 336);
  // By unit, on one thread and on three: each row's quantiles are its own dossiers' times.
  p.store.append(
      dossier("q3", p.C2, at(2023, 3, 1, 7, 0), at(2023, 3, 10, 17, 0), at(2023, 3, 1, 14, 30)));
  for (unsigned threads : {1u, 3u}) {
    ReportOptions o = march(GroupBy::unit);
    o.threads = threads;
    const Report r = run(p, o);
    const auto c2 = std::find_if(r.rows.begin(), r.rows.end(),
                                 [&](const ReportRow& row) { return row.unit == p.C2; });
    BOOST_REQUIRE(c2 != r.rows.end());
    BOOST_TEST(c2->processing.count == 1u);
    BOOST_TEST(*c2->processing.median_minutes == 330);
    // The four together: 330, 330, 334, 336: median the 2nd, 330; p90 the 4th, 336.
    BOOST_TEST(*r.total.processing.median_minutes == 330);
    BOOST_TEST(*r.total.processing.p90_minutes == 336);
  }
}

BOOST_AUTO_TEST_CASE(histogram_resolution) {
  // Exact below 256 minutes; above, buckets of 2^(k-7) minutes in the octave [2^k, 2^(k+1)),
  // each standing for its middle minute: 300 and 301 share [300, 302) → 301; 7201 and 7231 lie
  // in [7200, 7232) (32-minute buckets in [4096, 8192); 7200 = 225 × 32) → 7216; 7232 starts the
  // next bucket → 7248.
  ProcessingHistogram h{};
  auto q = [&](std::int64_t m) {
    h.fill(0);
    ++h[ProcessingBuckets::bucket_of(m)];
    return *histogram_quantile(h, 1, 2);
  };
  BOOST_TEST(q(0) == 0);
  BOOST_TEST(q(255) == 255);
  BOOST_TEST(q(300) == 301);
  BOOST_TEST(q(301) == 301);
  BOOST_TEST(q(7201) == 7216);
  BOOST_TEST(q(7231) == 7216);
  BOOST_TEST(q(7232) == 7248);
  // Beyond 2^22 minutes everything shares the last bucket [2^22 - 2^14, 2^22): 2^22 - 2^13.
  BOOST_TEST(q(std::int64_t{1} << 30) == (std::int64_t{1} << 22) - (std::int64_t{1} << 13));
  h.fill(0);
  BOOST_TEST(!histogram_quantile(h, 1, 2));
}

BOOST_AUTO_TEST_CASE(as_of_earlier_than_the_period_end) {
  // As of 10 March 12:00: e (received 13 March) and f (20 March) are not in scope yet; b ended
  // 9 March 09:00 (late); c ends only at 10 March 09:00 → ended by 12:00, on time; a early;
  // d still pending and within time.
  const Province p = march_province();
  ReportOptions o = march(GroupBy::none);
  o.period = ReportPeriod::of(day(2023, 3, 1), day(2023, 3, 31), at(2023, 3, 10, 12, 0));
  const MetricCounts t = run(p, o).total.counts;
  BOOST_TEST(t.in_scope == 4u);
  BOOST_TEST(t.early == 1u);
  BOOST_TEST(t.on_time == 1u);
  BOOST_TEST(t.late == 1u);
  BOOST_TEST(t.within_time == 1u);
  BOOST_TEST(t.overdue == 0u);
}

BOOST_AUTO_TEST_CASE(withdrawn_excluded_by_policy) {
  Province p = province_units();
  Dossier w = dossier("w", p.C1, at(2023, 3, 1, 8, 0), at(2023, 3, 3, 17, 0), at(2023, 3, 6, 9, 0),
                      Channel::online);
  w.end_kind = EndKind::withdrawn;
  p.store.append(w);
  // Evaluated by default: withdrawn after the appointment, late.
  BOOST_TEST(run(p, march(GroupBy::none)).total.counts.late == 1u);
  ReportOptions o = march(GroupBy::none);
  o.policy.withdrawn = WithdrawnPolicy::exclude;
  const MetricCounts t = run(p, o).total.counts;
  BOOST_TEST(t.in_scope == 0u);
  BOOST_TEST(t.received == 0u);
  BOOST_TEST(t.withdrawn_excluded == 1u);
  BOOST_TEST(rate_text(t, RateId::late_rate) == "n/a");
}

// Nothing loaded at all (a C API context before any file): every grouping gives no row and a
// total of zeros. Grouped by unit, the empty registry's one key used to be read past its end.
BOOST_AUTO_TEST_CASE(empty_registry_and_store) {
  const UnitRegistry units;
  const ProcedureCatalog procedures;
  const DossierStore store;
  for (const GroupBy by :
       {GroupBy::none, GroupBy::unit, GroupBy::level, GroupBy::field, GroupBy::procedure,
        GroupBy::channel, GroupBy::month, GroupBy::quarter, GroupBy::year}) {
    BOOST_TEST_CONTEXT(to_string(by)) {
      const Report r = compute_report(store, units, procedures, official_calendar(), march(by));
      BOOST_TEST(r.rows.size() == (by == GroupBy::channel ? 3u : 0u));
      BOOST_TEST(r.total.counts.in_scope == 0u);
      BOOST_TEST(r.total.counts.received == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_units_are_an_error) {
  Province p = province_units();
  p.store.append(dossier("z", 99, at(2023, 3, 1, 8, 0), at(2023, 3, 3, 17, 0)));
  BOOST_CHECK_THROW(run(p, march()), parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_SUITE_END()
