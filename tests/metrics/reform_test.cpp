// Reports across the 2025 reform: the hierarchy as it was on each dossier's day, or as of a date
// (docs/metrics.md §9), on a small province whose every figure is derived by hand below.
//
// Units (ended: valid_to 2025-06-30; new: valid_from 2025-07-01):
//   Q province, ended → R                 R province, new
//     D district, ended, no successor        C commune, new
//       A, B communes, ended → C (a merger)  E commune, new
//       F commune, ended → E
//       O office, ended → C 0.6, E 0.4 by the dossier's commune (a split)
//       X office, ended → C 0.5, E 0.5 by shares
//     W department, ended, no successor
//   M commune, all along: under D until 2025-06-30, under R from 2025-07-01, renamed then.
//
// Dossiers, each received at 08:00, due three days later, ended the same day (early): each
// counts 1 in scope wherever it counts.
//   on 2025-06-30 (the last day before): a1 (A), b1 (B), f1 (F), o1 (O, names commune A), o2 (O,
//     names F), o3 (O, names none), m1 (M), w1 (W), x1 x2 x3 x4 (X): 12
//   on 2025-07-01 (the first day after): c1 (C), e1 (E), m2 (M): 3
// Shares by the dossier code's FNV-1a 64-bit hash modulo 10000 (computed here by a separate
// implementation): o3 → 1815, x1 → 2626, x2 → 4415, x3 → 6204, x4 → 7993.

#include <boost/test/unit_test.hpp>

#include <sstream>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/report_format.hpp>

#include "metrics/metrics_support.hpp"

using namespace parmetrics;
using namespace parmetrics::test;

namespace {

constexpr DayNumber kLast = day(2025, 6, 30);
constexpr DayNumber kFirst = day(2025, 7, 1);

Unit make(std::string code, std::string level, std::string parent) {
  Unit u;
  u.code = code;
  u.name = "Unit " + code;
  u.level = std::move(level);
  u.parent = std::move(parent);
  return u;
}

Unit ended(std::string code, std::string level, std::string parent,
           std::vector<std::string> successors) {
  Unit u = make(std::move(code), std::move(level), std::move(parent));
  u.valid_to = kLast;
  u.successors = std::move(successors);
  return u;
}

Unit fresh(std::string code, std::string level, std::string parent) {
  Unit u = make(std::move(code), std::move(level), std::move(parent));
  u.valid_from = kFirst;
  return u;
}

struct Reform {
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
};

const Reform& reform() {
  static const Reform r = [] {
    Reform p;
    p.units.add(ended("Q", "province", "", {"R"}));
    p.units.add(ended("D", "district", "Q", {}));
    p.units.add(ended("A", "commune", "D", {"C"}));
    p.units.add(ended("B", "commune", "D", {"C"}));
    p.units.add(ended("F", "commune", "D", {"E"}));
    Unit o = ended("O", "department", "D", {"C", "E"});
    o.successor_shares = {6000, 4000};
    o.succession = SuccessionRule::commune;
    p.units.add(o);
    Unit x = ended("X", "department", "D", {"C", "E"});
    x.successor_shares = {5000, 5000};
    p.units.add(x);
    p.units.add(ended("W", "department", "Q", {}));
    Unit m = make("M", "commune", "R");
    m.name = "Unit M renamed";
    m.history.push_back({kFirstSupportedDay, kLast, "Unit M", "D", ""});
    p.units.add(m);
    p.units.add(fresh("R", "province", ""));
    p.units.add(fresh("C", "commune", "R"));
    p.units.add(fresh("E", "commune", "R"));
    p.units.resolve();
    const auto add = [&](std::string code, std::string unit, DayNumber d,
                         std::optional<std::string> commune = {}) {
      const MinuteStamp received = to_minutes(d, 8 * 60);
      Dossier x = dossier(std::move(code), *p.units.find(unit), received, received + 3 * 1440,
                          received + 60);
      if (commune) x.commune = *p.units.find(*commune);
      p.store.append(x);
    };
    add("a1", "A", kLast);
    add("b1", "B", kLast);
    add("f1", "F", kLast);
    add("o1", "O", kLast, "A");
    add("o2", "O", kLast, "F");
    add("o3", "O", kLast);
    add("m1", "M", kLast);
    add("w1", "W", kLast);
    for (const char* c : {"x1", "x2", "x3", "x4"}) add(c, "X", kLast);
    add("c1", "C", kFirst);
    add("e1", "E", kFirst);
    add("m2", "M", kFirst);
    return p;
  }();
  return r;
}

ReportOptions june_july(std::optional<DayNumber> as_of = {}, GroupBy by = GroupBy::unit) {
  ReportOptions o;
  o.period = ReportPeriod::of(day(2025, 6, 1), day(2025, 7, 31));
  o.by = by;
  o.hierarchy_as_of = as_of;
  return o;
}

Report run(const ReportOptions& o) {
  static const WorkingCalendar calendar;
  const Reform& r = reform();
  return compute_report(r.store, r.units, r.procedures, calendar, o);
}

std::vector<std::string> keys(const Report& r) {
  std::vector<std::string> k;
  for (const ReportRow& row : r.rows) k.push_back(row.key);
  return k;
}

const ReportRow& row(const Report& r, std::string_view key) {
  for (const ReportRow& x : r.rows) {
    if (x.key == key) return x;
  }
  throw std::runtime_error("no row " + std::string(key));
}

std::uint64_t in_scope(const Report& r, std::string_view key) {
  return row(r, key).counts.in_scope;
}

// FNV-1a 64-bit, written apart from the library's, for the shares' expectations.
std::uint64_t bucket(std::string_view code) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : code) h = (h ^ c) * 0x100000001b3ull;
  return h % 10000;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(across_the_reform)

BOOST_AUTO_TEST_CASE(the_shares_buckets_of_the_codes) {
  BOOST_TEST(bucket("o3") == 1815u);  // < 6000: O's first successor, C
  BOOST_TEST(bucket("x1") == 2626u);  // < 5000: C
  BOOST_TEST(bucket("x2") == 4415u);  // < 5000: C
  BOOST_TEST(bucket("x3") == 6204u);  // ≥ 5000: E
  BOOST_TEST(bucket("x4") == 7993u);  // ≥ 5000: E
}

BOOST_AUTO_TEST_CASE(as_it_was_each_dossier_under_the_hierarchy_of_its_day) {
  const Report r = run(june_july());
  // Roots by code (Q, R); Q's children D and W, D's the offices and communes of June; M sits under
  // its parent on the period's last day, R, renamed.
  BOOST_TEST(keys(r) == (std::vector<std::string>{"Q", "D", "A", "B", "F", "O", "X", "W", "R", "C",
                                                  "E", "M"}),
             boost::test_tools::per_element());
  // Q: the 12 dossiers of 2025-06-30 (m1 under D then); D: those 12 but w1 = 11.
  BOOST_TEST(in_scope(r, "Q") == 12u);
  BOOST_TEST(in_scope(r, "D") == 11u);
  BOOST_TEST(in_scope(r, "O") == 3u);
  BOOST_TEST(in_scope(r, "X") == 4u);
  BOOST_TEST(in_scope(r, "W") == 1u);
  // R: c1, e1 and m2 (M under R from 2025-07-01); M: m1 and m2.
  BOOST_TEST(in_scope(r, "R") == 3u);
  BOOST_TEST(in_scope(r, "M") == 2u);
  BOOST_TEST(row(r, "M").name == "Unit M renamed");
  BOOST_TEST(r.rows[*row(r, "M").parent_row].key == "R");
  BOOST_TEST(row(r, "M").depth == 1);
  BOOST_TEST(r.total.counts.in_scope == 15u);
  // Roll-ups are not sums of rows: D (11) + R (3) + W (1) = 15 holds, M counted once in each.
  BOOST_TEST(!row(r, "Q").no_carrier);
}

BOOST_AUTO_TEST_CASE(as_of_the_last_day_before_the_new_units_carry_nothing) {
  const Report r = run(june_july(kLast));
  // On 2025-06-30 R, C and E do not exist yet: c1 and e1 have no carrier and keep rows of their
  // own units after the hierarchy; M is under D then, with both its dossiers.
  BOOST_TEST(
      keys(r) == (std::vector<std::string>{"Q", "D", "A", "B", "F", "M", "O", "X", "W", "C", "E"}),
      boost::test_tools::per_element());
  BOOST_TEST(in_scope(r, "Q") == 13u);  // the 12 of June 30 and m2
  BOOST_TEST(in_scope(r, "D") == 12u);  // Q's 13 but w1
  BOOST_TEST(in_scope(r, "M") == 2u);
  BOOST_TEST(row(r, "M").name == "Unit M");
  BOOST_TEST(row(r, "C").no_carrier);
  BOOST_TEST(row(r, "E").no_carrier);
  BOOST_TEST(in_scope(r, "C") == 1u);
  BOOST_TEST(row(r, "C").depth == 0);
  BOOST_TEST(!row(r, "C").parent_row.has_value());
  BOOST_TEST(r.total.counts.in_scope == 15u);  // nothing dropped
}

BOOST_AUTO_TEST_CASE(as_of_the_first_day_after_a_merger_a_split_and_no_successor) {
  const Report r = run(june_july(kFirst));
  // C: a1, b1 (the merger), c1, o1 (names A, whose carrier is C), o3 (no commune; 1815 < 6000),
  // x1, x2 (2626, 4415 < 5000) = 7. E: f1, e1, o2 (names F → E), x3, x4 = 5. M under R: 2.
  // R: 7 + 5 + 2 = 14. W ended with no successor: its row after the hierarchy, w1 kept.
  BOOST_TEST(keys(r) == (std::vector<std::string>{"R", "C", "E", "M", "W"}),
             boost::test_tools::per_element());
  BOOST_TEST(in_scope(r, "C") == 7u);
  BOOST_TEST(in_scope(r, "E") == 5u);
  BOOST_TEST(in_scope(r, "M") == 2u);
  BOOST_TEST(row(r, "M").name == "Unit M renamed");
  BOOST_TEST(in_scope(r, "R") == 14u);
  BOOST_TEST(row(r, "W").no_carrier);
  BOOST_TEST(in_scope(r, "W") == 1u);
  BOOST_TEST(r.total.counts.in_scope == 15u);
  // Not rolled up: R holds nothing of its own.
  ReportOptions own = june_july(kFirst);
  own.roll_up = false;
  const Report o = run(own);
  BOOST_TEST(in_scope(o, "R") == 0u);
  BOOST_TEST(row(o, "R").subtree.in_scope == 14u);
  BOOST_TEST(in_scope(o, "C") == 7u);
}

BOOST_AUTO_TEST_CASE(filters_follow_the_view) {
  // As it was, D's subtree on each dossier's day: the 11 of June 30 under it (m2 was under R).
  ReportOptions d = june_july();
  d.filter.units = {*reform().units.find("D")};
  BOOST_TEST(run(d).total.counts.in_scope == 11u);
  // As of 2025-07-01, C alone: its 7.
  ReportOptions c = june_july(kFirst);
  c.filter.units = {*reform().units.find("C")};
  BOOST_TEST(run(c).total.counts.in_scope == 7u);
  // Communes as of 2025-07-01: C 7, E 5, M 2 = 14 (W is a department).
  ReportOptions communes = june_july(kFirst, GroupBy::none);
  communes.filter.levels = {"commune"};
  BOOST_TEST(run(communes).total.counts.in_scope == 14u);
}

BOOST_AUTO_TEST_CASE(by_month_nothing_is_dropped) {
  const Report r = run(june_july(kFirst, GroupBy::month));
  BOOST_TEST(keys(r) == (std::vector<std::string>{"2025-06", "2025-07"}),
             boost::test_tools::per_element());
  BOOST_TEST(in_scope(r, "2025-06") == 12u);  // w1 among them, though nothing carries W
  BOOST_TEST(in_scope(r, "2025-07") == 3u);
}

BOOST_AUTO_TEST_CASE(the_units_nothing_carries_are_said_under_the_table) {
  const Report r = run(june_july(kFirst));
  std::ostringstream table, json;
  ReportFormatOptions o;
  o.language = Language::en;
  write_report(table, r, ReportFormat::table, o);
  BOOST_TEST(table.str().find("Units with no successor on 2025-07-01 (their dossiers still count, "
                              "outside the hierarchy): Unit W (W)") != std::string::npos,
             table.str());
  write_report(json, r, ReportFormat::json, o);
  BOOST_TEST(json.str().find("\"no_carrier\": true") != std::string::npos);
  BOOST_TEST(json.str().find("\"hierarchy_as_of\": \"2025-07-01\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
