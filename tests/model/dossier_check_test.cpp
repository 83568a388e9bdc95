// check_dossier: each consistency rule of the model, on a dossier received Monday 2023-03-06 08:00.

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>

#include <parmetrics/model/dossier_check.hpp>

#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::at;

namespace {

struct Fixture {
  UnitRegistry units;
  ProcedureCatalog procedures;
  ProcedureId timed = 0, untimed = 0;

  Fixture() {
    units.add(Unit{.code = "X",
                   .name = "Xã",
                   .level = "commune",
                   .parent = "",
                   .successors = {},
                   .aliases = {},
                   .gso_code = {},
                   .successor_shares = {},
                   .succession = {},
                   .history = {}});
    units.resolve();
    Procedure p;
    p.code = "1.001";
    p.duration = StatutoryTime::working_days(3);
    timed = procedures.add(p);
    Procedure bare;
    bare.code = "9.999";  // no statutory time
    untimed = procedures.add(bare);
  }

  // A consistent dossier: received 08:00, appointment Thursday 17:00, ended Wednesday 10:00.
  Dossier good() const {
    Dossier d;
    d.code = "X-230306-0001";
    d.unit = 0;
    d.procedure = timed;
    d.received = at(2023, 3, 6, 8, 0);
    d.appointment = at(2023, 3, 9, 17, 0);
    d.ended = at(2023, 3, 8, 10, 0);
    d.end_kind = EndKind::finished;
    return d;
  }

  std::optional<DossierProblem> check(const Dossier& d) const {
    return check_dossier(d, units, procedures);
  }
};

DossierProblem problem(std::string field, std::string reason) {
  return {std::move(field), std::move(reason)};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(dossier_check, Fixture)

BOOST_AUTO_TEST_CASE(a_consistent_dossier_passes) {
  BOOST_TEST(!check(good()));
  // Boundaries are allowed: end at the receipt, an apology at the end.
  Dossier d = good();
  d.ended = d.received;
  d.apologies.push_back({*d.ended, std::nullopt, false});
  BOOST_TEST(!check(d));
}

BOOST_AUTO_TEST_CASE(references) {
  Dossier d = good();
  d.code.clear();
  BOOST_TEST((check(d) == problem("code", "required value missing")));
  d = good();
  d.unit = 1;
  BOOST_TEST((check(d) == problem("unit", "unknown unit")));
  d = good();
  d.procedure = 2;
  BOOST_TEST((check(d) == problem("procedure", "unknown procedure")));
}

BOOST_AUTO_TEST_CASE(times_against_receipt) {
  Dossier d = good();
  d.ended = at(2023, 3, 6, 7, 59);
  BOOST_TEST((check(d) == problem("ended_at", "end before receipt")));
  d = good();
  d.returned = at(2023, 3, 5, 9, 0);
  BOOST_TEST((check(d) == problem("returned_at", "returned before receipt")));
  d = good();
  d.appointment = at(2023, 3, 6, 7, 0);
  BOOST_TEST((check(d) == problem("appointment_at", "appointment before receipt")));
}

// Missing facts are no problem: such a dossier is kept and not judged (issue 12).
BOOST_AUTO_TEST_CASE(an_end_kind_without_its_time_is_kept) {
  Dossier d = good();
  d.ended.reset();
  BOOST_TEST(!check(d));
  // With no end time there is nothing to be after: a late event is no contradiction.
  d.apologies.push_back({at(2023, 3, 20, 9, 0), std::nullopt, false});
  BOOST_TEST(!check(d));
}

BOOST_AUTO_TEST_CASE(no_appointment_and_no_statutory_time_is_kept) {
  Dossier d = good();
  d.appointment.reset();
  BOOST_TEST(!check(d));  // computed from the procedure's 3 working days
  d.procedure = untimed;
  BOOST_TEST(!check(d));  // not judged
  d.procedure.reset();
  BOOST_TEST(!check(d));
}

BOOST_AUTO_TEST_CASE(supplements) {
  Dossier d = good();
  d.supplements.push_back({at(2023, 3, 6, 9, 0), at(2023, 3, 7, 9, 0)});
  BOOST_TEST(!check(d));
  d.supplements.push_back({at(2023, 3, 6, 7, 0), std::nullopt});
  BOOST_TEST((check(d) == problem("supplements[1].requested", "event before receipt")));
  d.supplements[1] = {at(2023, 3, 8, 11, 0), std::nullopt};
  BOOST_TEST(
      (check(d) == problem("supplements[1].requested", "supplement requested after the end")));
  d.supplements[1] = {at(2023, 3, 7, 11, 0), at(2023, 3, 7, 10, 0)};
  BOOST_TEST(
      (check(d) == problem("supplements[1].completed", "supplement completed before requested")));
  d.supplements[1] = {at(2023, 3, 7, 11, 0), at(2023, 3, 8, 10, 1)};
  BOOST_TEST(
      (check(d) == problem("supplements[1].completed", "supplement completed after the end")));
}

BOOST_AUTO_TEST_CASE(apologies) {
  Dossier d = good();
  d.apologies.push_back({at(2023, 3, 5, 9, 0), std::nullopt, true});
  BOOST_TEST((check(d) == problem("apologies[0].issued", "event before receipt")));
  d.apologies[0] = {at(2023, 3, 8, 10, 1), std::nullopt, true};
  BOOST_TEST((check(d) == problem("apologies[0].issued", "apology after the end")));
  d.apologies[0] = {at(2023, 3, 7, 9, 0), at(2023, 3, 7, 8, 0), true};
  BOOST_TEST(
      (check(d) == problem("apologies[0].new_appointment", "new appointment before the apology")));
}

BOOST_AUTO_TEST_SUITE_END()
