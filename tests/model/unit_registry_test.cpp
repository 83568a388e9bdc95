// Units: hierarchy, levels as data, validity and successors (mergers of 2025).

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <string>
#include <thread>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/model/unit.hpp>

#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::day;

namespace {

Unit unit(std::string code, std::string name, std::string level, std::string parent) {
  Unit u;
  u.code = std::move(code);
  u.name = std::move(name);
  u.level = std::move(level);
  u.parent = std::move(parent);
  return u;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(unit_registry)

BOOST_AUTO_TEST_CASE(hierarchy_and_levels) {
  UnitRegistry units;
  // Children before their parent: resolve() links by code afterwards.
  const UnitId commune = units.add(unit("X1", "Xã Bình Lâm", "commune", "H1"));
  const UnitId district = units.add(unit("H1", "Huyện Hiệp Đức", "district", "P1"));
  const UnitId province = units.add(unit("P1", "Tỉnh Quảng Nam", "province", ""));
  units.resolve();
  BOOST_TEST(*units.parent(commune) == district);
  BOOST_TEST(!units.parent(province).has_value());
  BOOST_TEST(
      (units.ancestors_and_self(commune) == std::vector<UnitId>{commune, district, province}));
  BOOST_TEST(units.level_count() == 3u);
  BOOST_TEST(units.level_name(units.level(district)) == "district");
  BOOST_TEST(*units.find("H1") == district);
  BOOST_TEST(!units.find("H2").has_value());
}

BOOST_AUTO_TEST_CASE(unknown_parents_and_loops_are_data_errors) {
  UnitRegistry orphan;
  orphan.add(unit("X1", "x", "commune", "NOPE"));
  BOOST_CHECK_THROW(orphan.resolve(), DataError);
  UnitRegistry loop;
  loop.add(unit("A", "a", "x", "B"));
  loop.add(unit("B", "b", "x", "A"));
  BOOST_CHECK_THROW(loop.resolve(), DataError);
  UnitRegistry dup;
  dup.add(unit("A", "a", "x", ""));
  BOOST_CHECK_THROW(dup.add(unit("A", "again", "x", "")), parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(loops_name_the_first_unit_whose_chain_loops) {
  // T → A → B → C → B: T is not on the loop, but its chain never reaches a root; T comes first.
  UnitRegistry units;
  units.add(unit("R", "root", "x", ""));
  units.add(unit("T", "t", "x", "A"));
  units.add(unit("A", "a", "x", "B"));
  units.add(unit("B", "b", "x", "C"));
  units.add(unit("C", "c", "x", "B"));
  try {
    units.resolve();
    BOOST_FAIL("expected a DataError");
  } catch (const DataError& e) {
    BOOST_TEST(e.location() == "unit T");
    BOOST_TEST(e.field() == "parent");
    BOOST_TEST(e.reason() == "the parent chain loops");
  }
  // A unit pointing at itself.
  UnitRegistry self;
  self.add(unit("S", "s", "x", "S"));
  BOOST_CHECK_THROW(self.resolve(), DataError);
}

BOOST_AUTO_TEST_CASE(a_long_parent_chain_resolves) {
  // 100 000 units, each the parent of the next (issue 11: a walk per unit made this quadratic).
  // Added leaf first, so that no walk can stop early at a unit seen before.
  constexpr int kUnits = 100'000;
  UnitRegistry units;
  for (int i = kUnits - 1; i >= 0; --i) {
    units.add(unit(fmt::format("U{}", i), "u", "x", i == 0 ? "" : fmt::format("U{}", i - 1)));
  }
  units.resolve();
  // The first unit added is U99999, the deepest: its chain is the whole registry.
  BOOST_TEST(units.ancestors_and_self(0).size() == static_cast<std::size_t>(kUnits));
  BOOST_TEST(!units.parent(kUnits - 1).has_value());
}

BOOST_AUTO_TEST_CASE(queries_resolve_the_registry_themselves) {
  // No resolve(): the first query links the units, and again after each add() or replace().
  UnitRegistry units;
  const UnitId commune = units.add(unit("X1", "Xã Bình Lâm", "commune", "H1"));
  const UnitId district = units.add(unit("H1", "Huyện Hiệp Đức", "district", ""));
  BOOST_TEST(*units.parent(commune) == district);
  const UnitId province = units.add(unit("P1", "Tỉnh Quảng Nam", "province", ""));
  units.replace(district, unit("H1", "Huyện Hiệp Đức", "district", "P1"));
  BOOST_TEST(*units.parent(district) == province);
  BOOST_TEST(
      (units.ancestors_and_self(commune) == std::vector<UnitId>{commune, district, province}));
  // Its DataError comes from the query that needed the links, and again from the next one.
  units.add(unit("X2", "Xã ?", "commune", "NOPE"));
  BOOST_CHECK_THROW((void)units.parent(commune), DataError);
  BOOST_CHECK_THROW((void)units.parent(commune), DataError);
}

BOOST_AUTO_TEST_CASE(readers_of_a_registry_that_resolves_itself) {
  // Many threads query a registry nobody resolved: one resolves it, every one reads the same
  // links (run under ThreadSanitizer in CI).
  UnitRegistry units;
  for (int i = 0; i < 2000; ++i) {
    units.add(unit(fmt::format("C{}", i), "c", "commune", i == 0 ? "" : fmt::format("C{}", i / 2)));
  }
  std::vector<std::thread> readers;
  std::vector<std::size_t> depth(8, 0);
  for (std::size_t t = 0; t < depth.size(); ++t) {
    readers.emplace_back([&, t] { depth[t] = units.ancestors_and_self(1999).size(); });
  }
  for (std::thread& r : readers) r.join();
  // 1999 → 999 → 499 → 249 → 124 → 62 → 31 → 15 → 7 → 3 → 1 → 0: twelve units.
  for (const std::size_t d : depth) BOOST_TEST(d == 12u);
}

BOOST_AUTO_TEST_CASE(copies_and_moves_keep_finding_codes) {
  // The code index holds ids, not the strings: a copy or a moved-to registry finds every code,
  // however the original grows afterwards (short codes live inside their std::string, so
  // pointers into the original would dangle).
  UnitRegistry a;
  for (int i = 0; i < 100; ++i) a.add(unit(fmt::format("C{}", i), "c", "x", ""));
  UnitRegistry copy = a;
  for (int i = 100; i < 1000; ++i) a.add(unit(fmt::format("C{}", i), "c", "x", ""));
  UnitRegistry moved = std::move(a);
  BOOST_TEST(copy.size() == 100u);
  BOOST_TEST(*copy.find("C42") == 42u);
  BOOST_TEST(!copy.find("C500").has_value());
  BOOST_TEST(*moved.find("C999") == 999u);
  BOOST_TEST(*moved.find("C0") == 0u);
  BOOST_CHECK_THROW(moved.add(unit("C7", "again", "x", "")), parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(history_goes_to_successors_as_of_a_date) {
  // Two communes merged into a new one on 2025-07-01 (the two-level local government).
  UnitRegistry units;
  Unit a{"A", "Xã A", "commune", "", kFirstSupportedDay, day(2025, 6, 30), {"C"}, {},
         {},  {},     {},        {}};
  Unit b{"B", "Xã B", "commune", "", kFirstSupportedDay, day(2025, 6, 30), {"C"}, {},
         {},  {},     {},        {}};
  Unit c{"C", "Xã C", "commune", "", day(2025, 7, 1), kLastSupportedDay, {}, {}, {}, {}, {}, {}};
  const UnitId ia = units.add(a);
  const UnitId ib = units.add(b);
  const UnitId ic = units.add(c);
  units.resolve();
  BOOST_TEST(units.successor_as_of(ia, day(2025, 6, 30)) == ia);
  BOOST_TEST(units.successor_as_of(ia, day(2025, 7, 1)) == ic);
  BOOST_TEST(units.successor_as_of(ib, day(2026, 1, 1)) == ic);
  BOOST_TEST(units.successor_as_of(ic, day(2026, 1, 1)) == ic);
}

BOOST_AUTO_TEST_CASE(a_unit_that_changes_parent_and_name) {
  // A commune keeps its code through the reform: under its district until 2025-06-30, under the
  // province from 2025-07-01, renamed then (the 2025 practice: a new commune continues the unit
  // whose code it keeps; docs/reform-2025.md).
  UnitRegistry units;
  const UnitId p = units.add(unit("P", "Thành phố Đà Nẵng", "province", ""));
  Unit d = unit("D", "Huyện Hiệp Đức", "district", "P");
  d.valid_to = day(2025, 6, 30);
  const UnitId di = units.add(d);
  Unit c = unit("C", "Xã Hiệp Đức", "commune", "P");
  c.gso_code = "20779";
  c.history.push_back({kFirstSupportedDay, day(2025, 6, 30), "Thị trấn Tân Bình", "D", "20779"});
  const UnitId ci = units.add(c);
  units.resolve();
  BOOST_TEST(units.has_history());
  BOOST_TEST(*units.parent_on(ci, day(2025, 6, 30)) == di);
  BOOST_TEST(*units.parent_on(ci, day(2025, 7, 1)) == p);
  BOOST_TEST(*units.parent(ci) == p);  // the parent on its last day
  BOOST_TEST(units.name_on(ci, day(2023, 8, 31)) == "Thị trấn Tân Bình");
  BOOST_TEST(units.name_on(ci, day(2025, 7, 1)) == "Xã Hiệp Đức");
  BOOST_TEST((units.ancestors_on(ci, day(2025, 6, 30)) == std::vector<UnitId>{ci, di, p}));
  BOOST_TEST((units.ancestors_on(ci, day(2025, 7, 1)) == std::vector<UnitId>{ci, p}));
  // Two periods: the history's stretch, then the unit's own fields for the rest of its life.
  const auto periods = units.periods(ci);
  BOOST_REQUIRE_EQUAL(periods.size(), 2u);
  BOOST_TEST(periods[0].to == day(2025, 6, 30));
  BOOST_TEST(periods[1].from == day(2025, 7, 1));
  BOOST_TEST(periods[1].to == kLastSupportedDay);
  BOOST_TEST(*periods[0].parent == di);
  // The same GSO code all along: the unit holds it on either side of the day.
  BOOST_TEST(*units.find_gso("20779", day(2025, 6, 30)) == ci);
  BOOST_TEST(*units.find_gso("20779", day(2025, 7, 1)) == ci);
}

BOOST_AUTO_TEST_CASE(versions_that_overlap_or_leave_the_life_are_data_errors) {
  UnitRegistry overlap;
  Unit c = unit("C", "c", "commune", "");
  c.history.push_back({day(2020, 1, 1), day(2025, 6, 30), "a", "", ""});
  c.history.push_back({day(2025, 6, 30), day(2025, 12, 31), "b", "", ""});
  overlap.add(c);
  BOOST_CHECK_THROW(overlap.resolve(), DataError);
  UnitRegistry outside;
  Unit d = unit("D", "d", "commune", "");
  d.valid_to = day(2025, 6, 30);
  d.history.push_back({day(2025, 1, 1), day(2025, 7, 31), "a", "", ""});
  outside.add(d);
  BOOST_CHECK_THROW(outside.resolve(), DataError);
}

BOOST_AUTO_TEST_CASE(gso_codes_name_a_unit_on_a_day) {
  // Code reuse (CV 1027/CTK-CSCL): 20779 was thị trấn Tân Bình until 2025-06-30 and is xã Hiệp
  // Đức from 2025-07-01, two units of the registry with their own one-stop codes.
  UnitRegistry units;
  Unit old = unit("000.21.30.H55", "UBND thị trấn Tân Bình", "commune", "");
  old.gso_code = "20779";
  old.valid_to = day(2025, 6, 30);
  old.successors = {"000.00.71.H15"};
  Unit now = unit("000.00.71.H15", "UBND xã Hiệp Đức", "commune", "");
  now.gso_code = "20779";
  now.valid_from = day(2025, 7, 1);
  const UnitId o = units.add(old);
  const UnitId n = units.add(now);
  units.resolve();
  BOOST_TEST(*units.find_gso("20779", day(2025, 6, 30)) == o);
  BOOST_TEST(*units.find_gso("20779", day(2025, 7, 1)) == n);
  BOOST_TEST(!units.find_gso("20767", day(2025, 7, 1)).has_value());
  // Two units holding one code on the same day cannot be told apart.
  UnitRegistry twice;
  Unit a = unit("A", "a", "commune", "");
  a.gso_code = "20779";
  Unit b = unit("B", "b", "commune", "");
  b.gso_code = "20779";
  b.valid_from = day(2025, 7, 1);
  twice.add(a);
  twice.add(b);
  BOOST_CHECK_THROW(twice.resolve(), DataError);
}

BOOST_AUTO_TEST_CASE(carriers_of_a_merger_a_split_and_a_chain) {
  // M1, M2 → N (merger, 2025-07-01); S → T 60 %, U 40 % (split, 2025-07-01); T → V (2026-01-01).
  UnitRegistry units;
  const auto ended = [](std::string code, DayNumber to, std::vector<std::string> next) {
    Unit u = unit(std::move(code), "x", "commune", "");
    u.valid_to = to;
    u.successors = std::move(next);
    return u;
  };
  const auto from = [](std::string code, DayNumber first) {
    Unit u = unit(std::move(code), "x", "commune", "");
    u.valid_from = first;
    return u;
  };
  const UnitId m1 = units.add(ended("M1", day(2025, 6, 30), {"N"}));
  const UnitId m2 = units.add(ended("M2", day(2025, 6, 30), {"N"}));
  const UnitId n = units.add(from("N", day(2025, 7, 1)));
  Unit s = ended("S", day(2025, 6, 30), {"T", "U"});
  s.successor_shares = {6000, 4000};
  const UnitId si = units.add(s);
  Unit t = ended("T", day(2025, 12, 31), {"V"});
  t.valid_from = day(2025, 7, 1);
  const UnitId ti = units.add(t);
  const UnitId u = units.add(from("U", day(2025, 7, 1)));
  const UnitId v = units.add(from("V", day(2026, 1, 1)));
  const UnitId w = units.add(ended("W", day(2025, 6, 30), {}));
  units.resolve();
  using Shares = std::vector<UnitShare>;
  // On the last day before the reform every unit carries itself.
  BOOST_TEST((units.carriers(m1, day(2025, 6, 30)) == Shares{{m1, 10000}}));
  BOOST_TEST((units.carriers(si, day(2025, 6, 30)) == Shares{{si, 10000}}));
  // From the first day: the merger's whole history to N; the split's by its shares.
  BOOST_TEST((units.carriers(m1, day(2025, 7, 1)) == Shares{{n, 10000}}));
  BOOST_TEST((units.carriers(m2, day(2025, 7, 1)) == Shares{{n, 10000}}));
  BOOST_TEST((units.carriers(si, day(2025, 7, 1)) == Shares{{ti, 6000}, {u, 4000}}));
  // T's whole share goes on to V in 2026: 6000 × 10000 / 10000 = 6000.
  BOOST_TEST((units.carriers(si, day(2026, 1, 1)) == Shares{{v, 6000}, {u, 4000}}));
  // N did not exist yet on 2025-06-30: nothing carries its history then.
  BOOST_TEST(units.carriers(n, day(2025, 6, 30)).empty());
  // W ended with no successor.
  BOOST_TEST(units.carriers(w, day(2025, 7, 1)).empty());
  // On T's last day it still carries its share.
  BOOST_TEST((units.carriers(si, day(2025, 12, 31)) == Shares{{ti, 6000}, {u, 4000}}));
  // Equal shares when none are given, the remainder to the first: 10000 / 3 = 3333, 3334 first.
  UnitRegistry three;
  three.add(ended("X", day(2025, 6, 30), {"A", "B", "C"}));
  for (const char* c : {"A", "B", "C"}) three.add(from(c, day(2025, 7, 1)));
  three.resolve();
  BOOST_TEST((three.successors(0) == Shares{{1, 3334}, {2, 3333}, {3, 3333}}));
}

BOOST_AUTO_TEST_CASE(bad_shares_and_successor_loops_are_data_errors) {
  UnitRegistry sum;
  Unit s = unit("S", "s", "commune", "");
  s.valid_to = day(2025, 6, 30);
  s.successors = {"A", "B"};
  s.successor_shares = {6000, 3000};  // 9000 of 10000
  sum.add(s);
  sum.add(unit("A", "a", "commune", ""));
  sum.add(unit("B", "b", "commune", ""));
  BOOST_CHECK_THROW(sum.resolve(), DataError);
  UnitRegistry loop;
  Unit a = unit("A", "a", "commune", "");
  a.successors = {"B"};
  Unit b = unit("B", "b", "commune", "");
  b.successors = {"A"};
  loop.add(a);
  loop.add(b);
  BOOST_CHECK_THROW(loop.resolve(), DataError);
  // A record's code cannot change through replace().
  UnitRegistry units;
  units.add(unit("A", "a", "commune", ""));
  BOOST_CHECK_THROW(units.replace(0, unit("B", "b", "commune", "")), Error);
}

BOOST_AUTO_TEST_SUITE_END()
