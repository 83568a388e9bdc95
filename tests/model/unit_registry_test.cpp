// Units: hierarchy, levels as data, validity and successors (mergers of 2025).

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <string>

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
  BOOST_CHECK_THROW(dup.add(unit("A", "again", "x", "")), std::invalid_argument);
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
  BOOST_CHECK_THROW(moved.add(unit("C7", "again", "x", "")), std::invalid_argument);
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

BOOST_AUTO_TEST_SUITE_END()
