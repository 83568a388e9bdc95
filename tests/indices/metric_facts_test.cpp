// Facts files (`unit,metric,value`): counts and answers, the rates derived from pairs of counts
// (the non-dossier indicators of a district's plan), and every malformed file rejected with the
// file, the line, the field and the reason.

#include <boost/test/unit_test.hpp>

#include <string>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/metric_table.hpp>

namespace {

using namespace parmetrics;

DataError error_of(const std::string& text, MetricTable table = {}) {
  try {
    load_metric_facts_csv(text, "facts.csv", table);
  } catch (const DataError& e) {
    return e;
  }
  BOOST_FAIL("no DataError for: " + text);
  return DataError("", "", "", "");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(metric_facts)

BOOST_AUTO_TEST_CASE(counts_answers_and_derived_rates) {
  MetricTable t;
  load_metric_facts_csv(
      "unit,metric,value,note\n"
      "H,staff,40,\n"
      "H,staff_with_public_service_account,30,\n"
      "H,bcci_reception,postal_staff,handed over\n"
      "X,bcci_reception,3,\n"
      "X,staff,10,\n"
      "*,population,1000,the whole province\n",
      "facts.csv", t);
  BOOST_TEST((t.kind("staff") == MetricKind::count));
  BOOST_TEST(t.get("H", "staff")->numerator == 40.0);
  // One answer in words makes the metric a choice; its numbers are kept as answers.
  BOOST_TEST((t.kind("bcci_reception") == MetricKind::choice));
  BOOST_TEST(t.get("H", "bcci_reception")->answer == "postal_staff");
  BOOST_TEST(t.get("X", "bcci_reception")->answer == "3");
  BOOST_TEST(shown_value(*t.get("X", "bcci_reception")) == "3");
  // H gives both counts: staff_public_service_account_rate = 30/40 = 75.00 %. X gives no
  // account count: no rate for X; nobody gives documents: no digital_signature_rate at all.
  const MetricValue rate = *t.get("H", "staff_public_service_account_rate");
  BOOST_TEST((rate.kind == MetricKind::rate));
  BOOST_TEST(rate.numerator == 30.0);
  BOOST_TEST(rate.denominator == 40.0);
  BOOST_TEST(shown_value(rate) == "75.00");
  BOOST_TEST(t.source("staff_public_service_account_rate") == "facts.csv");
  BOOST_TEST(!t.has("X", "staff_public_service_account_rate"));
  BOOST_TEST(!t.declared("digital_signature_rate"));
  BOOST_TEST(t.get("*", "population")->numerator == 1000.0);
  BOOST_TEST(fact_indicators().size() == 6u);
}

BOOST_AUTO_TEST_CASE(malformed_files) {
  const auto check = [](const DataError& e, const std::string& location, const std::string& field,
                        const std::string& reason) {
    BOOST_TEST(e.origin() == "facts.csv");
    BOOST_TEST(e.location() == location);
    BOOST_TEST(e.field() == field);
    BOOST_TEST(e.reason() == reason);
  };
  check(error_of("unit,metric\nH,staff\n"), "line 1", "value", "missing column in the header");
  check(error_of("unit,metric,value,extra\nH,staff,1,x\n"), "line 1", "extra",
        "unknown column (expected unit, metric, value, note)");
  check(error_of("unit,metric,value\n,staff,1\n"), "line 2", "unit", "empty unit");
  check(error_of("unit,metric,value\nH,,1\n"), "line 2", "metric", "empty metric name");
  check(error_of("unit,metric,value\nH,staff,\n"), "line 2", "value",
        "empty value (a count or an answer)");
  check(error_of("unit,metric,value\nH,staff,1\nH,staff,2\n"), "line 3", "metric",
        "a second value of 'staff' for unit 'H'");
  check(error_of("unit,metric,value\nH,staff,-3\n"), "line 2", "value", "'-3' is a negative count");
  MetricTable taken;
  taken.declare("online_rate", MetricKind::rate, "dossiers");
  check(error_of("unit,metric,value\nH,online_rate,3\n", taken), "line 2", "metric",
        "'online_rate' is already given by dossiers: choose another name");
  // A derived rate another source already gives is refused before the table changes.
  MetricTable given;
  given.declare("staff_egov_app_rate", MetricKind::rate, "metrics.csv");
  check(error_of("unit,metric,value\nH,staff,3\nH,staff_with_egov_app,2\n", given), "",
        "staff_egov_app_rate", "'staff_egov_app_rate' is already given by metrics.csv");
  BOOST_TEST(!given.declared("staff"));
  check(error_of("unit,metric,value\nH,staff_egov_app_rate,3\nH,staff_with_egov_app,2\n"), "line 2",
        "staff_egov_app_rate",
        "'staff_egov_app_rate' is derived from staff_with_egov_app and staff: give those counts "
        "only");
}

BOOST_AUTO_TEST_SUITE_END()
