// The inputs of PAR INDEX and directive targets: the metric table and its three sources
// (dossier-metrics report, SIPAS results, external CSV), and the scores file.

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/par_metric_table.hpp>
#include <parmetrics/indices/par_scores.hpp>
#include <parmetrics/indices/sipas.hpp>
#include <parmetrics/metrics/report.hpp>

namespace {

using namespace parmetrics;

template <class F>
DataError data_error(F f) {
  try {
    f();
  } catch (const DataError& e) {
    return e;
  }
  BOOST_FAIL("no DataError");
  return DataError("", "", "", "");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(par_inputs)

BOOST_AUTO_TEST_CASE(table_basics) {
  MetricTable t;
  t.declare("online_rate", MetricKind::rate, "dossiers");
  t.declare("online", MetricKind::count, "dossiers");
  t.set("U", "online_rate", 3, 4);
  t.set("U", "online", 3, 99);  // a count keeps its numerator only
  BOOST_TEST(*t.get("U", "online_rate")->value() == 75.0);
  BOOST_TEST(t.get("U", "online")->denominator == 0.0);
  BOOST_TEST(*t.get("U", "online")->value() == 3.0);
  // A declared metric without a value for a unit: an empty rate, a zero count.
  BOOST_TEST(t.get("V", "online_rate")->empty());
  BOOST_TEST(!t.get("V", "online_rate")->value().has_value());
  BOOST_TEST(*t.get("V", "online")->value() == 0.0);
  BOOST_TEST(!t.has("V", "online"));
  BOOST_TEST(!t.get("U", "unknown").has_value());
  // Declaring again: same kind and source is fine; another kind or source is not.
  BOOST_CHECK_NO_THROW(t.declare("online", MetricKind::count, "dossiers"));
  BOOST_CHECK_THROW(t.declare("online", MetricKind::rate, "dossiers"), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(t.declare("online", MetricKind::count, "x.csv"), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(t.set("U", "nope", 1, 1), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(t.set("U", "online_rate", -1, 1), parmetrics::ArgumentError);
  t.set(kTotalUnit, "online", 10);
  BOOST_TEST(t.units() == std::vector<std::string>{"U"});
  BOOST_TEST(t.metrics() == (std::vector<std::string>{"online", "online_rate"}));
}

BOOST_AUTO_TEST_CASE(external_values_csv) {
  MetricTable t;
  // A BOM, CRLF, a quoted unit code with a comma, a count (empty denominator), the total "*".
  load_metric_values_csv(
      "\xEF\xBB\xBFunit,metric,numerator,denominator,note\r\n"
      "\"H55,1\",docs_on_time_rate,12,16,văn bản đúng hạn\r\n"
      "H55.2,docs_on_time_rate,0,0,\r\n"
      "H55.2,trainings,3,,\r\n"
      "*,docs_on_time_rate,20,40,\r\n",
      "ext.csv", t);
  BOOST_TEST(*t.get("H55,1", "docs_on_time_rate")->value() == 75.0);
  BOOST_TEST(t.get("H55.2", "docs_on_time_rate")->empty());
  BOOST_TEST(t.has("H55.2", "docs_on_time_rate"));
  BOOST_TEST(to_string(*t.kind("trainings")) == "count");
  BOOST_TEST(*t.get("H55.2", "trainings")->value() == 3.0);
  BOOST_TEST(*t.get(kTotalUnit, "docs_on_time_rate")->value() == 50.0);
  BOOST_TEST(t.source("trainings") == "ext.csv");
}

BOOST_AUTO_TEST_CASE(external_values_csv_errors) {
  const auto error = [](const std::string& text) {
    return data_error([&] {
      MetricTable t;
      t.declare("online_rate", MetricKind::rate, "dossiers");
      load_metric_values_csv(text, "ext.csv", t);
    });
  };
  const std::string h = "unit,metric,numerator,denominator\n";
  BOOST_TEST(std::string(error(h + "A,m,x,2\n").what()) ==
             "ext.csv:2: field 'numerator': 'x' is not a number ≥ 0");
  BOOST_TEST(error(h + "A,m,1,-2\n").field() == "denominator");
  BOOST_TEST(error(h + "A,m,1,2\nA,m,1,3\n").reason() == "a second value of 'm' for unit 'A'");
  BOOST_TEST(error(h + "A,m,1,2\nB,m,1,\n").reason() ==
             "'m' is a count here but a rate on line 2 (a count has an empty denominator)");
  BOOST_TEST(error(h + "A,online_rate,1,2\n").reason() ==
             "'online_rate' is already given by dossiers: choose another name");
  BOOST_TEST(error("unit,metric,numerator\nA,m,1\n").reason() == "missing column in the header");
  BOOST_TEST(error(h + "A,m,1,2,3\n").reason() == "5 fields where the header has 4");
  BOOST_TEST(error(h + "A,m,\"1,2\n").reason() == "unterminated quoted field");
  BOOST_TEST(error("unit,metric,numerator,denominator,colour\n").field() == "colour");
  BOOST_TEST(error(h + ",m,1,2\n").reason() == "empty unit");
  // A bad file leaves the table as it was.
  MetricTable t;
  BOOST_CHECK_THROW(load_metric_values_csv(h + "A,m,1,2\nB,m,x,2\n", "ext.csv", t), DataError);
  BOOST_TEST(!t.declared("m"));
}

BOOST_AUTO_TEST_CASE(report_rows_become_metrics) {
  // A report by unit with one row, built by hand: in scope 20 (received 16, carried over 4),
  // judged 18 (on time 10, within time 5, late 2, overdue 1; 2 with no appointment), online 6
  // of 16, apology needed 3 of which 1 on time and 1 late.
  Report report;
  report.options.by = GroupBy::unit;
  ReportRow row;
  row.key = "000.21.30.H55";
  row.counts.in_scope = 20;
  row.counts.received = 16;
  row.counts.carried_over = 4;
  row.counts.on_time = 10;
  row.counts.within_time = 5;
  row.counts.late = 2;
  row.counts.overdue = 1;
  row.counts.no_appointment = 2;
  row.counts.online = 6;
  row.counts.apology_needed = 3;
  row.counts.apology_on_time = 1;
  row.counts.apology_late = 1;
  report.rows.push_back(row);
  report.total = row;
  report.total.counts.in_scope = 40;
  report.total.counts.on_time = 30;  // judged 30 + 5 + 2 + 1 = 38 of the total's 40
  MetricTable t;
  add_report_metrics(t, report);
  const MetricValue late = *t.get("000.21.30.H55", "late_rate");
  BOOST_TEST(late.numerator == 3.0);     // late + overdue
  BOOST_TEST(late.denominator == 18.0);  // the judged: no_appointment left out
  BOOST_TEST(*t.get("000.21.30.H55", "online_rate")->value() == 37.5);  // 6 / 16
  const MetricValue apology = *t.get("000.21.30.H55", "apology_rate");
  BOOST_TEST(apology.numerator == 2.0);  // on time + late
  BOOST_TEST(apology.denominator == 3.0);
  BOOST_TEST(*t.get("000.21.30.H55", "online")->value() == 6.0);
  BOOST_TEST(to_string(*t.kind("online")) == "count");
  BOOST_TEST(t.get(kTotalUnit, "late_rate")->denominator == 38.0);
  BOOST_TEST(t.source("on_time_rate") == "dossiers");
  report.options.by = GroupBy::level;
  MetricTable other;
  BOOST_CHECK_THROW(add_report_metrics(other, report), parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(sipas_results_become_metrics) {
  // Unit U: item A1 answered 5, 4, 2 (2 of 3 satisfied), item B1 answered 4, 4 (2 of 2).
  // Element A = 2/3 = 66.67%, B = 100%, overall = mean = 83.33%. Unit V answered only B1: 1 → 0%.
  SipasResponses responses(
      SipasQuestionnaire::parse_csv("item,element,text\nA1,A,one\nB1,B,two\n", "q.csv"));
  responses.add("r1", "U", "A1", 5);
  responses.add("r2", "U", "A1", 4);
  responses.add("r3", "U", "A1", 2);
  responses.add("r1", "U", "B1", 4);
  responses.add("r2", "U", "B1", 4);
  responses.add("r4", "V", "B1", 1);
  SipasOptions options;
  options.by_unit = true;
  options.bootstrap_replicates = 0;
  MetricTable t;
  add_sipas_metrics(t, compute_sipas(responses, options));
  const MetricValue a = *t.get("U", "sipas.A");
  BOOST_TEST(a.denominator == 100.0);
  BOOST_TEST(a.numerator == 200.0 / 3.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*t.get("U", "sipas.B")->value() == 100.0);
  BOOST_TEST(*t.get("U", "sipas.overall")->value() == 250.0 / 3.0,
             boost::test_tools::tolerance(1e-9));
  // V has no answer in element A: declared, but empty there.
  BOOST_TEST(t.declared("sipas.A"));
  BOOST_TEST(t.get("V", "sipas.A")->empty());
  BOOST_TEST(*t.get("V", "sipas.overall")->value() == 0.0);
  // The single-value hook.
  add_sipas_index(t, "W", "overall", 82.66);
  BOOST_TEST(*t.get("W", "sipas.overall")->value() == 82.66, boost::test_tools::tolerance(1e-12));
  BOOST_CHECK_THROW(add_sipas_index(t, "W", "A", 101), parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(scores_csv) {
  const ParScores s = ParScores::parse_csv(
      "unit,criterion,points,note\n"
      "H55.21,1.1,2.5,\"kế hoạch ban hành ngày 05/01, đúng hạn\"\n"
      "H55.21,3.9,-0.25,một phản ánh có căn cứ\n"
      "H55.22,1.1,n/a,\n",
      "scores.csv");
  BOOST_REQUIRE_EQUAL(s.all().size(), 3u);
  BOOST_TEST(*s.find("H55.21", "1.1")->points == 2.5);
  BOOST_TEST(s.find("H55.21", "1.1")->note == "kế hoạch ban hành ngày 05/01, đúng hạn");
  BOOST_TEST(s.find("H55.21", "1.1")->line == 2u);
  BOOST_TEST(*s.find("H55.21", "3.9")->points == -0.25);
  BOOST_TEST(!s.find("H55.22", "1.1")->points.has_value());
  BOOST_TEST(s.find("H55.22", "3.9") == nullptr);
  // Without the optional note column.
  BOOST_TEST(ParScores::parse_csv("criterion,unit,points\n1,A,1\n", "s.csv").all().size() == 1u);
  const auto error = [](const std::string& text) {
    return data_error([&] { ParScores::parse_csv(text, "scores.csv"); });
  };
  BOOST_TEST(std::string(error("unit,criterion,points\nA,1,2,5\n").what()) ==
             "scores.csv:2: 4 fields where the header has 3");
  BOOST_TEST(std::string(error("unit,criterion,points\nA,1,hai\n").what()) ==
             "scores.csv:2: field 'points': 'hai' is not a number (or n/a)");
  BOOST_TEST(error("unit,criterion,points\nA,1,2\nA,1,3\n").reason() ==
             "a second score of '1' for unit 'A' (first on line 2)");
  BOOST_TEST(error("unit,points\nA,2\n").field() == "criterion");
  BOOST_TEST(error("unit,criterion,points\nA,,2\n").reason() == "empty criterion");
  BOOST_TEST(error("").reason() == "the file is empty (no header row)");
}

BOOST_AUTO_TEST_SUITE_END()
