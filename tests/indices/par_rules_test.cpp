// PAR INDEX rules, one criterion at a time: every rule kind and every when_empty variant, with
// the points worked out by hand from the rule's definition (docs/par-index.md).

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <parmetrics/indices/par_index.hpp>

namespace {

using namespace parmetrics;

ParMethodology methodology(const std::string& criteria) {
  return ParMethodology::parse(
      R"({"name": "test", "version": "1", "criteria": [)" + criteria + "]}", "test.json");
}

// One leaf criterion "c" of max `max` with the given rule.
ParMethodology single(double max, const std::string& rule) {
  return methodology(R"({"id": "c", "name": "criterion", "max": )" + std::to_string(max) +
                     R"(, "rule": )" + rule + "}");
}

MetricTable rate_table(const std::string& metric, double numerator, double denominator) {
  MetricTable t;
  t.declare(metric, MetricKind::rate, "test");
  t.set("U", metric, numerator, denominator);
  return t;
}

const std::vector<ParUnit> kUnit{{"U", "Unit", "commune"}};

ParUnitResult grade(const ParMethodology& m, const MetricTable& t,
                    const ParScores& scores = ParScores()) {
  const ParResult r = score_par(m, kUnit, t, scores);
  BOOST_REQUIRE_EQUAL(r.units.size(), 1u);
  return r.units.front();
}

double points(const ParMethodology& m, const MetricTable& t) {
  return grade(m, t).fields.front().points;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(par_rules)

BOOST_AUTO_TEST_CASE(linear_is_max_times_ratio) {
  const auto m = single(10, R"({"kind": "linear", "metric": "on_time_rate"})");
  // 10 × 45/50 = 10 × 0.9 = 9.
  BOOST_TEST(points(m, rate_table("on_time_rate", 45, 50)) == 9.0);
  // 10 × 2/3 = 6.666… → 6.67 (2 decimals, half up).
  BOOST_TEST(points(m, rate_table("on_time_rate", 2, 3)) == 6.67);
  // 10 × 0/7 = 0; 10 × 7/7 = 10.
  BOOST_TEST(points(m, rate_table("on_time_rate", 0, 7)) == 0.0);
  BOOST_TEST(points(m, rate_table("on_time_rate", 7, 7)) == 10.0);
  const ParUnitResult u = grade(m, rate_table("on_time_rate", 45, 50));
  const ParCriterionResult& c = u.fields.front();
  BOOST_TEST(c.input->numerator == 45.0);
  BOOST_TEST(c.input->denominator == 50.0);
  BOOST_TEST(c.input_given);
  BOOST_TEST(c.explanation == "on_time_rate 45/50 = 90.00% → 10 × 90.00% = 9.00");
}

BOOST_AUTO_TEST_CASE(full_at_needs_the_threshold) {
  const auto m = single(2, R"({"kind": "full_at", "metric": "apology_rate", "threshold": 100})");
  // Every late dossier apologised for (7/7 = 100%): the full 2 points; 6/7 = 85.7%: nothing.
  BOOST_TEST(points(m, rate_table("apology_rate", 7, 7)) == 2.0);
  BOOST_TEST(points(m, rate_table("apology_rate", 6, 7)) == 0.0);
  const auto m95 = single(1.5, R"({"kind": "full_at", "metric": "r", "threshold": 95})");
  // 19/20 = 95% exactly reaches 95% (≥); 94/99 = 94.95% does not.
  BOOST_TEST(points(m95, rate_table("r", 19, 20)) == 1.5);
  BOOST_TEST(points(m95, rate_table("r", 94, 99)) == 0.0);
  // 100 × 57 ≥ 95 × 60 (5700 = 5700): the comparison is exact on the counts.
  BOOST_TEST(points(m95, rate_table("r", 57, 60)) == 1.5);
  // 649/1000 = 64.9% reaches a threshold of 64.9, which is not exact in binary (64.9 × 1000
  // computes as 64900.000000000007); 648/1000 does not.
  const auto m649 = single(1, R"({"kind": "full_at", "metric": "r", "threshold": 64.9})");
  BOOST_TEST(points(m649, rate_table("r", 649, 1000)) == 1.0);
  BOOST_TEST(points(m649, rate_table("r", 648, 1000)) == 0.0);
}

BOOST_AUTO_TEST_CASE(capped_reaches_max_at_the_threshold) {
  const auto m = single(6, R"({"kind": "capped", "metric": "online_rate", "threshold": 50})");
  // min(6, 6 × 30% / 50%) = 6 × 0.6 = 3.6.
  BOOST_TEST(points(m, rate_table("online_rate", 30, 100)) == 3.6);
  // 60% is past the 50% cap: min(6, 7.2) = 6.
  BOOST_TEST(points(m, rate_table("online_rate", 60, 100)) == 6.0);
  // 1/3 = 33.33…%: 6 × (1/3) / 0.5 = 4 exactly.
  BOOST_TEST(points(m, rate_table("online_rate", 1, 3)) == 4.0);
  // Exactly at the threshold: 50/100 → 6 × 0.5 / 0.5 = 6.
  BOOST_TEST(points(m, rate_table("online_rate", 50, 100)) == 6.0);
  const ParUnitResult u = grade(m, rate_table("online_rate", 30, 100));
  BOOST_TEST(u.fields.front().explanation ==
             "online_rate 30/100 = 30.00% → min(6, 6 × 30.00% / 50%) = 3.60");
}

BOOST_AUTO_TEST_CASE(a_step_at_a_decimal_threshold_is_reached_exactly) {
  // 322/1000 = 32.2%: the step "at least 32.2%" applies (32.2 × 1000 is 32200.000000000004 in
  // binary); 321/1000 stays on the step below.
  const auto m = single(3, R"({"kind": "steps", "metric": "r", "steps": [[10, 1], [32.2, 3]]})");
  BOOST_TEST(points(m, rate_table("r", 322, 1000)) == 3.0);
  BOOST_TEST(points(m, rate_table("r", 321, 1000)) == 1.0);
}

BOOST_AUTO_TEST_CASE(steps_give_the_highest_step_reached) {
  const auto m = single(3, R"({"kind": "steps", "metric": "on_time_rate",
                               "steps": [[0, 0], [90, 1], [95, 2], [100, 3]]})");
  BOOST_TEST(points(m, rate_table("on_time_rate", 89, 100)) == 0.0);   // 89% reaches only 0%
  BOOST_TEST(points(m, rate_table("on_time_rate", 90, 100)) == 1.0);   // 90% reaches 90%
  BOOST_TEST(points(m, rate_table("on_time_rate", 19, 20)) == 2.0);    // 95% reaches 95%
  BOOST_TEST(points(m, rate_table("on_time_rate", 199, 200)) == 2.0);  // 99.5% < 100%
  BOOST_TEST(points(m, rate_table("on_time_rate", 50, 50)) == 3.0);    // 100%
  // No step at 0%: a ratio below the first step gives 0.
  const auto high = single(2, R"({"kind": "steps", "metric": "r", "steps": [[50, 1], [80, 2]]})");
  BOOST_TEST(points(high, rate_table("r", 40, 100)) == 0.0);
  BOOST_TEST(grade(high, rate_table("r", 40, 100)).fields.front().explanation ==
             "r 40/100 = 40.00% is below the first step (>= 50%) → 0.00");
  // Points may fall as the rate rises (a rate where lower is better): 2% reaches the 1% step.
  const auto falling = single(8, R"({"kind": "steps", "metric": "feedback_negative_rate",
                                     "steps": [[0, 8], [1, 6], [3, 3], [5, 0]]})");
  BOOST_TEST(points(falling, rate_table("feedback_negative_rate", 2, 100)) == 6.0);
  BOOST_TEST(points(falling, rate_table("feedback_negative_rate", 0, 100)) == 8.0);
  BOOST_TEST(points(falling, rate_table("feedback_negative_rate", 5, 100)) == 0.0);
}

BOOST_AUTO_TEST_CASE(when_empty_variants) {
  // A unit with two criteria: A (max 10) at 8/10 → 8 points, and B (max 5) whose rate is 0/0
  // (no late dossier to apologise for).
  const auto with = [](const std::string& when) {
    return methodology(
        R"({"id": "A", "name": "a", "max": 10, "rule": {"kind": "linear", "metric": "a"}},
           {"id": "B", "name": "b", "max": 5,
            "rule": {"kind": "full_at", "metric": "apology_rate", "threshold": 100)" +
        when + "}}");
  };
  MetricTable t;
  t.declare("a", MetricKind::rate, "test");
  t.declare("apology_rate", MetricKind::rate, "test");
  t.set("U", "a", 8, 10);
  t.set("U", "apology_rate", 0, 0);
  // full: 8 + 5 = 13 of 15 → 86.666…% → 86.67.
  const ParUnitResult full = grade(with(R"(, "when_empty": "full")"), t);
  BOOST_TEST(full.points == 13.0);
  BOOST_TEST(full.max == 15.0);
  BOOST_TEST(*full.index == 86.67);
  // zero: 8 of 15 → 53.333…% → 53.33. Also the default when when_empty is not given.
  const ParUnitResult zero = grade(with(R"(, "when_empty": "zero")"), t);
  BOOST_TEST(zero.points == 8.0);
  BOOST_TEST(zero.max == 15.0);
  BOOST_TEST(*zero.index == 53.33);
  BOOST_TEST(*grade(with(""), t).index == 53.33);
  // not_applicable: B leaves the total: 8 of 10 → 80.00%.
  const ParUnitResult na = grade(with(R"(, "when_empty": "not_applicable")"), t);
  BOOST_TEST(na.points == 8.0);
  BOOST_TEST(na.max == 10.0);
  BOOST_TEST(*na.index == 80.0);
  BOOST_TEST(!na.fields[1].applicable);
  BOOST_TEST(na.fields[1].max == 0.0);
  BOOST_TEST(na.fields[1].explanation ==
             "apology_rate: no event (0/0) → when_empty not_applicable: max 5 left out");
}

BOOST_AUTO_TEST_CASE(a_unit_without_a_value_reads_as_empty) {
  // The metric is declared (another unit has it) but U has no value: 0/0, so when_empty decides.
  const auto m = single(4, R"({"kind": "linear", "metric": "r", "when_empty": "full"})");
  MetricTable t;
  t.declare("r", MetricKind::rate, "test");
  t.set("OTHER", "r", 1, 2);
  const ParCriterionResult c = grade(m, t).fields.front();
  BOOST_TEST(c.points == 4.0);
  BOOST_TEST(!c.input_given);
  BOOST_TEST(c.explanation == "r: no value for the unit (read as 0/0) → when_empty full → 4.00");
}

BOOST_AUTO_TEST_CASE(manual_points_and_deductions) {
  const auto m = methodology(
      R"({"id": "1", "name": "appraised", "max": 3, "rule": {"kind": "manual"}},
         {"id": "2", "name": "deduction", "max": 0, "min": -1, "rule": {"kind": "manual"}},
         {"id": "3", "name": "not for this unit", "max": 2, "rule": {"kind": "manual"}})");
  ParScores scores("scores.csv");
  scores.add({"U", "1", 2.5, "plan adopted late", 2});
  scores.add({"U", "2", -0.25, "one justified complaint", 3});
  scores.add({"U", "3", std::nullopt, "no such office", 4});
  const ParUnitResult u = grade(m, MetricTable(), scores);
  // 2.5 − 0.25 = 2.25 points; max 3 + 0 (criterion 3 not applicable) = 3 → 75.00%.
  BOOST_TEST(u.points == 2.25);
  BOOST_TEST(u.max == 3.0);
  BOOST_TEST(*u.index == 75.0);
  BOOST_TEST(u.fields[0].explanation == "manual: appraised 2.50");
  BOOST_TEST(u.fields[0].note == "plan adopted late");
  BOOST_TEST(u.fields[1].points == -0.25);
  BOOST_TEST(!u.fields[2].applicable);
  BOOST_TEST(u.fields[2].explanation == "manual: n/a in the scores → max 2 left out");
}

BOOST_AUTO_TEST_CASE(a_missing_manual_score_counts_zero_with_a_warning) {
  const auto m = methodology(
      R"({"id": "1", "name": "a", "max": 3, "rule": {"kind": "manual"}},
         {"id": "2", "name": "b", "max": 2, "rule": {"kind": "manual"}})");
  ParScores other("scores.csv");
  other.add({"U", "1", 1, "", 2});
  const ParResult r = score_par(m, kUnit, MetricTable(), other);
  // 1 (criterion 1) + 0 (criterion 2, no score) of 5 → 20.00.
  BOOST_TEST(r.units[0].points == 1.0);
  BOOST_TEST(r.units[0].max == 5.0);
  BOOST_TEST(*r.units[0].index == 20.0);
  BOOST_REQUIRE_EQUAL(r.warnings.size(), 1u);
  BOOST_TEST(r.warnings[0] == "unit U: no score for 1 manual criterion (2): counted as 0");
  // No scores file at all: one warning for every unit.
  const ParResult none = score_par(m, kUnit, MetricTable(), ParScores());
  BOOST_TEST(*none.units[0].index == 0.0);
  BOOST_REQUIRE_EQUAL(none.warnings.size(), 1u);
  BOOST_TEST(none.warnings[0] ==
             "no scores given: the 2 manual criteria (1, 2) count 0 for every unit");
}

BOOST_AUTO_TEST_SUITE_END()
