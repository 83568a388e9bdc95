// Units: hierarchy, levels as data, validity and successors (mergers of 2025).

#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_CASE(history_goes_to_successors_as_of_a_date) {
  // Two communes merged into a new one on 2025-07-01 (the two-level local government).
  UnitRegistry units;
  Unit a{"A", "Xã A", "commune", "", kFirstSupportedDay, day(2025, 6, 30), {"C"}};
  Unit b{"B", "Xã B", "commune", "", kFirstSupportedDay, day(2025, 6, 30), {"C"}};
  Unit c{"C", "Xã C", "commune", "", day(2025, 7, 1), kLastSupportedDay, {}};
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
