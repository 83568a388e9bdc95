// The "points lost on average" of the scorecard pages (src/html/points_lost.hpp): exact on the
// shown scale, half up, whatever binary floating point would make of it.

#include <boost/test/unit_test.hpp>

#include "html/points_lost.hpp"

namespace parmetrics::test {

using detail::PointsLost;
using scorecard::Shown;

BOOST_AUTO_TEST_SUITE(points_lost)

BOOST_AUTO_TEST_CASE(averages_round_half_up_on_the_shown_scale) {
  // 1.00 + 1.01 over 2 units = 1.005 exactly → 1.01 (in doubles 2.01 / 2 * 100 is 100.4999…).
  PointsLost x;
  x.add({100, 2});
  x.add({101, 2});
  x.units = 2;
  BOOST_TEST(x.average() == (Shown{101, 2}));
  // 4.50 + 0 + 2.50 over 3 = 2.333… → 2.33; over 7 units (the others lost nothing) = 1.00.
  PointsLost y;
  y.add({450, 2});
  y.add({250, 2});
  y.units = 3;
  BOOST_TEST(y.average() == (Shown{233, 2}));
  y.units = 7;
  BOOST_TEST(y.average() == (Shown{100, 2}));
  // No unit: nothing lost on average (the chart leaves such an item out).
  y.units = 0;
  BOOST_TEST(y.average() == (Shown{0, 2}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test
