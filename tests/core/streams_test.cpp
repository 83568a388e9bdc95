// Every public enum and value type prints on a stream (BOOST_TEST shows them on failure).

#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>

#include <parmetrics/parmetrics.hpp>

namespace parmetrics::test {
namespace {

template <class T>
std::string text(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(streams)

BOOST_AUTO_TEST_CASE(enums_print_their_names) {
  // BOOST_TEST compares and prints them directly now.
  BOOST_TEST(Timeliness::late == Timeliness::late);
  BOOST_TEST(text(Timeliness::within_time) == "within_time");
  BOOST_TEST(text(ApologyStatus::missing) == "missing");
  BOOST_TEST(text(NewAppointment::kept) == "kept");
  BOOST_TEST(text(DayKind::swap_off) == "swap_off");
  BOOST_TEST(text(Channel::postal) == "postal");
  BOOST_TEST(text(EndKind::withdrawn) == "withdrawn");
  BOOST_TEST(text(GroupBy::quarter) == "quarter");
  BOOST_TEST(text(RateId::late_rate) == "late_rate");
  BOOST_TEST(text(StatutoryTime::Unit::calendar_days) == "calendar_days");
  BOOST_TEST(text(FormRow::Kind::section) == "section");
  BOOST_TEST(text(scorecard::Outcome::no_score) == "no_score");
  BOOST_TEST(text(scorecard::RuleKind::count_steps) == "count_steps");
  BOOST_TEST(text(OnlineLevel::partial) == "partial");
  BOOST_TEST(text(WithdrawnPolicy::on_time) == "on_time");
}

BOOST_AUTO_TEST_CASE(values_print_as_people_read_them) {
  BOOST_TEST(text(Rate{61, 779}) == "7.83 % (61/779)");
  BOOST_TEST(text(Rate{}) == "n/a (0/0)");
  const Rate half{1, 2};
  BOOST_TEST(half == (Rate{1, 2}));
  BOOST_TEST(text(CivilDate{2024, 2, 10}) == "2024-02-10");
  BOOST_TEST(text(LunarDate{1, 1, 2024, false}) == "1/1/2024");
  BOOST_TEST(text(LunarDate{15, 2, 2023, true}) == "15/2+/2023");
  BOOST_TEST(text(StatutoryTime::working_days(3)) == "3d");
  BOOST_TEST(text(TimeInterval{7 * 60, 11 * 60 + 30}) == "07:00-11:30");
  BOOST_TEST(text(DayInfo{DayKind::holiday, "Quốc khánh"}) == "holiday Quốc khánh");
  MetricCounts c;
  c.in_scope = 3;
  c.late = 1;
  BOOST_TEST(text(c) == "{in_scope: 3, late: 1}");
  BOOST_TEST(text(ReportPeriod::of(days_from_civil(2023, 1, 1), days_from_civil(2023, 8, 31))) ==
             "2023-01-01..2023-08-31 as of 2023-09-01T00:00");
  DossierEvaluation e;
  e.timeliness = Timeliness::late;
  e.apology = ApologyStatus::missing;
  e.processing_minutes = 180;
  BOOST_TEST(text(e) == "{late, apology missing, 180 working minutes}");
  Dossier d;
  d.code = "000.00.30.H55-230831-0001";
  BOOST_TEST(text(d) == d.code);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test
