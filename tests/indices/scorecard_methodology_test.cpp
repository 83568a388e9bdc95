// Scorecard methodology files: what the format accepts, and a malformed file for each kind of
// mistake, rejected with the file, the JSON path, the field and the exact reason.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>

namespace {

using namespace parmetrics;
using namespace parmetrics::scorecard;

const std::string kHead =
    R"("format": "parmetrics-scorecard", "format_version": 1, "name": "t", "version": "1")";

// A scorecard document with these top-level fields (after the header) and criteria.
std::string doc(const std::string& top, const std::string& criteria) {
  return "{" + kHead + (top.empty() ? "" : ", " + top) + R"(, "criteria": [)" + criteria + "]}";
}

std::string leaf(const std::string& rule, const std::string& extra = "") {
  return R"({"id": "c", "name": "n", "max": 20)" + extra + R"(, "rule": )" + rule + "}";
}

void check_error(const std::string& text, const std::string& location, const std::string& field,
                 const std::string& reason) {
  try {
    parse_methodology(text, "m.json");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == "m.json");
    BOOST_TEST(e.location() == location);
    BOOST_TEST(e.field() == field);
    BOOST_TEST(e.reason() == reason);
    return;
  }
  BOOST_ERROR("no DataError for: " << text);
}

const std::string kManual = R"({"kind": "manual"})";

}  // namespace

BOOST_AUTO_TEST_SUITE(scorecard_methodology)

BOOST_AUTO_TEST_CASE(a_full_file_reads_its_settings_tags_and_rules) {
  const Methodology m = parse_methodology(
      doc(R"("index": "fraction", "decimals": 3, "totals": "unrounded", "basis": "points",
             "when_missing": "no_score", "grades": [[10, "Khá"], [25, "Tốt"]],
             "sources": ["QĐ 922", {"title": "Bảng I.1", "url": "https://example.org"}])",
          R"({"id": "F", "name": "f", "pillar": ["A", "B"], "tags": {"area": "urban"},
              "children": [
                {"id": "F1", "name": "n", "max": 20, "unsure": true,
                 "rule": {"kind": "count_steps", "metric": "m", "steps": [[4, 20], [1, 5]]}},
                {"id": "F2", "name": "n", "max": 10, "pillar": "B",
                 "rule": {"kind": "choice", "metric": "h", "choices": {"yes": 10, "no": 0}}}]})"),
      "m.json");
  BOOST_TEST((m.index == IndexScale::fraction));
  BOOST_TEST(m.decimals == 3);
  // A fraction carries the percent's precision two places further: 3 + 2.
  BOOST_TEST(m.index_decimals == 5);
  BOOST_TEST((m.totals == Totals::unrounded));
  BOOST_TEST((m.basis == Basis::points));
  BOOST_TEST((m.when_missing == WhenMissing::no_score));
  // Grades are sorted from the best down.
  BOOST_TEST(m.grades.front().name == "Tốt");
  const Criterion& f1 = *m.find("F1");
  BOOST_TEST(f1.unsure);
  BOOST_TEST(f1.rule->count_steps.front().at_least_count == 1.0);
  // F1 inherits both pillars and the free tag; F2 replaces the pillars with its own.
  BOOST_TEST(f1.tags.size() == 3u);
  const Criterion& f2 = *m.find("F2");
  BOOST_TEST((f2.tags == std::vector<Tag>{{"area", "urban"}, {"pillar", "B"}}),
             boost::test_tools::per_element());
  BOOST_TEST(f2.rule->choices.size() == 2u);
  BOOST_TEST(
      (m.tag_values() == std::vector<Tag>{{"pillar", "A"}, {"pillar", "B"}, {"area", "urban"}}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(document_errors) {
  check_error(R"({"format": "other", "format_version": 1, "name": "t", "version": "1"})", "$",
              "format", R"(expected "parmetrics-scorecard")");
  check_error(R"({"format": "parmetrics-scorecard", "format_version": 2})", "$", "format_version",
              "expected 1, got the number 2");
  check_error(doc(R"("indx": "fraction")", leaf(kManual)), "$", "indx",
              "unknown field (expected one of format, format_version, name, version, description, "
              "note, sources, example, levels, max, decimals, index, index_decimals, totals, "
              "basis, when_missing, grades, criteria)");
  check_error(doc(R"("index": "ratio")", leaf(kManual)), "$", "index",
              "'ratio' is not percent or fraction");
  check_error(doc(R"("decimals": 7)", leaf(kManual)), "$", "decimals", "7 is not between 0 and 6");
  check_error(doc(R"("index_decimals": 1.5)", leaf(kManual)), "$", "index_decimals",
              "expected a whole number, got the number 1.5");
  check_error(doc(R"("totals": "exact")", leaf(kManual)), "$", "totals",
              "'exact' is not rounded_items or unrounded");
  check_error(doc(R"("basis": "rank")", leaf(kManual)), "$", "basis",
              "'rank' is not index or points");
  check_error(doc(R"("when_missing": "zero")", leaf(kManual)), "$", "when_missing",
              "'zero' is not empty or no_score");
  check_error(doc(R"("sources": [1])", leaf(kManual)), "$", "sources",
              "expected an array of texts, or of objects of texts (title, url…)");
  check_error(doc(R"("max": 30)", leaf(kManual)), "$", "max",
              "the declared total 30 differs from the sum of the top-level maxima 20");
}

BOOST_AUTO_TEST_CASE(grade_errors) {
  check_error(doc(R"("grades": [[90]])", leaf(kManual)), "$", "grades[0]",
              "expected [at_least, name], a number and a name");
  check_error(doc(R"("grades": {"Tốt": 90})", leaf(kManual)), "$", "grades",
              "expected an array of [at_least, name], got an object");
  check_error(doc(R"("grades": [[90, "Tốt"], [80, "Tốt"]])", leaf(kManual)), "$", "grades[1]",
              "a second grade 'Tốt'");
  check_error(doc(R"("grades": [[90, "Tốt"], [90, "Khá"]])", leaf(kManual)), "$", "grades[1]",
              "a second grade at 90: which one is meant is unknown");
  // A fraction index runs 0–1; a percent one 0–100; points 0 to the total.
  check_error(doc(R"("index": "fraction", "grades": [[1.5, "Tốt"]])", leaf(kManual)), "$",
              "grades[0]", "1.5 is outside [0, 1]");
  check_error(doc(R"("grades": [[101, "Tốt"]])", leaf(kManual)), "$", "grades[0]",
              "101 is outside [0, 100]");
  check_error(doc(R"("basis": "points", "grades": [[25, "Tốt"]])", leaf(kManual)), "$", "grades[0]",
              "25 is outside [0, 20]");
  check_error(doc(R"("grades": [[90, ""]])", leaf(kManual)), "$", "grades[0]",
              "the grade has no name");
}

BOOST_AUTO_TEST_CASE(criterion_errors) {
  check_error(doc("", leaf(kManual, R"(, "pillar": [])")), "$.criteria[0]", "pillar",
              "expected a pillar's name, or a non-empty array of names");
  check_error(doc("", leaf(kManual, R"(, "pillar": 3)")), "$.criteria[0]", "pillar",
              "expected a pillar's name, or a non-empty array of names");
  check_error(doc("", leaf(kManual, R"(, "tags": {"pillar": "A"})")), "$.criteria[0]",
              "tags.pillar",
              "expected a non-empty string under a name other than pillar and source");
  check_error(doc("", leaf(kManual, R"(, "tags": ["A"])")), "$.criteria[0]", "tags",
              "expected an object of tag: value, got an array");
  check_error(doc("", leaf(kManual, R"(, "unsure": 1)")), "$.criteria[0]", "unsure",
              "expected true or false, got the number 1");
  check_error(doc("", leaf(kManual, R"(, "sources": "QĐ")")), "$.criteria[0]", "sources",
              "expected an array of texts, or of objects of texts (title, url…)");
  check_error(doc("", R"({"id": "c", "name": "n", "max": 0.1234567, "rule": {"kind": "manual"}})"),
              "$.criteria[0]", "max", "0.1234567 has more than 6 decimals or is too large");
  check_error(doc("", leaf(kManual, R"(, "chidlren": [])")), "$.criteria[0]", "chidlren",
              "unknown field (expected one of id, name, description, note, sources, max, min, "
              "source, pillar, tags, unsure, rule, children)");
  check_error(doc("", R"({"id": "p", "name": "n", "max": 5, "children": [)" + leaf(kManual) + "]}"),
              "$.criteria[0]", "max",
              "max 5 of 'p' differs from the sum of its children's maxima 20");
}

BOOST_AUTO_TEST_CASE(rule_errors) {
  check_error(doc("", leaf(R"({"kind": "proportional", "metric": "m"})")), "$.criteria[0].rule",
              "kind",
              "unknown rule kind 'proportional' (expected manual, linear, full_at, capped, steps, "
              "count_steps, choice or relative)");
  check_error(doc("", leaf(R"({"kind": "count_steps", "metric": "m", "steps": []})")),
              "$.criteria[0].rule", "steps",
              "expected a non-empty array of [at_least_count, points]");
  check_error(doc("", leaf(R"({"kind": "count_steps", "metric": "m", "steps": [[1, 5, 6]]})")),
              "$.criteria[0].rule", "steps[0]", "expected [at_least_count, points], two numbers");
  check_error(doc("", leaf(R"({"kind": "count_steps", "metric": "m", "steps": [[-1, 5]]})")),
              "$.criteria[0].rule", "steps[0]", "count -1 is negative");
  check_error(
      doc("", leaf(R"({"kind": "count_steps", "metric": "m", "steps": [[2, 5], [2, 10]]})")),
      "$.criteria[0].rule", "steps[1]", "a second step at 2: which points are meant is unknown");
  check_error(doc("", leaf(R"({"kind": "count_steps", "metric": "m", "steps": [[4, 25]]})")),
              "$.criteria[0].rule", "steps[0]", "25 points are outside [0, 20] of 'c'");
  check_error(doc("", leaf(R"({"kind": "choice", "metric": "m", "choices": {}})")),
              "$.criteria[0].rule", "choices",
              "expected an object of answers and their points, not empty");
  check_error(doc("", leaf(R"({"kind": "choice", "metric": "m", "choices": ["a"]})")),
              "$.criteria[0].rule", "choices",
              "expected an object of answers and their points, got an array");
  check_error(doc("", leaf(R"({"kind": "choice", "metric": "m", "choices": {"a": "x"}})")),
              "$.criteria[0].rule", "choices.a", R"(expected a number, got the string "x")");
  check_error(doc("", leaf(R"({"kind": "choice", "metric": "m", "choices": {"a": 21}})")),
              "$.criteria[0].rule", "choices.a", "21 points are outside [0, 20] of 'c'");
  check_error(doc("", leaf(R"({"kind": "choice", "metric": "m", "steps": [[1, 1]]})")),
              "$.criteria[0].rule", "steps",
              "unknown field (expected one of kind, metric, choices, when_empty)");
  check_error(doc("", leaf(R"({"kind": "relative", "metric": "m", "threshold": 50})")),
              "$.criteria[0].rule", "threshold",
              "unknown field (expected one of kind, metric, when_empty)");
  check_error(doc("", leaf(R"({"kind": "relative"})")), "$.criteria[0].rule", "metric",
              "is missing");
}

BOOST_AUTO_TEST_CASE(the_older_par_form_keeps_its_five_rules) {
  // A file without "format" is the older PAR form: its rules are the five it always had.
  check_error(
      R"({"name": "t", "version": "1", "criteria": [)" +
          leaf(R"({"kind": "count_steps", "metric": "m", "steps": [[1, 1]]})") + "]}",
      "$.criteria[0].rule", "kind",
      "unknown rule kind 'count_steps' (expected manual, linear, full_at, capped or steps)");
  check_error(
      R"({"name": "t", "version": "1", "criteria": [)" + leaf(kManual, R"(, "pillar": "A")") + "]}",
      "$.criteria[0]", "pillar",
      "unknown field (expected one of id, name, max, min, source, rule, children, "
      "description)");
}

BOOST_AUTO_TEST_CASE(metric_kinds_are_checked_against_the_rules) {
  MetricTable t;
  t.declare("rate", MetricKind::rate, "r.csv");
  t.declare("count", MetricKind::count, "f.csv");
  t.declare("answer", MetricKind::choice, "f.csv");
  const auto error = [&](const std::string& rule) {
    const Methodology m = parse_methodology(doc("", leaf(rule)), "m.json");
    try {
      check_metrics(m, t);
    } catch (const DataError& e) {
      BOOST_TEST(e.location() == "$.criteria[0].rule");
      BOOST_TEST(e.field() == "metric");
      return e.reason();
    }
    return std::string("accepted");
  };
  BOOST_TEST(error(R"({"kind": "count_steps", "metric": "rate", "steps": [[1, 1]]})") ==
             "metric 'rate' is a rate, a count_steps rule needs a count");
  BOOST_TEST(error(R"({"kind": "choice", "metric": "count", "choices": {"a": 1}})") ==
             "metric 'count' is a count, a choice rule needs an answer (a choice)");
  BOOST_TEST(error(R"({"kind": "relative", "metric": "answer"})") ==
             "metric 'answer' is a choice, a relative rule needs a rate or a count");
  BOOST_TEST(error(R"({"kind": "steps", "metric": "count", "steps": [[1, 1]]})") ==
             "metric 'count' is a count, a steps rule needs a rate");
  BOOST_TEST(error(R"({"kind": "relative", "metric": "count"})") == "accepted");
  BOOST_TEST(error(R"({"kind": "linear", "metric": "none"})") ==
             "unknown metric 'none' (known: answer, count, rate)");
}

BOOST_AUTO_TEST_CASE(methodologies_built_in_code_are_validated) {
  Methodology m =
      parse_methodology(doc(R"("grades": [[80, "Tốt"], [50, "Khá"]])", leaf(kManual)), "m.json");
  std::swap(m.grades[0], m.grades[1]);
  BOOST_CHECK_EXCEPTION(validate(m), DataError, [](const DataError& e) {
    return e.field() == "grades[1]" &&
           e.reason() == "grades are applied from the best down: sort them";
  });
  m = parse_methodology(doc("", leaf(kManual)), "m.json");
  m.criteria[0].rule->kind = RuleKind::capped;
  m.criteria[0].rule->threshold_percent = 120;
  BOOST_CHECK_EXCEPTION(validate(m), DataError, [](const DataError& e) {
    return e.location() == "$.criteria[0].rule" &&
           e.reason() == "120 is outside (0, 100] (a percentage)";
  });
}

BOOST_AUTO_TEST_CASE(the_shipped_dti_methodologies_load) {
  const std::filesystem::path dir = std::filesystem::path(PARMETRICS_DATA_DIR) / "methodologies";
  // QĐ 922 (Bảng I.1): 5 × 100 + 0 (đô thị thông minh, not scored) + 200 + 150 + 150 = 1000.
  const Methodology p922 = load_methodology(dir / "dti-province-qd922-2022.json");
  BOOST_TEST(p922.max() == 1000.0);
  BOOST_TEST(p922.find("6")->informational());
  BOOST_TEST((p922.index == IndexScale::fraction));
  // The foundation counts in the three pillars.
  BOOST_TEST(p922.find("1")->tags.size() == 3u);
  // QĐ 405: 8 main indicators, 1000 points, every maximum unsure.
  const Methodology p405 = load_methodology(dir / "dti-province-qd405-2025.json");
  BOOST_TEST(p405.max() == 1000.0);
  BOOST_TEST(p405.example);
  std::size_t main = 0;
  for (const Criterion& group : p405.criteria) {
    for (const Criterion& c : group.children) {
      ++main;
      BOOST_TEST(c.unsure, c.id);
    }
  }
  BOOST_TEST(main == 8u);
  const Methodology local = load_methodology(dir / "dti-district-commune-example.json");
  BOOST_TEST(local.example);
  BOOST_TEST(local.max() == 100.0);
  // The QĐ 766 portal profile loads through its own loader.
  const Methodology qd766 = load_methodology(dir / "qd766-portal-2025.json");
  BOOST_TEST(qd766.max() == 100.0);
  BOOST_TEST((qd766.basis == Basis::points));
}

BOOST_AUTO_TEST_SUITE_END()
