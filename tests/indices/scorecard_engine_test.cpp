// The scorecard engine on a DTI-shaped methodology worked out by hand: every rule kind (manual
// with a deduction, linear, capped, full_at, steps, count_steps, choice, relative, an
// informational max-0 leaf), when_empty, three pillars sharing a foundation group, a survey part,
// grade bands given out of order, the index as a fraction with 4 decimals, 1224 ranks per level
// and the points lost. Every expected figure is derived in the comments from the rules of
// docs/scorecards.md, not taken from a run.

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/scorecard/appraisals.hpp>
#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/indices/scorecard/output.hpp>

namespace {

using namespace parmetrics;
using namespace parmetrics::scorecard;

// F, the foundation (40 points), counts in the three pillars; G, K and X are the activity groups
// of one pillar each. 110 points in all.
const char* const kMethodology = R"({
  "format": "parmetrics-scorecard", "format_version": 1,
  "name": "DTI-shaped test", "version": "t1",
  "index": "fraction", "index_decimals": 4,
  "grades": [[0.5, "Khá"], [0.8, "Tốt"], [0, "Yếu"]],
  "criteria": [
    {"id": "F", "name": "Nền tảng chung", "pillar": ["CQS", "KTS", "XHS"], "children": [
      {"id": "F1", "name": "BCĐ họp", "max": 20,
       "rule": {"kind": "count_steps", "metric": "meetings", "steps": [[1, 5], [4, 20], [2, 10], [3, 15]]}},
      {"id": "F2", "name": "Trưởng ban", "max": 10,
       "rule": {"kind": "choice", "metric": "head", "choices": {"chairman": 10, "deputy": 5, "other": 0}}},
      {"id": "F3", "name": "Kế hoạch", "max": 10, "min": -2, "rule": {"kind": "manual"}},
      {"id": "F4", "name": "Đô thị thông minh", "max": 0, "rule": {"kind": "linear", "metric": "smart"}}]},
    {"id": "G", "name": "Hoạt động chính quyền số", "pillar": "CQS", "children": [
      {"id": "G1", "name": "ký số", "max": 20, "rule": {"kind": "linear", "metric": "signed_rate"}},
      {"id": "G2", "name": "trực tuyến", "max": 10,
       "rule": {"kind": "capped", "metric": "online_rate", "threshold": 50}},
      {"id": "G3", "name": "xin lỗi", "max": 5,
       "rule": {"kind": "full_at", "metric": "apology_rate", "threshold": 100, "when_empty": "full"}}]},
    {"id": "K", "name": "Hoạt động kinh tế số", "pillar": "KTS", "children": [
      {"id": "K1", "name": "doanh nghiệp số", "max": 15, "rule": {"kind": "relative", "metric": "businesses"}}]},
    {"id": "X", "name": "Hoạt động xã hội số", "pillar": "XHS", "children": [
      {"id": "X1", "name": "VNeID", "max": 10,
       "rule": {"kind": "steps", "metric": "vneid_rate", "steps": [[90, 10], [50, 5], [0, 0]]}},
      {"id": "X2", "name": "khảo sát", "max": 10, "source": "survey",
       "rule": {"kind": "linear", "metric": "satisfaction", "when_empty": "not_applicable"}}]}
  ]})";

// Counts and answers as a facts file gives them; E answers like B. D (the district) reports no
// meetings.
const char* const kFacts =
    "unit,metric,value\n"
    "A,meetings,4\nB,meetings,2\nC,meetings,0\nE,meetings,2\n"
    "A,head,chairman\nB,head,deputy\nC,head,other\nD,head,chairman\nE,head,deputy\n"
    "A,businesses,6\nB,businesses,12\nC,businesses,3\nD,businesses,5\nE,businesses,12\n";

const char* const kRates =
    "unit,metric,numerator,denominator\n"
    "A,smart,3,4\n"
    "A,signed_rate,9,10\nB,signed_rate,1,3\nC,signed_rate,0,5\nD,signed_rate,7,7\nE,signed_rate,1,"
    "3\n"
    "A,online_rate,30,100\nB,online_rate,60,100\nC,online_rate,1,2\nD,online_rate,1,8\n"
    "E,online_rate,60,100\n"
    "A,apology_rate,0,0\nB,apology_rate,2,3\nC,apology_rate,4,4\nE,apology_rate,2,3\n"
    "A,vneid_rate,95,100\nB,vneid_rate,1,2\nC,vneid_rate,49,100\nD,vneid_rate,9,10\n"
    "E,vneid_rate,1,2\n"
    "A,satisfaction,4,5\nB,satisfaction,0,0\nC,satisfaction,1,2\nD,satisfaction,3,4\n"
    "E,satisfaction,0,0\n";

struct Fixture {
  Methodology m = parse_methodology(kMethodology, "dti.json");
  MetricTable metrics;
  Appraisals appraisals{"appraisals.csv"};
  std::vector<Unit> units{{"A", "Xã A", "commune"},
                          {"B", "Xã B", "commune"},
                          {"C", "Xã C", "commune"},
                          {"D", "Huyện D", "district"},
                          {"E", "Xã E", "commune"}};

  Fixture() {
    load_metric_facts_csv(kFacts, "facts.csv", metrics);
    load_metric_values_csv(kRates, "rates.csv", metrics);
    appraisals.add({"A", "F3", 8, "", 2});
    appraisals.add({"B", "F3", -1, "kế hoạch ban hành muộn", 3});
    appraisals.add({"C", "F3", std::nullopt, "", 4});
    appraisals.add({"E", "F3", -1, "", 5});
  }

  Results results() const { return score(m, {units, metrics, appraisals}); }
};

const UnitResult& unit(const Results& r, const std::string& code) {
  for (const UnitResult& u : r.units) {
    if (u.unit.code == code) return u;
  }
  BOOST_FAIL("no unit " + code);
  return r.units.front();
}

const CriterionResult& criterion(const UnitResult& u, const std::string& id) {
  for (const CriterionResult& top : u.criteria) {
    if (top.id == id) return top;
    for (const CriterionResult& c : top.children) {
      if (c.id == id) return c;
    }
  }
  BOOST_FAIL("no criterion " + id);
  return u.criteria.front();
}

std::string points(const UnitResult& u, const std::string& id) {
  return criterion(u, id).points_shown.to_string();
}

std::string pillar(const UnitResult& u, const std::string& name) {
  return part(u, "pillar", name).index->to_string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scorecard_engine)

BOOST_AUTO_TEST_CASE(every_rule_kind_on_unit_a) {
  const Results r = Fixture().results();
  const UnitResult& a = unit(r, "A");
  // F1: 4 meetings reach the step at 4 (the steps were given out of order) → 20.
  BOOST_TEST(points(a, "F1") == "20.00");
  BOOST_TEST(criterion(a, "F1").explanation == "meetings = 4 reaches the step >= 4 → 20.00");
  // F2: the chairman heads the board → 10. F3: appraised 8.
  BOOST_TEST(points(a, "F2") == "10.00");
  BOOST_TEST(criterion(a, "F2").explanation == "head = 'chairman' → 10.00");
  BOOST_TEST(points(a, "F3") == "8.00");
  // F4 (max 0) shows its input, 3/4 = 75 %, and is never scored.
  BOOST_TEST((criterion(a, "F4").outcome == Outcome::informational));
  BOOST_TEST(criterion(a, "F4").explanation == "not scored (max 0): smart 3/4 = 75.00%");
  // F = 20 + 10 + 8 = 38 of 40.
  BOOST_TEST(points(a, "F") == "38.00");
  BOOST_TEST(criterion(a, "F").max_shown.to_string() == "40.00");
  // G1: 20 × 9/10 = 18. G2: 10 × 30 % / 50 % = 6. G3: no late dossier (0/0), when_empty full → 5.
  BOOST_TEST(points(a, "G1") == "18.00");
  BOOST_TEST(points(a, "G2") == "6.00");
  BOOST_TEST(criterion(a, "G2").explanation ==
             "online_rate 30/100 = 30.00% → min(10, 10 × 30.00% / 50%) = 6.00");
  BOOST_TEST(points(a, "G3") == "5.00");
  BOOST_TEST(criterion(a, "G3").explanation ==
             "apology_rate: no event (0/0) → when_empty full → 5.00");
  // K1: 15 × 6 / the best commune's 12 (B, the first of B and E) = 7.5.
  BOOST_TEST(points(a, "K1") == "7.50");
  BOOST_TEST(criterion(a, "K1").explanation == "businesses = 6 → 15 × 6 / best 12 (B) = 7.50");
  // X1: 95 % reaches the step at 90 % → 10. X2 (survey): 10 × 4/5 = 8.
  BOOST_TEST(points(a, "X1") == "10.00");
  BOOST_TEST(points(a, "X2") == "8.00");
  // 38 + (18 + 6 + 5) + 7.5 + (10 + 8) = 92.5 of 110; 92.5 / 110 = 0.840909… → 0.8409.
  BOOST_TEST(a.points_shown.to_string() == "92.50");
  BOOST_TEST(a.max_shown.to_string() == "110.00");
  BOOST_TEST(a.index->to_string() == "0.8409");
}

BOOST_AUTO_TEST_CASE(pillars_share_the_foundation_and_parts_split_the_sources) {
  const UnitResult a = unit(Fixture().results(), "A");
  // Chính quyền số: F + G = (38 + 29) / (40 + 35) = 67/75 = 0.89333… → 0.8933.
  BOOST_TEST(pillar(a, "CQS") == "0.8933");
  // Kinh tế số: F + K = (38 + 7.5) / (40 + 15) = 45.5/55 = 0.82727… → 0.8273.
  BOOST_TEST(pillar(a, "KTS") == "0.8273");
  // Xã hội số: F + X = (38 + 18) / (40 + 20) = 56/60 = 0.93333… → 0.9333.
  BOOST_TEST(pillar(a, "XHS") == "0.9333");
  // Self-assessment: everything but X2, 92.5 − 8 = 84.5 of 100; survey: X2, 8 of 10.
  BOOST_TEST(part(a, "source", "self").points_shown.to_string() == "84.50");
  BOOST_TEST(part(a, "source", "self").max_shown.to_string() == "100.00");
  BOOST_TEST(part(a, "source", "survey").points_shown.to_string() == "8.00");
  BOOST_TEST(part(a, "source", "survey").index->to_string() == "0.8000");
}

BOOST_AUTO_TEST_CASE(deductions_steps_below_and_not_applicable) {
  const Results r = Fixture().results();
  const UnitResult& b = unit(r, "B");
  // F1: 2 meetings → 10; F2: a deputy → 5; F3: a deduction of 1. F = 14 of 40.
  BOOST_TEST(points(b, "F") == "14.00");
  BOOST_TEST(points(b, "F3") == "-1.00");
  BOOST_TEST(criterion(b, "F3").note == "kế hoạch ban hành muộn");
  // G1: 20 × 1/3 = 6.666… → 6.67; G2: 60 % is past the 50 % cap → 10; G3: 2/3 < 100 % → 0.
  BOOST_TEST(points(b, "G1") == "6.67");
  BOOST_TEST(points(b, "G2") == "10.00");
  BOOST_TEST(criterion(b, "G3").explanation == "apology_rate 2/3 = 66.67% < 100% → 0.00");
  // K1: B has the best count of its level: 15. X1: 1/2 = 50 % reaches the step at 50 → 5;
  // X2: 0/0, when_empty not_applicable: its 10 leave the total.
  BOOST_TEST(points(b, "K1") == "15.00");
  BOOST_TEST(points(b, "X1") == "5.00");
  BOOST_TEST(!criterion(b, "X2").applicable);
  // The shown leaves add up (rounded_items): 14 + 16.67 + 15 + 5 = 50.67 of 100 → 0.5067.
  BOOST_TEST(b.points_shown.to_string() == "50.67");
  BOOST_TEST(b.max_shown.to_string() == "100.00");
  BOOST_TEST(b.index->to_string() == "0.5067");
  // CQS (14 + 16.67) / 75 = 0.408933… → 0.4089; XHS (14 + 5) / (40 + 10) = 0.3800.
  BOOST_TEST(pillar(b, "CQS") == "0.4089");
  BOOST_TEST(pillar(b, "XHS") == "0.3800");
  const UnitResult& c = unit(r, "C");
  // F1: no meeting is below the first step → 0; F2: other → 0; F3: n/a → its 10 leave.
  BOOST_TEST(criterion(c, "F1").explanation ==
             "meetings = 0 is below the first step (>= 1) → 0.00");
  BOOST_TEST(!criterion(c, "F3").applicable);
  BOOST_TEST(criterion(c, "F").max_shown.to_string() == "30.00");
  // G2: 1/2 is exactly the 50 % threshold → the full 10; G3: 4/4 → 5. X1: 49 % → the step at 0.
  BOOST_TEST(points(c, "G2") == "10.00");
  BOOST_TEST(points(c, "X1") == "0.00");
  // K1: 15 × 3/12 = 3.75. Total 0 + 15 + 3.75 + 5 = 23.75 of 100 → 0.2375.
  BOOST_TEST(points(c, "K1") == "3.75");
  BOOST_TEST(c.index->to_string() == "0.2375");
}

BOOST_AUTO_TEST_CASE(missing_values_read_as_empty_and_a_missing_appraisal_warns) {
  const Results r = Fixture().results();
  const UnitResult& d = unit(r, "D");
  // F1: D gave no count → when_empty zero; F3: no appraisal → 0, with a warning.
  BOOST_TEST(criterion(d, "F1").explanation ==
             "meetings: no value for the unit → when_empty zero → 0.00");
  BOOST_TEST(criterion(d, "F3").explanation == "manual: no score given → 0.00");
  // G1 7/7 → 20; G2 10 × 12.5 % / 50 % = 2.5; G3 not given → 0/0 → full 5; K1 15 × 5/5 (D is
  // the only district); X1 90 % → 10; X2 10 × 3/4 = 7.5. 10 + 27.5 + 15 + 17.5 = 70 of 110
  // → 0.636363… → 0.6364.
  BOOST_TEST(points(d, "G") == "27.50");
  BOOST_TEST(d.points_shown.to_string() == "70.00");
  BOOST_TEST(d.index->to_string() == "0.6364");
  BOOST_REQUIRE_EQUAL(r.warnings.size(), 1u);
  BOOST_TEST(r.warnings[0] == "unit D: no score for 1 manual criterion (F3): counted as 0");
}

BOOST_AUTO_TEST_CASE(grades_ranks_and_losses) {
  Results r = Fixture().results();
  // Bands sorted from the best down (Tốt 0.8, Khá 0.5, Yếu 0) on the index as shown.
  BOOST_TEST(unit(r, "A").grade == "Tốt");  // 0.8409
  BOOST_TEST(unit(r, "B").grade == "Khá");  // 0.5067
  BOOST_TEST(unit(r, "C").grade == "Yếu");  // 0.2375
  BOOST_TEST(unit(r, "D").grade == "Khá");  // 0.6364
  // Communes: A 0.8409, B and E 0.5067 (E answers like B), C 0.2375 → 1, 2, 2, 4; the district
  // is ranked alone.
  BOOST_TEST(*unit(r, "A").rank == 1u);
  BOOST_TEST(*unit(r, "B").rank == 2u);
  BOOST_TEST(*unit(r, "E").rank == 2u);
  BOOST_TEST(*unit(r, "C").rank == 4u);
  BOOST_TEST(unit(r, "C").ranked == 4u);
  BOOST_TEST(*unit(r, "D").rank == 1u);
  BOOST_TEST(unit(r, "D").ranked == 1u);
  // A's losses, largest first, equal ones in the methodology's order: K1 15 − 7.5 = 7.5, G2
  // 10 − 6 = 4, then F3, G1 and X2 with 2 each.
  std::vector<std::string> ids;
  for (const Loss& l : unit(r, "A").losses) ids.push_back(l.id);
  BOOST_TEST(ids == (std::vector<std::string>{"K1", "G2", "F3", "G1", "X2"}),
             boost::test_tools::per_element());
  BOOST_TEST(unit(r, "A").losses.front().lost.to_string() == "7.50");
  // Reading order: by level as they first appear, then rank, then code.
  sort_by_level_and_rank(r.units);
  std::vector<std::string> order;
  for (const UnitResult& u : r.units) order.push_back(u.unit.code);
  BOOST_TEST(order == (std::vector<std::string>{"A", "B", "E", "C", "D"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_has_one_column_per_pillar) {
  Results r = Fixture().results();
  sort_by_level_and_rank(r.units);
  const std::string csv = format_results(Fixture().m, r, Format::csv, scorecard::Report::scorecard);
  BOOST_TEST(csv.substr(0, csv.find('\n')) ==
             "unit,index,points,max,rank,grade,CQS,KTS,XHS,name,level,F,F_max,G,G_max,K,K_max,X,"
             "X_max");
  // A: the figures above; G = 29 of 35, K = 7.5 of 15, X = 18 of 20.
  BOOST_TEST(csv.find("\nA,0.8409,92.50,110.00,1,Tốt,0.8933,0.8273,0.9333,Xã A,commune,38.00,"
                      "40.00,29.00,35.00,7.50,15.00,18.00,20.00\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_answer_not_listed_names_the_unit) {
  Fixture f;
  f.metrics.set_answer("E", "head", "chair");
  try {
    f.results();
    BOOST_FAIL("an unlisted answer was scored");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == "facts.csv");
    BOOST_TEST(e.location() == "unit 'E'");
    BOOST_TEST(e.field() == "head");
    BOOST_TEST(e.reason() ==
               "the answer 'chair' is not one of the choices of 'F2' (chairman, deputy, other)");
  }
}

BOOST_AUTO_TEST_CASE(unrounded_totals_add_the_exact_points) {
  // With "totals": "unrounded", B's G1 adds 20/3 exactly: 14 + 20/3 + 10 + 15 + 5 = 50.666…
  // → 50.67, index 50.666…/100 = 0.50666… → 0.5067 (the same here); G alone is 16.666… → 16.67.
  Fixture f;
  f.m.totals = Totals::unrounded;
  const UnitResult b = unit(f.results(), "B");
  BOOST_TEST(points(b, "G") == "16.67");
  BOOST_TEST(b.points_shown.to_string() == "50.67");
  // The rounded_items sum of G is 6.67 + 10 + 0 = 16.67 too; the difference shows in the exact
  // figure: 50.666… against 50.67.
  BOOST_TEST(b.exact_points < 50.67);
}

BOOST_AUTO_TEST_CASE(steps_built_in_code_need_no_order) {
  // X1's steps highest first, as a methodology built in code may give them: the highest reached
  // still counts. A at 95 % reaches 90 → 10; B at 50 % reaches 50 → 5; C at 49 % reaches 0 → 0.
  Fixture f;
  std::vector<Step>& steps = f.m.criteria[3].children[0].rule->steps;
  std::sort(steps.begin(), steps.end(),
            [](const Step& a, const Step& b) { return a.at_least_percent > b.at_least_percent; });
  BOOST_TEST(steps.front().at_least_percent == 90.0);
  const Results r = f.results();
  BOOST_TEST(points(unit(r, "A"), "X1") == "10.00");
  BOOST_TEST(points(unit(r, "B"), "X1") == "5.00");
  BOOST_TEST(points(unit(r, "C"), "X1") == "0.00");
  // count_steps likewise: F1's [4, 20] first; B's 2 meetings reach 2 → 10.
  std::vector<CountStep>& counts = f.m.criteria[0].children[0].rule->count_steps;
  std::sort(counts.begin(), counts.end(), [](const CountStep& a, const CountStep& b) {
    return a.at_least_count > b.at_least_count;
  });
  BOOST_TEST(points(unit(f.results(), "B"), "F1") == "10.00");
  // And the engine validates a methodology built in code as a file's: no steps is refused.
  f.m.criteria[3].children[0].rule->steps.clear();
  BOOST_CHECK_THROW(f.results(), DataError);
}

BOOST_AUTO_TEST_CASE(an_informational_relative_leaf_may_name_a_metric_nobody_gives) {
  // Shown, never scored (max 0): the metric "nobody" is declared by no input, which its check
  // allows; scoring must neither fail nor change a point.
  Fixture f;
  Criterion info;
  info.id = "F9";
  info.name = "chỉ để xem";
  Rule rule;
  rule.kind = RuleKind::relative;
  rule.metric = "nobody";
  info.rule = rule;
  f.m.criteria[0].children.push_back(info);
  const Results r = f.results();
  BOOST_TEST((criterion(unit(r, "A"), "F9").outcome == Outcome::informational));
  BOOST_TEST(points(unit(r, "B"), "F") == "14.00");
}

BOOST_AUTO_TEST_CASE(a_unit_given_twice_is_an_error) {
  Fixture f;
  f.units.push_back({"A", "Xã A again", "commune"});
  BOOST_CHECK_EXCEPTION(f.results(), DataError,
                        [](const DataError& e) { return e.reason() == "the unit is given twice"; });
}

BOOST_AUTO_TEST_SUITE_END()
