// parmetrics par, driven in-process: exact CSV on a hand-computed set, SIPAS as an input, the
// bundled sample with the shipped example methodology, and the errors.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/cli_run.hpp"

using namespace parmetrics::test::cli;

namespace {

struct Files {
  std::filesystem::path dir;
  std::string methodology, metrics, scores, bad_rule, bad_scores, sipas_methodology, questionnaire,
      responses;

  Files() {
    dir = std::filesystem::temp_directory_path() /
          ("parmetrics-par-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    methodology = write("m.json", R"({"name": "Test PAR", "version": "1", "criteria": [
      {"id": "A", "name": "Appraised", "children": [
        {"id": "A1", "name": "plan", "max": 4, "rule": {"kind": "manual"}},
        {"id": "A2", "name": "deduction", "max": 0, "min": -1, "rule": {"kind": "manual"}}]},
      {"id": "B", "name": "Procedures", "children": [
        {"id": "B1", "name": "on time", "max": 6,
         "rule": {"kind": "linear", "metric": "docs_on_time_rate"}}]},
      {"id": "C", "name": "Survey", "source": "survey", "children": [
        {"id": "C1", "name": "satisfaction", "max": 10,
         "rule": {"kind": "linear", "metric": "satisfaction", "when_empty": "not_applicable"}}]}
    ]})");
    metrics = write("metrics.csv",
                    "unit,metric,numerator,denominator\n"
                    "X1,docs_on_time_rate,9,10\n"
                    "X2,docs_on_time_rate,1,2\n"
                    "X1,satisfaction,80,100\n"
                    "X2,satisfaction,0,0\n");
    scores = write("scores.csv",
                   "unit,criterion,points,note\n"
                   "X1,A1,3,\n"
                   "X1,A2,-0.5,late report\n"
                   "X2,A1,4,\n");
    bad_rule = write("bad.json", R"({"name": "t", "version": "1", "criteria": [
      {"id": "1", "name": "a", "max": 2, "rule": {"kind": "proportional"}}]})");
    bad_scores = write("bad-scores.csv", "unit,criterion,points\nX1,A1,5\n");
    sipas_methodology = write("sipas.json", R"({"name": "S", "version": "1", "criteria": [
      {"id": "S", "name": "satisfaction", "max": 10, "source": "survey",
       "rule": {"kind": "linear", "metric": "sipas.overall"}}]})");
    questionnaire = write("q.csv", "item,element,text\nA1,A,only item\n");
    responses = write("r.csv", "respondent,unit,item,answer\nr1,X1,A1,5\nr2,X1,A1,2\n");
  }
  ~Files() { std::filesystem::remove_all(dir); }

  std::string write(const std::string& name, const std::string& text) const {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
};

const Files& files() {
  static const Files f;
  return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(par_command)

BOOST_AUTO_TEST_CASE(csv_of_a_hand_computed_set) {
  const Files& f = files();
  const Result r = run({"par", "--methodology", f.methodology, "--metrics", f.metrics, "--scores",
                        f.scores, "--format", "csv"});
  BOOST_TEST(r.code == 0);
  // X1: A = 3 − 0.5 = 2.5 of 4; B = 6 × 9/10 = 5.4 of 6; C (survey) = 10 × 80/100 = 8 of 10.
  //     15.9 of 20 → 79.50; self 7.9 of 10, survey 8 of 10.
  // X2: A = 4 + 0 (A2 not scored) = 4 of 4; B = 6 × 1/2 = 3; C is 0/0 → not applicable.
  //     7 of 10 → 70.00. No unit list: one group, X1 first.
  BOOST_TEST(r.out ==
             "unit,index,points,max,rank,name,level,self_points,self_max,survey_points,survey_max,"
             "A,A_max,B,B_max,C,C_max\n"
             "X1,79.50,15.90,20.00,1,,,7.90,10.00,8.00,10.00,2.50,4.00,5.40,6.00,8.00,10.00\n"
             "X2,70.00,7.00,10.00,2,,,7.00,10.00,0.00,0.00,4.00,4.00,3.00,6.00,n/a,n/a\n");
  BOOST_TEST(r.err ==
             "parmetrics par: warning: unit X2: no score for 1 manual criterion (A2): counted as "
             "0\n");
}

BOOST_AUTO_TEST_CASE(table_and_json) {
  const Files& f = files();
  const Result table = run({"par", "--methodology", f.methodology, "--metrics", f.metrics,
                            "--scores", f.scores, "--lang", "en"});
  BOOST_TEST(table.code == 0);
  BOOST_TEST(table.out.find("    B1 5.40/6.00  docs_on_time_rate 9/10 = 90.00% → 6 × 90.00% = "
                            "5.40  [on time]") != std::string::npos);
  BOOST_TEST(table.out.find("    A2 -0.50/0.00  manual: appraised -0.50 — late report") !=
             std::string::npos);
  const Result json = run({"par", "--methodology", f.methodology, "--metrics", f.metrics,
                           "--scores", f.scores, "--format", "json"});
  BOOST_TEST(json.code == 0);
  BOOST_TEST(json.out.find(R"("index": 79.5)") != std::string::npos);
  BOOST_TEST(json.out.find(R"("note": "late report")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sipas_responses_feed_sipas_overall) {
  const Files& f = files();
  // X1 answered A1 with 5 and 2: 1 of 2 satisfied = 50% → 10 × 0.5 = 5 of 10.
  const Result r = run({"par", "--methodology", f.sipas_methodology, "--sipas", f.responses,
                        "--questionnaire", f.questionnaire, "--format", "csv"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(lines(r.out).at(1) == "X1,50.00,5.00,10.00,1,,,0.00,0.00,5.00,10.00,5.00,10.00");
}

BOOST_AUTO_TEST_CASE(the_bundled_sample_with_the_example_methodology) {
  const std::string m =
      std::string(PARMETRICS_DATA_DIR) + "/methodologies/par-district-commune-example.json";
  const Result r = run({"par", "--methodology", m, "--format", "csv"});
  BOOST_TEST(r.code == 0);
  const auto rows = lines(r.out);
  BOOST_TEST(rows.at(0).starts_with("unit,index,points,max,rank"));
  // The sample is one district with its 11 communes (primer §1); the example grades districts
  // and communes only, each level ranked on its own.
  BOOST_REQUIRE_EQUAL(rows.size(), 13u);
  BOOST_TEST(rows[1].starts_with("000.00.30.H55,"));
  BOOST_TEST(rows[1].find(",1,Ủy ban nhân dân huyện Hiệp Đức,district,") != std::string::npos);
  for (std::size_t i = 2; i < rows.size(); ++i) {
    BOOST_TEST(rows[i].find(",commune,") != std::string::npos, rows[i]);
  }
  BOOST_TEST(r.err.find("no dossier file given: the bundled sample") != std::string::npos);
  BOOST_TEST(r.err.find("no scores given: the 15 manual criteria") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_example_scores_on_the_bundled_sample) {
  const std::string dir = std::string(PARMETRICS_DATA_DIR) + "/methodologies/";
  const Result r =
      run({"par", "--methodology", dir + "par-district-commune-example.json", "--scores",
           dir + "par-district-commune-example-scores.csv", "--lang", "en"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err.find("no scores given") == std::string::npos);
  // The district's field 1 is the four appraised points of the scores file (000.00.30.H55: 1.1
  // 2, 1.2 1.5, 1.3 2.75, 1.4 2): 8.25 of 10.
  BOOST_TEST(r.out.find("  1 8.25/10.00  sum of 4 sub-criteria") != std::string::npos);
  BOOST_TEST(r.out.find("    1.3 2.75/3.00  manual: appraised 2.75") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(errors) {
  const Files& f = files();
  const Result missing = run({"par", "--format", "csv"});
  BOOST_TEST(missing.code == 2);
  BOOST_TEST(missing.err.starts_with("parmetrics par: missing option --methodology\n"));
  const Result format = run({"par", "--methodology", f.methodology, "--format", "xml"});
  BOOST_TEST(format.code == 2);
  const Result rule = run({"par", "--methodology", f.bad_rule});
  BOOST_TEST(rule.code == 1);
  BOOST_TEST(rule.err == "parmetrics par: " + f.bad_rule +
                             ":$.criteria[0].rule: field 'kind': unknown rule kind 'proportional' "
                             "(expected manual, linear, full_at, capped or steps)\n");
  // 5 points for A1, whose max is 4.
  const Result scores = run(
      {"par", "--methodology", f.methodology, "--metrics", f.metrics, "--scores", f.bad_scores});
  BOOST_TEST(scores.code == 1);
  BOOST_TEST(scores.err == "parmetrics par: " + f.bad_scores +
                               ":2: field 'points': 5 is above the max 4 of 'A1'\n");
  // A methodology naming a metric nobody gives.
  const Result unknown = run({"par", "--methodology", f.methodology, "--scores", f.scores});
  BOOST_TEST(unknown.code == 1);
  BOOST_TEST(unknown.err.find("field 'metric': unknown metric 'docs_on_time_rate'") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
