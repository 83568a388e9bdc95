// Calendar data sets: the format, precise errors, and run-time data that adds to or overrides the
// built-in schedule.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <parmetrics/calendar/calendar_data.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>

#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::at;
using parmetrics::test::day;

namespace {

std::string document(const std::string& years) {
  return R"({"format": "parmetrics-calendar", "format_version": 1, "name": "test",
             "version": "1", "years": [)" +
         years + "]}";
}

// The message of the DataError that parsing `json` throws.
std::string error_of(const std::string& json) {
  try {
    (void)CalendarData::parse(json, "province.json");
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calendar_data)

BOOST_AUTO_TEST_CASE(the_built_in_data_set_parses_and_names_itself) {
  const CalendarData& data = CalendarData::builtin();
  BOOST_TEST(data.name() == "vn-official");
  BOOST_TEST(!data.years().empty());
  for (const CalendarDataYear& y : data.years()) {
    for (const CalendarDataDay& d : y.days) {
      BOOST_TEST_CONTEXT("day " << d.date) {
        BOOST_TEST(!d.source.empty());
      }
    }
  }
  const WorkingCalendar calendar;
  BOOST_TEST(calendar.data_sets().front() == "vn-official " + data.version());
}

BOOST_AUTO_TEST_CASE(a_province_adds_a_day_off_and_a_swap_at_run_time) {
  // A made-up provincial decision for 2023: Fri 2023-03-10 off, worked back on Sat 2023-03-18.
  CalendarOptions options;
  options.data.push_back(CalendarData::parse(document(R"({"year": 2023, "days": [
      {"date": "2023-03-10", "kind": "swap_off", "name": "Nghỉ hoán đổi", "source": "QĐ 1/UBND"},
      {"date": "2023-03-18", "kind": "swap_work", "name": "Làm bù", "source": "QĐ 1/UBND"}]})"),
                                             "province.json"));
  const WorkingCalendar calendar(options);
  BOOST_TEST((calendar.day_info(day(2023, 3, 10)).kind == DayKind::swap_off));
  BOOST_TEST(calendar.day_info(day(2023, 3, 10)).name == "Nghỉ hoán đổi");
  BOOST_TEST((calendar.day_info(day(2023, 3, 18)).kind == DayKind::swap_work));
  BOOST_TEST(calendar.is_working_day(day(2023, 3, 18)));
  // Thu 2023-03-09 16:00 + 1 d: 60 min Thursday, Friday off, the weekend, then Monday 13th
  // 07:00 + 420 min (lunch excluded) → 16:00.
  BOOST_TEST(calendar.appointment(at(2023, 3, 9, 16, 0), StatutoryTime::working_days(1)) ==
             at(2023, 3, 13, 16, 0));
  // Fri 2023-03-17 16:00 + 1 d: 60 min Friday, then the worked Saturday 07:00 + 420 → 16:00.
  BOOST_TEST(calendar.appointment(at(2023, 3, 17, 16, 0), StatutoryTime::working_days(1)) ==
             at(2023, 3, 18, 16, 0));
  // The default calendar is not changed by it.
  BOOST_TEST(WorkingCalendar().is_working_day(day(2023, 3, 10)));
}

BOOST_AUTO_TEST_CASE(the_same_province_built_in_code) {
  // The made-up decision of the case above, without JSON: the same calendar.
  CalendarOptions options;
  options.data.push_back(CalendarData::Builder("province", "1")
                             .swap(day(2023, 3, 10), day(2023, 3, 18), "Nghỉ hoán đổi", "QĐ 1/UBND")
                             .build());
  const WorkingCalendar calendar(options);
  BOOST_TEST((calendar.day_info(day(2023, 3, 10)).kind == DayKind::swap_off));
  BOOST_TEST(calendar.is_working_day(day(2023, 3, 18)));
  BOOST_TEST(calendar.appointment(at(2023, 3, 9, 16, 0), StatutoryTime::working_days(1)) ==
             at(2023, 3, 13, 16, 0));
  // Hours per weekday: a Friday of mornings only, as the JSON of the hours case below gives it.
  const CalendarData hours =
      CalendarData::Builder("hours")
          .hours(WorkingHours(DaySchedule::parse("07:30-11:30,13:00-17:00")))
          .hours(5, DaySchedule::parse("07:30-11:30"))
          .day(day(2024, 3, 26), DayKind::holiday, "Ngày giải phóng", "QĐ 2/UBND")
          .replaces(2024, "tet")
          .build();
  BOOST_TEST(hours.working_hours()->on(1).to_string() == "07:30-11:30,13:00-17:00");
  BOOST_TEST(hours.working_hours()->on(5).to_string() == "07:30-11:30");
  BOOST_REQUIRE(hours.years().size() == 1u);
  BOOST_TEST(hours.years()[0].year == 2024);
  BOOST_TEST(hours.years()[0].replaces == (std::vector<std::string>{"tet"}),
             boost::test_tools::per_element());
  BOOST_TEST(hours.years()[0].days[0].source == "QĐ 2/UBND");
  // What parse() refuses, the builder refuses, naming the day.
  CalendarData::Builder twice("x");
  twice.day(day(2024, 1, 2), DayKind::holiday, "A");
  BOOST_CHECK_THROW(twice.day(day(2024, 1, 2), DayKind::workday, "B"), ArgumentError);
  BOOST_CHECK_THROW(CalendarData::Builder("x").day(day(2024, 1, 6), DayKind::weekend, "W"),
                    ArgumentError);
  BOOST_CHECK_THROW(CalendarData::Builder("x").day(day(2200, 1, 1), DayKind::holiday, "F"),
                    RangeError);
  BOOST_CHECK_THROW(CalendarData::Builder("x").replaces(2024, "easter"), ArgumentError);
  BOOST_CHECK_THROW(CalendarData::Builder(""), ArgumentError);
}

BOOST_AUTO_TEST_CASE(a_later_data_set_overrides_an_earlier_one) {
  CalendarOptions options;
  options.data.push_back(CalendarData::parse(
      document(
          R"({"year": 2023, "days": [{"date": "2023-03-10", "kind": "holiday", "name": "A"}]})"),
      "first.json"));
  options.data.push_back(CalendarData::parse(
      document(
          R"({"year": 2023, "days": [{"date": "2023-03-10", "kind": "workday", "name": "B"}]})"),
      "second.json"));
  const WorkingCalendar calendar(options);
  BOOST_TEST(calendar.is_working_day(day(2023, 3, 10)));
}

BOOST_AUTO_TEST_CASE(replacing_a_rule_block_drops_the_rule_days_of_that_year) {
  // Replacing 2030's Tết with one listed day: the rule's other Tết days are working days again.
  // Tết 2030 (mùng 1) is Sat 2030-02-02 at UTC+7.
  CalendarOptions options;
  options.data.push_back(CalendarData::parse(document(R"({"year": 2030, "replaces": ["tet"],
      "days": [{"date": "2030-02-01", "kind": "holiday", "name": "Tết Nguyên Đán"}]})"),
                                             "tet2030.json"));
  const WorkingCalendar replaced(options);
  BOOST_TEST(!replaced.is_working_day(day(2030, 2, 1)));
  BOOST_TEST(replaced.is_working_day(day(2030, 2, 4)));
  BOOST_TEST(!WorkingCalendar().is_working_day(day(2030, 2, 4)));
}

BOOST_AUTO_TEST_CASE(a_data_holiday_on_a_weekend_gets_a_compensation_day) {
  // A made-up day off on Sunday 2023-03-12: the next working day, Monday 13th, is given off.
  CalendarOptions options;
  options.data.push_back(CalendarData::parse(
      document(
          R"({"year": 2023, "days": [{"date": "2023-03-12", "kind": "holiday", "name": "X"}]})"),
      "x.json"));
  const WorkingCalendar calendar(options);
  BOOST_TEST((calendar.day_info(day(2023, 3, 13)).kind == DayKind::observed));
  BOOST_TEST(calendar.day_info(day(2023, 3, 13)).name == "Nghỉ bù X");
}

BOOST_AUTO_TEST_CASE(working_hours_from_a_data_set) {
  const auto data = CalendarData::parse(R"({"format": "parmetrics-calendar", "format_version": 1,
      "name": "hours", "version": "1", "years": [],
      "working_hours": {"default": "07:30-11:30,13:00-17:00", "friday": "07:30-11:30"}})",
                                        "hours.json");
  BOOST_REQUIRE(data.working_hours().has_value());
  BOOST_TEST(data.working_hours()->on(1).to_string() == "07:30-11:30,13:00-17:00");
  BOOST_TEST(data.working_hours()->on(5).to_string() == "07:30-11:30");
  CalendarOptions options;
  options.data.push_back(data);
  const WorkingCalendar calendar(options);
  BOOST_TEST(calendar.next_working_instant(at(2023, 3, 10, 12, 0)) == at(2023, 3, 13, 7, 30));
}

BOOST_AUTO_TEST_CASE(errors_name_the_file_the_place_the_field_and_the_reason) {
  BOOST_TEST(contains(error_of("{\n  \"format\": \n}"), "province.json:line 3, column 1"));
  BOOST_TEST(contains(error_of(R"({"format": "other"})"),
                      "field 'format': expected \"parmetrics-calendar\""));
  BOOST_TEST(contains(error_of(R"({"format": "parmetrics-calendar", "format_version": 2})"),
                      "field 'format_version': expected 1, got 2"));
  BOOST_TEST(contains(
      error_of(document(R"({"year": 2023, "days": [{"date": "2023-02-29", "kind": "holiday"}]})")),
      "province.json: field 'years[0].days[0].date': \"2023-02-29\" is not a date"));
  BOOST_TEST(contains(
      error_of(document(R"({"year": 2023, "days": [{"date": "2024-01-01", "kind": "holiday"}]})")),
      "years[0].days[0].date': 2024-01-01 is not in year 2023"));
  BOOST_TEST(contains(
      error_of(document(R"({"year": 2023, "days": [{"date": "2023-01-02", "kind": "party"}]})")),
      "years[0].days[0].kind': \"party\" is not one of"));
  BOOST_TEST(contains(error_of(document(R"({"year": 2023, "days": [{"date": "2023-01-02"}]})")),
                      "years[0].days[0].kind': is missing"));
  BOOST_TEST(contains(error_of(document(R"({"year": 2023, "replaces": ["easter"], "days": []})")),
                      "years[0].replaces[0]': unknown rule block \"easter\""));
  BOOST_TEST(
      contains(error_of(document(R"({"year": 2023, "days": []}, {"year": 2023, "days": []})")),
               "years[1].year': year 2023 is given twice"));
  BOOST_TEST(contains(error_of(document(R"({"year": 2300, "days": []})")),
                      "years[0].year': expected a year 1900..2199, got 2300"));
  BOOST_TEST(contains(error_of(document(R"({"year": 2023, "days": [
      {"date": "2023-01-02", "kind": "holiday"}, {"date": "2023-01-02", "kind": "holiday"}]})")),
                      "years[0].days[1].date': 2023-01-02 is listed twice"));
  BOOST_TEST(
      contains(error_of(R"({"format": "parmetrics-calendar", "format_version": 1, "name": "h",
      "version": "1", "years": [], "working_hours": {"default": "07:00-06:00"}})"),
               "field 'working_hours.default': interval 07:00-06:00 is empty or outside the day"));
}

BOOST_AUTO_TEST_CASE(loading_a_missing_file_names_it) {
  try {
    (void)CalendarData::load("/nonexistent/calendar.json");
    BOOST_FAIL("expected a DataError");
  } catch (const DataError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "/nonexistent/calendar.json: cannot open the file: No such file or directory");
  }
}

BOOST_AUTO_TEST_CASE(the_shipped_files_load) {
  for (const char* file : {"/calendar/vn-official.json", "/calendar/vn-culture-day.json"}) {
    const std::filesystem::path path = std::string(PARMETRICS_DATA_DIR) + file;
    BOOST_TEST_CONTEXT(path) {
      BOOST_CHECK_NO_THROW((void)CalendarData::load(path));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
