// PAR INDEX of several units: subtotals per field, self-assessment and survey parts, the index,
// 1224 ranking within a level, and the checks of the scores file.

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/par_index.hpp>

namespace {

using namespace parmetrics;

// Field F1 (self): 1.1 manual max 4, 1.2 linear on_time_rate max 6.
// Field F2 (survey): 2.1 linear sipas.overall max 10 (empty → not applicable).
const char* const kMethodology = R"({
  "name": "test", "version": "1",
  "criteria": [
    {"id": "F1", "name": "Thủ tục hành chính", "children": [
      {"id": "1.1", "name": "công khai", "max": 4, "rule": {"kind": "manual"}},
      {"id": "1.2", "name": "đúng hạn", "max": 6,
       "rule": {"kind": "linear", "metric": "on_time_rate"}}]},
    {"id": "F2", "name": "Hài lòng", "source": "survey", "children": [
      {"id": "2.1", "name": "SIPAS", "max": 10,
       "rule": {"kind": "linear", "metric": "sipas.overall", "when_empty": "not_applicable"}}]}
  ]})";

ParMethodology methodology() {
  return ParMethodology::parse(kMethodology, "m.json");
}

const ParUnitResult& find(const ParResult& r, const std::string& code) {
  for (const ParUnitResult& u : r.units) {
    if (u.unit.code == code) return u;
  }
  BOOST_FAIL("no unit " + code);
  return r.units.front();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(par_index)

BOOST_AUTO_TEST_CASE(fields_parts_index_and_1224_ranking) {
  MetricTable t;
  t.declare("on_time_rate", MetricKind::rate, "dossiers");
  add_sipas_index(t, "A", "overall", 80);  // sipas.overall = 80/100
  add_sipas_index(t, "B", "overall", 90);
  add_sipas_index(t, "C", "overall", 70);
  t.set("A", "on_time_rate", 9, 10);
  t.set("B", "on_time_rate", 1, 2);
  t.set("C", "on_time_rate", 19, 20);
  t.set("D", "on_time_rate", 3, 4);
  t.set("X", "on_time_rate", 1, 1);
  ParScores s("scores.csv");
  s.add({"A", "1.1", 3, "", 2});
  s.add({"B", "1.1", 4, "", 3});
  s.add({"C", "1.1", 2.5, "", 4});
  s.add({"D", "1.1", 4, "", 5});
  s.add({"X", "1.1", 0, "", 6});
  const std::vector<ParUnit> units{{"A", "Xã A", "commune"},
                                   {"B", "Xã B", "commune"},
                                   {"C", "Xã C", "commune"},
                                   {"D", "Xã D", "commune"},
                                   {"X", "Huyện X", "district"}};
  const ParResult r = score_par(methodology(), units, t, s);
  // A: F1 = 3 + 6 × 0.9 = 3 + 5.4 = 8.4 of 10; F2 = 10 × 0.8 = 8 of 10. 16.4 / 20 → 82.00.
  // B: F1 = 4 + 6 × 0.5 = 7; F2 = 9. 16 / 20 → 80.00.
  // C: F1 = 2.5 + 6 × 0.95 = 2.5 + 5.7 = 8.2; F2 = 7. 15.2 / 20 → 76.00.
  // D: F1 = 4 + 6 × 0.75 = 8.5; no SIPAS value → F2 not applicable. 8.5 / 10 → 85.00.
  // X (another level): F1 = 0 + 6 = 6 of 10; F2 not applicable → 60.00, rank 1 of 1.
  const ParUnitResult& a = find(r, "A");
  BOOST_TEST(a.fields[0].points == 8.4);
  BOOST_TEST(a.fields[0].max == 10.0);
  BOOST_TEST(a.fields[1].points == 8.0);
  BOOST_TEST(a.points == 16.4);
  BOOST_TEST(a.max == 20.0);
  BOOST_TEST(*a.index == 82.0);
  BOOST_TEST(a.self.points == 8.4);
  BOOST_TEST(a.self.max == 10.0);
  BOOST_TEST(a.survey.points == 8.0);
  BOOST_TEST(a.survey.max == 10.0);
  const ParUnitResult& d = find(r, "D");
  BOOST_TEST(d.points == 8.5);
  BOOST_TEST(d.max == 10.0);
  BOOST_TEST(*d.index == 85.0);
  BOOST_TEST(!d.fields[1].applicable);
  BOOST_TEST(d.survey.max == 0.0);
  // Communes by index: D 85, A 82, B 80, C 76 → ranks 1, 2, 3, 4; X alone among districts.
  BOOST_TEST(*d.rank == 1u);
  BOOST_TEST(*a.rank == 2u);
  BOOST_TEST(*find(r, "B").rank == 3u);
  BOOST_TEST(*find(r, "C").rank == 4u);
  BOOST_TEST(a.ranked == 4u);
  BOOST_TEST(*find(r, "X").index == 60.0);
  BOOST_TEST(*find(r, "X").rank == 1u);
  BOOST_TEST(find(r, "X").ranked == 1u);
  // Order: levels as they first appear (commune, district), then rank.
  std::vector<std::string> order;
  for (const ParUnitResult& u : r.units) order.push_back(u.unit.code);
  BOOST_TEST(order == (std::vector<std::string>{"D", "A", "B", "C", "X"}));
}

BOOST_AUTO_TEST_CASE(ties_share_the_best_rank_and_the_next_rank_skips) {
  // Five units, one manual criterion of max 4: points 4, 3, 3, 3, 1 → indices 100, 75, 75, 75,
  // 25 → ranks 1, 2, 2, 2, 5 (standard competition ranking, "1224").
  const ParMethodology m = ParMethodology::parse(
      R"({"name": "t", "version": "1", "criteria": [
          {"id": "1", "name": "a", "max": 4, "rule": {"kind": "manual"}}]})",
      "m.json");
  ParScores s;
  const std::vector<std::pair<std::string, double>> points{
      {"P", 3}, {"Q", 4}, {"R", 3}, {"S", 1}, {"T", 3}};
  std::vector<ParUnit> units;
  for (const auto& [code, p] : points) {
    s.add({code, "1", p, "", 0});
    units.push_back({code, "", "commune"});
  }
  const ParResult r = score_par(m, units, MetricTable(), s);
  BOOST_TEST(*find(r, "Q").rank == 1u);
  BOOST_TEST(*find(r, "P").rank == 2u);
  BOOST_TEST(*find(r, "R").rank == 2u);
  BOOST_TEST(*find(r, "T").rank == 2u);
  BOOST_TEST(*find(r, "S").rank == 5u);
  // Tied units are listed by code.
  std::vector<std::string> order;
  for (const ParUnitResult& u : r.units) order.push_back(u.unit.code);
  BOOST_TEST(order == (std::vector<std::string>{"Q", "P", "R", "T", "S"}));
}

BOOST_AUTO_TEST_CASE(ties_are_on_the_published_index) {
  // 1 of 3 and 2 of 6 points are the same 33.33%; 100 of 300 too. A unit whose every criterion
  // is not applicable has no index and no rank.
  const ParMethodology m = ParMethodology::parse(
      R"({"name": "t", "version": "1", "criteria": [
          {"id": "1", "name": "a", "max": 3, "rule": {"kind": "manual"}},
          {"id": "2", "name": "b", "max": 3, "rule": {"kind": "manual"}}]})",
      "m.json");
  ParScores s;
  s.add({"A", "1", 1, "", 0});
  s.add({"A", "2", std::nullopt, "", 0});  // A: 1 of 3 = 33.33%
  s.add({"B", "1", 2, "", 0});
  s.add({"B", "2", 0, "", 0});  // B: 2 of 6 = 33.33%
  s.add({"C", "1", std::nullopt, "", 0});
  s.add({"C", "2", std::nullopt, "", 0});  // C: nothing applies
  const std::vector<ParUnit> units{{"A", "", ""}, {"B", "", ""}, {"C", "", ""}};
  const ParResult r = score_par(m, units, MetricTable(), s);
  BOOST_TEST(*find(r, "A").index == 33.33);
  BOOST_TEST(*find(r, "B").index == 33.33);
  BOOST_TEST(*find(r, "A").rank == 1u);
  BOOST_TEST(*find(r, "B").rank == 1u);
  BOOST_TEST(!find(r, "C").index.has_value());
  BOOST_TEST(!find(r, "C").rank.has_value());
  BOOST_TEST(find(r, "A").ranked == 2u);
  BOOST_TEST(r.units.back().unit.code == "C");  // unranked last
}

BOOST_AUTO_TEST_CASE(a_parent_whose_children_do_not_apply) {
  // F2's only child is not applicable for D: F2 itself is then not applicable, its max 0.
  MetricTable t;
  t.declare("on_time_rate", MetricKind::rate, "dossiers");
  t.declare("sipas.overall", MetricKind::rate, "sipas");
  t.set("D", "on_time_rate", 1, 2);
  ParScores s;
  s.add({"D", "1.1", 2, "", 0});
  const ParResult r = score_par(methodology(), std::vector<ParUnit>{{"D", "", ""}}, t, s);
  const ParUnitResult& d = r.units.front();
  BOOST_TEST(!d.fields[1].applicable);
  BOOST_TEST(d.fields[1].max == 0.0);
  BOOST_TEST(d.fields[1].explanation == "no sub-criterion applies");
  // F1 = 2 + 6 × 0.5 = 5 of 10 → 50.00.
  BOOST_TEST(*d.index == 50.0);
}

BOOST_AUTO_TEST_CASE(units_from_the_inputs_when_none_are_given) {
  MetricTable t;
  t.declare("on_time_rate", MetricKind::rate, "dossiers");
  t.declare("sipas.overall", MetricKind::rate, "sipas");
  t.set("M1", "on_time_rate", 1, 1);
  t.set(kTotalUnit, "on_time_rate", 1, 1);  // the total is not a unit
  ParScores s;
  s.add({"S1", "1.1", 1, "", 0});
  const ParResult r = score_par(methodology(), {}, t, s);
  BOOST_REQUIRE_EQUAL(r.units.size(), 2u);
  BOOST_TEST(find(r, "M1").unit.level == "");
  // M1: 0 (no score) + 6 = 6 of 10; S1: 1 + 0 (0/0, when_empty zero) = 1 of 10.
  BOOST_TEST(*find(r, "M1").index == 60.0);
  BOOST_TEST(*find(r, "S1").index == 10.0);
}

BOOST_AUTO_TEST_CASE(levels_of_the_methodology_filter_the_units) {
  const ParMethodology m = ParMethodology::parse(
      R"({"name": "t", "version": "1", "levels": ["commune"], "criteria": [
          {"id": "1", "name": "a", "max": 4, "rule": {"kind": "manual"}}]})",
      "m.json");
  ParScores s("scores.csv");
  s.add({"C", "1", 2, "", 2});
  s.add({"D", "1", 3, "", 3});
  const std::vector<ParUnit> units{{"C", "", "commune"}, {"D", "", "department"}};
  const ParResult r = score_par(m, units, MetricTable(), s);
  BOOST_REQUIRE_EQUAL(r.units.size(), 1u);
  BOOST_TEST(r.units[0].unit.code == "C");
  BOOST_REQUIRE_EQUAL(r.warnings.size(), 1u);
  BOOST_TEST(r.warnings[0] ==
             "scores.csv: scores of unit D ignored: its level 'department' is not graded by this "
             "methodology");
}

BOOST_AUTO_TEST_CASE(scores_are_checked_against_the_methodology) {
  MetricTable t;
  t.declare("on_time_rate", MetricKind::rate, "dossiers");
  t.declare("sipas.overall", MetricKind::rate, "sipas");
  const std::vector<ParUnit> units{{"A", "", ""}};
  const auto error_of = [&](ParScore score) {
    ParScores s("scores.csv");
    s.add(std::move(score));
    try {
      score_par(methodology(), units, t, s);
    } catch (const DataError& e) {
      return e;
    }
    BOOST_FAIL("the score was accepted");
    return DataError("", "", "", "");
  };
  const DataError unit = error_of({"Z", "1.1", 1, "", 7});
  BOOST_TEST(std::string(unit.what()) ==
             "scores.csv:7: field 'unit': unknown unit 'Z' (not among the units given)");
  const DataError criterion = error_of({"A", "9.9", 1, "", 8});
  BOOST_TEST(criterion.field() == "criterion");
  BOOST_TEST(criterion.reason() == "unknown criterion '9.9' (not in methodology 'test')");
  BOOST_TEST(error_of({"A", "1.2", 1, "", 9}).reason() ==
             "'1.2' is computed by its linear rule from 'on_time_rate', not appraised");
  BOOST_TEST(error_of({"A", "F1", 1, "", 10}).reason() ==
             "'F1' has sub-criteria: score them, its points are their sum");
  const DataError above = error_of({"A", "1.1", 4.5, "", 11});
  BOOST_TEST(above.field() == "points");
  BOOST_TEST(above.reason() == "4.5 is above the max 4 of '1.1'");
  BOOST_TEST(error_of({"A", "1.1", -0.25, "", 12}).reason() ==
             "-0.25 is below the min 0 of '1.1' (a deduction needs \"min\" in the methodology)");
}

BOOST_AUTO_TEST_CASE(json_output_explains_every_point) {
  MetricTable t;
  t.declare("on_time_rate", MetricKind::rate, "dossiers");
  t.declare("sipas.overall", MetricKind::rate, "sipas");
  t.set("A", "on_time_rate", 9, 10);
  ParScores s;
  s.add({"A", "1.1", 3, "kế hoạch \"2023\"", 0});
  const std::string json =
      to_json(score_par(methodology(), std::vector<ParUnit>{{"A", "Xã A", "commune"}}, t, s));
  for (const char* part : {
           R"("unit": "A")",
           R"("index": 84.0)",  // F1 = 3 + 5.4 = 8.4 of 10; F2 not applicable → 84.00
           R"("rank": 1)",
           R"("kind": "linear")",
           R"("metric": "on_time_rate")",
           R"("numerator": 9.0)",
           R"("denominator": 10.0)",
           R"("percent": 90.0)",
           R"("note": "kế hoạch \"2023\"")",
           R"("explanation": "on_time_rate 9/10 = 90.00% → 6 × 90.00% = 5.40")",
           R"("applicable": false)",
       }) {
    BOOST_TEST(json.find(part) != std::string::npos, part);
  }
}

BOOST_AUTO_TEST_SUITE_END()
