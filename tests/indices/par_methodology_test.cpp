// PAR INDEX methodology files: the structure they may have, and every kind of mistake rejected
// with the file, the JSON path, the field and the reason.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/par_index.hpp>
#include <parmetrics/indices/par_methodology.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/rates.hpp>

namespace {

using namespace parmetrics;

ParMethodology parse(const std::string& criteria) {
  return ParMethodology::parse(R"({"name": "t", "version": "1", "criteria": [)" + criteria + "]}",
                               "m.json");
}

// The DataError a parse throws, or a failed check when none is thrown.
DataError error_of(const std::string& criteria) {
  try {
    parse(criteria);
  } catch (const DataError& e) {
    return e;
  }
  BOOST_FAIL("no DataError for: " + criteria);
  return DataError("", "", "", "");
}

void check_error(const std::string& criteria, const std::string& location, const std::string& field,
                 const std::string& reason) {
  const DataError e = error_of(criteria);
  BOOST_TEST(e.origin() == "m.json");
  BOOST_TEST(e.location() == location);
  BOOST_TEST(e.field() == field);
  BOOST_TEST(e.reason() == reason);
}

const char* const kManual = R"({"kind": "manual"})";

std::string leaf(const std::string& id, double max, const std::string& rule = kManual) {
  return R"({"id": ")" + id + R"(", "name": "n", "max": )" + std::to_string(max) + R"(, "rule": )" +
         rule + "}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(par_methodology)

BOOST_AUTO_TEST_CASE(the_declared_total_checks_the_top_level_maxima) {
  // 3 + 5 = 8, declared 10: rejected; declared 8: fine.
  // fmt, not +: g++ 12 at -O3 warns falsely (-Wrestrict) on chained string concatenation.
  const auto doc = [](int total) {
    return fmt::format(R"({{"name": "t", "version": "1", "max": {}, "criteria": [{}, {}]}})", total,
                       leaf("1", 3), leaf("2", 5));
  };
  try {
    ParMethodology::parse(doc(10), "m.json");
    BOOST_FAIL("no DataError");
  } catch (const DataError& e) {
    BOOST_TEST(e.field() == "max");
    BOOST_TEST(e.reason() ==
               "the declared total 10 differs from the sum of the top-level maxima 8");
  }
  const ParMethodology ok = ParMethodology::parse(doc(8), "m.json");
  BOOST_TEST(ok.max() == 8.0);
}

BOOST_AUTO_TEST_CASE(a_valid_tree) {
  const ParMethodology m = ParMethodology::parse(R"({
    "name": "Chỉ số CCHC cấp xã", "version": 2023, "example": true,
    "levels": ["commune"],
    "criteria": [
      {"id": "1", "name": "Field one", "children": [
        {"id": "1.1", "name": "a", "max": 2.5, "rule": {"kind": "manual"}},
        {"id": "1.2", "name": "b", "max": 1.5, "min": -0.25, "rule": {"kind": "manual"}}]},
      {"id": "2", "name": "Field two", "max": 6, "source": "survey", "children": [
        {"id": "2.1", "name": "c", "max": 4, "rule": {"kind": "linear", "metric": "sipas.overall"}},
        {"id": "2.2", "name": "d", "max": 2, "source": "self",
         "rule": {"kind": "steps", "metric": "on_time_rate", "steps": [[0, 0], [100, 2]],
                  "when_empty": "not_applicable"}}]}]})",
                                                 "m.json");
  BOOST_TEST(m.name() == "Chỉ số CCHC cấp xã");
  BOOST_TEST(m.version() == "2023");
  BOOST_TEST(m.example());
  BOOST_TEST(m.levels() == std::vector<std::string>{"commune"});
  BOOST_REQUIRE_EQUAL(m.criteria().size(), 2u);
  // Field one gives no max: it is the sum of its children's, 2.5 + 1.5 = 4. Total 4 + 6 = 10.
  BOOST_TEST(m.criteria()[0].max == 4.0);
  BOOST_TEST(m.max() == 10.0);
  // Sources are inherited (2.1 from field 2) unless given (2.2); fields default to self.
  BOOST_TEST(to_string(m.find("1.1")->source) == "self");
  BOOST_TEST(to_string(m.find("2.1")->source) == "survey");
  BOOST_TEST(to_string(m.find("2.2")->source) == "self");
  BOOST_TEST(m.find("1.2")->min == -0.25);
  BOOST_TEST(to_string(m.find("2.2")->rule->when_empty) == "not_applicable");
  BOOST_TEST(to_string(m.find("2.1")->rule->when_empty) == "zero");
  BOOST_TEST(m.find("2.2")->path == "$.criteria[1].children[1]");
  BOOST_TEST(m.find("9") == nullptr);
}

BOOST_AUTO_TEST_CASE(duplicate_id) {
  check_error(R"({"id": "1", "name": "a", "max": 2, "children": [)" + leaf("1.1", 2) + "]}," +
                  leaf("1.1", 1),
              "$.criteria[1]", "id",
              "duplicate id '1.1' (first used at $.criteria[0].children[0])");
}

BOOST_AUTO_TEST_CASE(max_mismatch) {
  const DataError e = error_of(R"({"id": "1", "name": "a", "max": 10, "children": [)" +
                               leaf("1.1", 4) + "," + leaf("1.2", 5.5) + "]}");
  BOOST_TEST(e.location() == "$.criteria[0]");
  BOOST_TEST(e.field() == "max");
  BOOST_TEST(e.reason() == "max 10 of '1' differs from the sum of its children's maxima 9.5");
  BOOST_TEST(std::string(e.what()) ==
             "m.json:$.criteria[0]: field 'max': max 10 of '1' differs from the sum of its "
             "children's maxima 9.5");
}

BOOST_AUTO_TEST_CASE(unknown_rule) {
  check_error(leaf("1", 2, R"({"kind": "proportional", "metric": "x"})"), "$.criteria[0].rule",
              "kind",
              "unknown rule kind 'proportional' (expected manual, linear, full_at, capped or "
              "steps)");
}

BOOST_AUTO_TEST_CASE(unknown_metric_when_scoring) {
  const ParMethodology m = parse(leaf("1", 2, kManual) + "," +
                                 leaf("2", 2, R"({"kind": "linear", "metric": "ontime_rate"})"));
  MetricTable t;
  t.declare("on_time_rate", MetricKind::rate, "dossiers");
  t.declare("online", MetricKind::count, "dossiers");
  try {
    score_par(m, {}, t, ParScores());
    BOOST_FAIL("an unknown metric was accepted");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == "m.json");
    BOOST_TEST(e.location() == "$.criteria[1].rule");
    BOOST_TEST(e.field() == "metric");
    BOOST_TEST(e.reason() == "unknown metric 'ontime_rate' (known: on_time_rate, online)");
  }
  // A count cannot be scored as a ratio.
  const ParMethodology c = parse(leaf("1", 2, R"({"kind": "linear", "metric": "online"})"));
  BOOST_CHECK_EXCEPTION(c.check_metrics(t), DataError, [](const DataError& e) {
    return e.reason() == "metric 'online' is a count, a linear rule needs a rate";
  });
}

BOOST_AUTO_TEST_CASE(steps_in_any_order_and_no_two_at_one_threshold) {
  // Issue 12: regulations list steps highest first ("≥ 90 %: 2 points; ≥ 50 %: 1"). Taken in any
  // order, sorted by threshold.
  const ParMethodology m =
      parse(leaf("1", 2, R"({"kind": "steps", "metric": "r", "steps": [[90, 2], [50, 1]]})"));
  const std::vector<ParStep>& steps = m.criteria()[0].rule->steps;
  BOOST_TEST_REQUIRE(steps.size() == 2u);
  BOOST_TEST(steps[0].at_least_percent == 50.0);
  BOOST_TEST(steps[0].points == 1.0);
  BOOST_TEST(steps[1].at_least_percent == 90.0);
  // Two steps at one threshold: which points are meant is unknown.
  check_error(
      leaf("1", 2, R"({"kind": "steps", "metric": "r", "steps": [[0, 0], [90, 1], [90, 2]]})"),
      "$.criteria[0].rule", "steps[2]", "a second step at 90%: which points are meant is unknown");
  // A step worth more than the criterion's max, or below its min (0 without "min").
  check_error(leaf("c", 2, R"({"kind": "steps", "metric": "r", "steps": [[0, 0], [50, 3]]})"),
              "$.criteria[0].rule", "steps[1]", "3 points are outside [0, 2] of 'c'");
  check_error(leaf("c", 2, R"({"kind": "steps", "metric": "r", "steps": [[0, -1]]})"),
              "$.criteria[0].rule", "steps[0]", "-1 points are outside [0, 2] of 'c'");
  check_error(leaf("c", 2, R"({"kind": "steps", "metric": "r", "steps": [[0, 1], [101, 2]]})"),
              "$.criteria[0].rule", "steps[1]", "threshold 101 is outside [0, 100]");
  check_error(leaf("c", 2, R"({"kind": "steps", "metric": "r", "steps": [[0, 1, 2]]})"),
              "$.criteria[0].rule", "steps[0]", "expected [at_least_percent, points], two numbers");
  check_error(leaf("c", 2, R"({"kind": "steps", "metric": "r", "steps": []})"),
              "$.criteria[0].rule", "steps",
              "expected a non-empty array of [at_least_percent, points]");
}

BOOST_AUTO_TEST_CASE(thresholds_and_when_empty) {
  check_error(leaf("1", 2, R"({"kind": "capped", "metric": "r", "threshold": 120})"),
              "$.criteria[0].rule", "threshold", "120 is outside (0, 100] (a percentage)");
  check_error(leaf("1", 2, R"({"kind": "full_at", "metric": "r", "threshold": 0})"),
              "$.criteria[0].rule", "threshold", "0 is outside (0, 100] (a percentage)");
  check_error(leaf("1", 2, R"({"kind": "full_at", "metric": "r"})"), "$.criteria[0].rule",
              "threshold", "is missing");
  check_error(leaf("1", 2, R"({"kind": "linear"})"), "$.criteria[0].rule", "metric", "is missing");
  check_error(leaf("1", 2, R"({"kind": "linear", "metric": "r", "when_empty": "none"})"),
              "$.criteria[0].rule", "when_empty", "'none' is not full, zero or not_applicable");
  // Fields that do not belong to the rule kind are mistakes, not ignored.
  check_error(leaf("1", 2, R"({"kind": "linear", "metric": "r", "threshold": 50})"),
              "$.criteria[0].rule", "threshold",
              "unknown field (expected one of kind, metric, when_empty)");
  check_error(leaf("1", 2, R"({"kind": "manual", "metric": "r"})"), "$.criteria[0].rule", "metric",
              "unknown field (expected one of kind)");
}

BOOST_AUTO_TEST_CASE(structure_mistakes) {
  check_error(R"({"id": "1", "name": "a", "max": 2, "rule": {"kind": "manual"}, "children": [)" +
                  leaf("1.1", 2) + "]}",
              "$.criteria[0]", "rule",
              "a criterion with children has no rule (its points are the sum of its children's)");
  check_error(R"({"id": "1", "name": "a", "max": 2})", "$.criteria[0]", "rule",
              "is missing (a criterion without children needs a rule)");
  check_error(R"({"id": "1", "name": "a", "rule": {"kind": "manual"}})", "$.criteria[0]", "max",
              "is missing");
  check_error(R"({"id": "1", "name": "a", "max": "2", "rule": {"kind": "manual"}})",
              "$.criteria[0]", "max", "expected a number, got the string \"2\"");
  check_error(R"({"id": "1", "name": "a", "max": -1, "rule": {"kind": "manual"}})", "$.criteria[0]",
              "max", "-1 is negative");
  check_error(R"({"id": "1", "name": "a", "max": 2, "chidlren": []})", "$.criteria[0]", "chidlren",
              "unknown field (expected one of id, name, max, min, source, rule, children, "
              "description)");
  check_error(R"({"id": "1", "name": "a", "max": 2, "min": 0.5, "rule": {"kind": "manual"}})",
              "$.criteria[0]", "min",
              "0.5 is above 0 (min is the lowest points, negative for deductions)");
  check_error(R"({"id": "1", "name": "a", "min": -1, "children": [)" + leaf("1.1", 2) + "]}",
              "$.criteria[0]", "min", "a criterion with children has no min (give it to a leaf)");
  check_error(R"({"id": "1", "name": "a", "max": 2, "source": "citizens",
                  "rule": {"kind": "manual"}})",
              "$.criteria[0]", "source", "'citizens' is not self or survey");
  check_error(R"({"id": "", "name": "a", "max": 2, "rule": {"kind": "manual"}})", "$.criteria[0]",
              "id", "is empty");
  check_error(R"({"id": "1", "name": "a", "children": []})", "$.criteria[0]", "children",
              "is empty");
  check_error(R"({"id": "1", "name": "a", "children": [)" + leaf("1.1", 1) +
                  R"(, {"id": "1.2", "name": "b", "max": 1, "rule": {"kind": "magic"}}]})",
              "$.criteria[0].children[1].rule", "kind",
              "unknown rule kind 'magic' (expected manual, linear, full_at, capped or steps)");
}

BOOST_AUTO_TEST_CASE(document_mistakes) {
  const auto doc_error = [](const std::string& text) {
    try {
      ParMethodology::parse(text, "m.json");
    } catch (const DataError& e) {
      return e;
    }
    BOOST_FAIL("no DataError for: " + text);
    return DataError("", "", "", "");
  };
  const DataError syntax = doc_error(R"({"name": "t", "version": "1", "criteria": [)");
  BOOST_TEST(syntax.reason().starts_with("not valid JSON: parse error at line 1, column 44"));
  const DataError no_criteria = doc_error(R"({"name": "t", "version": "1"})");
  BOOST_TEST(no_criteria.location() == "$");
  BOOST_TEST(no_criteria.field() == "criteria");
  BOOST_TEST(no_criteria.reason() == "is missing");
  const DataError version = doc_error(R"({"name": "t", "version": 1.5, "criteria": []})");
  BOOST_TEST(version.field() == "version");
  BOOST_TEST(version.reason() == "expected a string or an integer, got the number 1.5");
  const DataError empty = doc_error(R"({"name": "t", "version": "1", "criteria": []})");
  BOOST_TEST(empty.field() == "criteria");
  BOOST_TEST(empty.reason() == "is empty");
  const DataError extra = doc_error(R"({"name": "t", "version": "1", "criterias": []})");
  BOOST_TEST(extra.field() == "criterias");
  const DataError array = doc_error(R"([1, 2])");
  BOOST_TEST(array.reason() == "expected an object, got an array");
}

BOOST_AUTO_TEST_CASE(the_shipped_methodologies_load) {
  const std::filesystem::path dir = std::filesystem::path(PARMETRICS_DATA_DIR) / "methodologies";
  // The provincial template: the 8 fields of QĐ 2948/QĐ-BNV with their maxima (primer §7).
  const ParMethodology province = ParMethodology::load(dir / "par-province-template.json");
  BOOST_TEST(province.example());
  BOOST_REQUIRE_EQUAL(province.criteria().size(), 8u);
  const std::vector<double> expected{10, 10, 14.5, 11, 16, 7, 16, 15.5};
  for (std::size_t i = 0; i < 8; ++i) BOOST_TEST(province.criteria()[i].max == expected[i]);
  BOOST_TEST(province.max() == 100.0);

  // The district/commune example: 100 points, field 3 computed from dossier rates that the
  // metrics engine names (docs/metrics.md).
  const ParMethodology district = ParMethodology::load(dir / "par-district-commune-example.json");
  BOOST_TEST(district.example());
  BOOST_TEST(district.max() == 100.0);
  BOOST_TEST(district.levels() == (std::vector<std::string>{"district", "commune"}));
  MetricTable engine;
  for (const RateInfo& r : rate_infos()) engine.declare(r.name, MetricKind::rate, "dossiers");
  BOOST_CHECK_NO_THROW(district.check_metrics(engine));
  const ParCriterion* field3 = district.find("3");
  BOOST_REQUIRE(field3);
  for (const char* metric : {"on_time_rate", "apology_rate", "online_rate", "digitised_rate"}) {
    bool used = false;
    for (const ParCriterion& c : field3->children) {
      used = used || (c.rule && c.rule->metric == metric);
    }
    BOOST_TEST(used, metric << " is scored in field 3");
  }
}

BOOST_AUTO_TEST_SUITE_END()
