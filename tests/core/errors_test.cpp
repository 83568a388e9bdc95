// One error hierarchy: every documented failure of a public entry point is a parmetrics::Error of
// the type its header names (ArgumentError, RangeError, MisuseError, DataError), saying where.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <functional>
#include <string>

#include <parmetrics/calendar/lunar_calendar.hpp>
#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/calendar/working_hours.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/xlsx.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/sipas_statistics.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>
#include <parmetrics/text/messages.hpp>

namespace parmetrics::test {
namespace {

/// Runs `f`, which must throw E (and so an Error) whose what() starts with `where`.
template <class E>
void throws(const std::function<void()>& f, const std::string& where) {
  try {
    f();
  } catch (const E& e) {
    const Error& base = e;  // every type derives from parmetrics::Error
    BOOST_TEST(std::string(base.what()).starts_with(where), base.what());
    return;
  } catch (const std::exception& e) {
    BOOST_FAIL("another type: " << e.what());
  }
  BOOST_FAIL("nothing thrown, " << where << " expected");
}

Unit unit(std::string code, std::string parent = {}) {
  Unit u;
  u.code = std::move(code);
  u.parent = std::move(parent);
  return u;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(errors)

BOOST_AUTO_TEST_CASE(the_store) {
  DossierStore store;
  Dossier d;
  d.code = "A-1";
  d.received = to_minutes(days_from_civil(2024, 3, 4), 8 * 60);
  store.append(d);
  throws<ArgumentError>([&] { store.append(d); }, "DossierStore: duplicate dossier code A-1");
  d.code = "";
  throws<ArgumentError>([&] { store.append(d); }, "DossierStore: empty code");
  throws<RangeError>([] { (void)to_stored_time(MinuteStamp{1} << 40); }, "DossierStore: time");
  throws<RangeError>([&] { (void)store.code(7); }, "DossierStore::code: no dossier 7");
  throws<RangeError>([&] { (void)store.row(7); }, "DossierStore::code");
  const DossierEvent unknown{9, {}};
  throws<RangeError>([&] { store.add_events({&unknown, 1}); }, "DossierStore: event");
}

BOOST_AUTO_TEST_CASE(registries) {
  UnitRegistry units;
  units.add(unit("P"));
  throws<ArgumentError>([&] { units.add(unit("P")); }, "UnitRegistry: duplicate code P");
  throws<ArgumentError>([&] { units.add(unit("")); }, "UnitRegistry: empty code");
  units.add(unit("D", "P"));
  throws<RangeError>([&] { (void)units.parent(5); }, "UnitRegistry::parent: no unit 5");
  throws<RangeError>([&] { (void)units[5]; }, "UnitRegistry::operator[]: no unit 5");
  throws<RangeError>([&] { (void)units.level(5); }, "UnitRegistry::level: no unit 5");
  throws<RangeError>([&] { (void)units.level_name(9); }, "UnitRegistry::level_name: no level 9");
  throws<RangeError>([&] { (void)units.valid_on(5, 0); }, "UnitRegistry::operator[]: no unit 5");
  throws<RangeError>([&] { (void)units.successors(5); }, "UnitRegistry::successors: no unit 5");
  throws<RangeError>([&] { (void)units.carriers(5, 0); }, "UnitRegistry::carriers: no unit 5");
  throws<RangeError>([&] { units.replace(5, unit("X")); }, "UnitRegistry::replace: no unit 5");
  throws<ArgumentError>([&] { units.replace(1, unit("X")); },
                        "UnitRegistry::replace: unit D: cannot change the code to X");
  ProcedureCatalog procedures;
  Procedure p;
  p.code = "1.1";
  procedures.add(p);
  throws<ArgumentError>([&] { procedures.add(p); }, "ProcedureCatalog: duplicate code 1.1");
  throws<RangeError>([&] { (void)procedures[1]; },
                     "ProcedureCatalog::operator[]: no procedure 1 in a catalogue of 1");
  throws<RangeError>([&] { procedures.set_online(1, OnlineLevel::full); },
                     "ProcedureCatalog::set_online: no procedure 1");
}

BOOST_AUTO_TEST_CASE(periods_and_reports) {
  const DayNumber d = days_from_civil(2024, 3, 4);
  throws<ArgumentError>([&] { (void)ReportPeriod::of(d, d - 1); }, "ReportPeriod::of:");
  throws<ArgumentError>([&] { (void)ReportPeriod::of(d, d, to_minutes(d - 1)); },
                        "ReportPeriod::of: as-of");
  DossierStore store;
  UnitRegistry units;
  units.resolve();
  ProcedureCatalog procedures;
  const WorkingCalendar calendar;
  ReportOptions o;
  o.period.to = -1;  // not made by ReportPeriod::of
  throws<ArgumentError>([&] { (void)compute_report(store, units, procedures, calendar, o); },
                        "compute_report: invalid period");
}

BOOST_AUTO_TEST_CASE(the_calendar) {
  throws<ArgumentError>([] { (void)StatutoryTime::parse("3x"); }, "StatutoryTime::parse:");
  throws<ArgumentError>([] { (void)StatutoryTime::parse("-1d"); }, "StatutoryTime::parse:");
  const WorkingCalendar calendar;
  throws<RangeError>([&] { (void)calendar.is_working_day(days_from_civil(2200, 1, 1)); },
                     "WorkingCalendar: 2200-01-01 is outside");
  throws<RangeError>([] { (void)to_lunar(days_from_civil(1899, 1, 1)); }, "to_lunar:");
  throws<RangeError>([] { (void)lunar_new_year(2300); }, "lunar_new_year:");
  throws<ArgumentError>([] { (void)from_lunar(LunarDate{31, 1, 2024, false}); }, "from_lunar:");
  throws<ArgumentError>([] { (void)DaySchedule::parse("17:00-07:00"); },
                        "WorkingHours: interval 17:00-07:00");
}

BOOST_AUTO_TEST_CASE(indices_and_messages) {
  throws<ArgumentError>([] { (void)wilson_interval(3, 2); }, "wilson_interval:");
  throws<ArgumentError>([] { (void)sipas_sample_size(0); }, "sipas_sample_size:");
  MetricTable table;
  table.declare("x", MetricKind::count, "a");
  throws<ArgumentError>([&] { table.declare("x", MetricKind::rate, "b"); }, "MetricTable:");
  throws<ArgumentError>([&] { table.set("", "x", 1, 1); }, "MetricTable::set:");
  throws<ArgumentError>([] { (void)message("no.such.key", Language::vi); },
                        "message: the catalogue has no message \"no.such.key\"");
  throws<ArgumentError>([] { (void)message("summary.late_rate", Language::vi, {}); },
                        "message: \"summary.late_rate\": no value for {rate}");
}

BOOST_AUTO_TEST_CASE(workbooks) {
  const auto dir = std::filesystem::temp_directory_path() / "parmetrics-errors-test";
  std::filesystem::create_directories(dir);
  const Form form;  // no id: a sheet named after it would have no name
  {
    XlsxWorkbook book(dir / "a.xlsx");
    throws<ArgumentError>([&] { book.add(form); }, "XlsxWorkbook::add:");
    book.close();
    throws<MisuseError>([&] { book.add(form, "06"); }, "XlsxWorkbook::add:");
  }
  {
    XlsxOptions o;
    o.constant_memory = true;
    XlsxWorkbook book(dir / "b.xlsx", o);
    throws<MisuseError>([&] { book.add(form, "06"); }, "XlsxWorkbook::add:");
  }
  // A file that cannot be written: bad data (the place given), named.
  XlsxWorkbook book(dir / "no-such-directory" / "c.xlsx");
  try {
    book.close();
    BOOST_FAIL("nothing thrown");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == (dir / "no-such-directory" / "c.xlsx").string());
    BOOST_TEST(e.reason().starts_with("cannot write the workbook"), e.reason());
  }
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test
