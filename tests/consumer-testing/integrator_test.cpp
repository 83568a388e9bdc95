// A province's one-stop system testing its use of parmetrics with its own Boost.Test suite, through
// find_package(parmetrics) and the opt-in testing kit (parmetrics::testing), as an integrator
// would write it. Every figure below is worked out in the comments.

#define BOOST_TEST_MODULE integrator
#include <boost/test/unit_test.hpp>

#include <parmetrics/parmetrics.hpp>
#include <parmetrics/testing.hpp>

using namespace parmetrics;
using parmetrics::testing::dossier;
using parmetrics::testing::World;

BOOST_AUTO_TEST_CASE(a_late_dossier_needs_an_apology) {
  World w;
  const UnitId commune = w.unit("X1", "commune", "D", "Xã Một");
  w.unit("D", "district");  // the parent may come after its commune
  w.procedure("1.001", "1d");
  // Mon 2024-03-04 08:00 + 1 working day (8 h: 3.5 h that morning after 08:00, lunch off,
  // 3.5 h in the afternoon, 1 h the next morning) → Tue 2024-03-05 08:00; ended Wed: late.
  w.add(dossier("X1-240304-0001")
            .unit(commune)
            .procedure("1.001")
            .received("2024-03-04T08:00")
            .ended("2024-03-06T09:00"));
  const DossierEvaluation e = w.evaluate("X1-240304-0001", "2024-04-01T00:00");
  BOOST_TEST(e.timeliness == Timeliness::late);  // prints "late" if it fails
  BOOST_TEST(e.apology == ApologyStatus::missing);
  const Report r = w.report("2024-03-01", "2024-03-31");
  BOOST_TEST(r.total.counts.late == 1u);
  BOOST_TEST(rate(r.total.counts, RateId::late_rate) == (Rate{1, 1}));
}

BOOST_AUTO_TEST_CASE(an_apology_the_day_before_is_late_when_that_day_is_off) {
  World w(CalendarData::Builder("province")
              .day(parmetrics::testing::day("2024-03-08"), DayKind::holiday, "Ngày nghỉ riêng")
              .build());
  w.procedure("1.002", "4h");
  w.add(dossier("X1-240307-0001")
            .unit(w.unit("X1"))
            .procedure("1.002")
            .received("2024-03-07T16:00")
            .apology("2024-03-08T09:00"));
  // Issued on the Friday the province closed: after Thursday, the working day before Monday's
  // appointment, so late.
  BOOST_TEST(w.evaluate("X1-240307-0001", "2024-03-11T12:00").apology == ApologyStatus::late);
}

BOOST_AUTO_TEST_CASE(an_apology_in_time_and_a_province_day_off) {
  // The province closes Fri 2024-03-08; a dossier due that day moves to Mon 2024-03-11.
  World w(CalendarData::Builder("province")
              .day(parmetrics::testing::day("2024-03-08"), DayKind::holiday, "Ngày nghỉ riêng")
              .build());
  const UnitId commune = w.unit("X1");
  w.procedure("1.002", "4h");
  // Thu 2024-03-07 16:00 + 4 working hours: 1 h Thursday, Friday off, Mon 07:00 + 3 h → 10:00.
  w.add(dossier("X1-240307-0001")
            .unit(commune)
            .procedure("1.002")
            .received("2024-03-07T16:00")
            .apology("2024-03-07T16:30", "2024-03-12T17:00"));
  const DossierEvaluation e = w.evaluate("X1-240307-0001", "2024-03-11T12:00");
  // Pending past its appointment at noon Monday: overdue; apologised for on time (by the
  // working day before Monday's appointment, which is Thursday, Friday being the day off); its
  // new appointment not yet come.
  BOOST_TEST(e.timeliness == Timeliness::overdue);
  BOOST_TEST(e.apology == ApologyStatus::on_time);
  BOOST_TEST(e.new_appointment == NewAppointment::pending);
}
