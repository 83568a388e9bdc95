// SIPAS indices on hand-computed sets: shares, means, weighted scores, no-opinion answers,
// groups by unit, the metrics handed to the PAR INDEX, and the bootstrap's reproducibility.

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/sipas.hpp>

using namespace parmetrics;

namespace {

bool near(double a, double b, double tolerance = 1e-12) {
  return std::abs(a - b) <= tolerance;
}

/// A1, A2 in element A; B1 in B; E1 in E.
SipasQuestionnaire small_questionnaire() {
  SipasQuestionnaire q;
  q.add({"A1", "A", "first access item"});
  q.add({"A2", "A", "second access item"});
  q.add({"B1", "B", "procedure item"});
  q.add({"E1", "E", "feedback item"});
  return q;
}

/// The hand set (0 = no opinion):
///          unit  A1 A2 B1 E1
///   r1     U1    5  3  4  -
///   r2     U1    4  4  5  -
///   r3     U2    2  5  5  -
///   r4     U2    -  1  2  -
SipasResponses hand_set() {
  SipasResponses r(small_questionnaire());
  const struct {
    const char* respondent;
    const char* unit;
    int a1, a2, b1;
  } rows[] = {
      {"r1", "U1", 5, 3, 4}, {"r2", "U1", 4, 4, 5}, {"r3", "U2", 2, 5, 5}, {"r4", "U2", 0, 1, 2}};
  for (const auto& row : rows) {
    r.add(row.respondent, row.unit, "A1", row.a1);
    r.add(row.respondent, row.unit, "A2", row.a2);
    r.add(row.respondent, row.unit, "B1", row.b1);
    r.add(row.respondent, row.unit, "E1", 0);
  }
  return r;
}

SipasOptions no_bootstrap() {
  SipasOptions o;
  o.bootstrap_replicates = 0;
  return o;
}

/// `n` respondents of unit `unit`, ids "<prefix>0000"…; respondent k answers item A1 with 5 when
/// k % 10 < `satisfied_in_10`, else 2, and item B1 with 4 when k % 4 != 0, else 3.
void add_patterned(SipasResponses& r, const std::string& prefix, const std::string& unit, int n,
                   int satisfied_in_10) {
  for (int k = 0; k < n; ++k) {
    char id[16];
    std::snprintf(id, sizeof id, "%04d", k);
    const std::string respondent = prefix + id;
    r.add(respondent, unit, "A1", k % 10 < satisfied_in_10 ? 5 : 2);
    r.add(respondent, unit, "B1", k % 4 != 0 ? 4 : 3);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sipas)

BOOST_AUTO_TEST_CASE(items_elements_overall_by_hand) {
  const SipasResult result = compute_sipas(hand_set(), no_bootstrap());
  BOOST_REQUIRE(result.groups.size() == 1U);
  const SipasGroupResult& g = result.groups[0];
  BOOST_TEST(g.group == "all");
  BOOST_TEST(g.respondents == 4U);
  BOOST_TEST(g.valid_answers == 11U);  // 3 + 4 + 4, E1 all no opinion
  BOOST_TEST(g.no_opinion == 5U);      // r4's A1 and four E1

  const SipasElementResult* a = g.find_element("A");
  const SipasElementResult* b = g.find_element("B");
  const SipasElementResult* e = g.find_element("E");
  BOOST_REQUIRE((a && b && e));

  // A1: answers 5, 4, 2 (r4 no opinion): satisfied 2/3; weighted (100 + 75 + 25)/3 = 66.67.
  const SipasItemResult& a1 = a->items[0];
  BOOST_TEST(a1.respondents == 4U);
  BOOST_TEST(a1.valid_answers == 3U);
  BOOST_TEST(a1.no_opinion == 1U);
  BOOST_TEST(a1.satisfied == 2U);
  BOOST_TEST(near(a1.estimate.satisfied_share, 2.0 / 3.0));
  BOOST_TEST(near(a1.estimate.weighted_score, 200.0 / 3.0));
  BOOST_TEST((a1.counts == std::array<std::uint64_t, 5>{0, 1, 0, 1, 1}));
  // A2: 3, 4, 5, 1: satisfied 2/4; weighted (50 + 75 + 100 + 0)/4 = 56.25.
  const SipasItemResult& a2 = a->items[1];
  BOOST_TEST(near(a2.estimate.satisfied_share, 0.5));
  BOOST_TEST(near(a2.estimate.weighted_score, 56.25));
  // Element A = mean of its items: (2/3 + 1/2)/2 = 7/12; weighted (66.67 + 56.25)/2 = 61.458.
  BOOST_TEST(near(a->estimate.satisfied_share, 7.0 / 12.0));
  BOOST_TEST(near(a->estimate.weighted_score, (200.0 / 3.0 + 56.25) / 2.0));
  BOOST_TEST(a->respondents == 4U);
  BOOST_TEST(a->valid_answers == 7U);
  BOOST_TEST(a->items_used == 2U);
  // B1: 4, 5, 5, 2: 3/4; weighted (75 + 100 + 100 + 25)/4 = 75.
  BOOST_TEST(near(b->estimate.satisfied_share, 0.75));
  BOOST_TEST(near(b->estimate.weighted_score, 75.0));
  // E: no valid answer at all: not available, and left out of the overall mean.
  BOOST_TEST(!e->estimate.available);
  BOOST_TEST(e->items[0].no_opinion == 4U);
  BOOST_TEST(g.elements_used == 2U);
  // Overall = mean of the elements (7/12 + 3/4)/2 = 2/3, not the pooled 7/11.
  BOOST_TEST(near(g.overall.satisfied_share, 2.0 / 3.0));
  BOOST_TEST(near(g.overall.weighted_score, ((200.0 / 3.0 + 56.25) / 2.0 + 75.0) / 2.0));
  // Without a bootstrap the interval collapses onto the value.
  BOOST_TEST(g.overall.ci_low == g.overall.satisfied_share);
  BOOST_TEST(g.overall.ci_high == g.overall.satisfied_share);
}

BOOST_AUTO_TEST_CASE(item_intervals_are_wilson) {
  const SipasResult result = compute_sipas(hand_set(), no_bootstrap());
  const SipasItemResult& a1 = result.groups[0].find_element("A")->items[0];
  const auto ci = wilson_interval(2, 3);
  BOOST_TEST(a1.estimate.ci_low == ci.low);
  BOOST_TEST(a1.estimate.ci_high == ci.high);
  BOOST_TEST(!result.groups[0].find_element("E")->items[0].estimate.available);
}

BOOST_AUTO_TEST_CASE(groups_by_unit) {
  SipasOptions o = no_bootstrap();
  o.by_unit = true;
  const SipasResult result = compute_sipas(hand_set(), o);
  BOOST_REQUIRE(result.groups.size() == 2U);
  BOOST_TEST(result.groups[0].group == "U1");
  BOOST_TEST(result.groups[1].group == "U2");
  // U1 (r1, r2): A1 5,4 → 1; A2 3,4 → 1/2; A = 3/4; B1 4,5 → 1; overall (3/4 + 1)/2 = 7/8.
  const SipasGroupResult& u1 = *result.find("U1");
  BOOST_TEST(near(u1.find_element("A")->estimate.satisfied_share, 0.75));
  BOOST_TEST(near(u1.find_element("B")->estimate.satisfied_share, 1.0));
  BOOST_TEST(near(u1.overall.satisfied_share, 0.875));
  BOOST_TEST(u1.respondents == 2U);
  // U2 (r3, r4): A1 2 and no opinion → 0/1; A2 5,1 → 1/2; A = 1/4; B1 5,2 → 1/2;
  // overall (1/4 + 1/2)/2 = 3/8.
  const SipasGroupResult& u2 = *result.find("U2");
  BOOST_TEST(u2.find_element("A")->items[0].valid_answers == 1U);
  BOOST_TEST(near(u2.find_element("A")->estimate.satisfied_share, 0.25));
  BOOST_TEST(near(u2.overall.satisfied_share, 0.375));
  BOOST_TEST(result.find("U3") == nullptr);
}

BOOST_AUTO_TEST_CASE(metrics_for_the_par_index) {
  SipasOptions o = no_bootstrap();
  o.by_unit = true;
  const SipasResult result = compute_sipas(hand_set(), o);
  const auto m = result.metrics();
  BOOST_REQUIRE(m.count("U1") == 1U);
  BOOST_TEST(near(m.at("U1").at("sipas.overall"), 0.875));
  BOOST_TEST(near(m.at("U1").at("sipas.A"), 0.75));
  BOOST_TEST(near(m.at("U1").at("sipas.B"), 1.0));
  BOOST_TEST(m.at("U1").count("sipas.E") == 0U);  // no valid answer: no metric
  BOOST_TEST(m.at("U1").size() == 3U);
  BOOST_TEST(near(*result.find("U2")->metric("sipas.overall"), 0.375));
  BOOST_TEST(!result.find("U2")->metric("sipas.E"));
  BOOST_TEST(!result.find("U2")->metric("sipas.Z"));
  BOOST_TEST(!result.find("U2")->metric("overall"));
}

BOOST_AUTO_TEST_CASE(no_opinion_answers_are_excluded) {
  // Adding no-opinion answers changes counts, never the shares.
  SipasResponses with(small_questionnaire());
  SipasResponses without(small_questionnaire());
  for (auto* r : {&with, &without}) {
    r->add("p1", "U", "A1", 5);
    r->add("p2", "U", "A1", 2);
    r->add("p1", "U", "B1", 4);
  }
  with.add("p3", "U", "A1", 0);
  with.add("p3", "U", "B1", 0);
  with.add("p1", "U", "A2", 0);
  const auto a = compute_sipas(with, no_bootstrap()).groups[0];
  const auto b = compute_sipas(without, no_bootstrap()).groups[0];
  BOOST_TEST(a.overall.satisfied_share == b.overall.satisfied_share);
  BOOST_TEST(near(a.overall.satisfied_share, (0.5 + 1.0) / 2.0));
  BOOST_TEST(a.respondents == 2U);  // p3 gave no valid answer
  BOOST_TEST(a.no_opinion == 3U);
  BOOST_TEST(a.find_element("A")->items[0].respondents == 3U);
  BOOST_TEST(a.find_element("A")->items[0].valid_answers == 2U);
  BOOST_TEST(!a.find_element("A")->items[1].estimate.available);
  BOOST_TEST(a.find_element("A")->items_used == 1U);
}

BOOST_AUTO_TEST_CASE(a_unit_without_valid_answers_is_listed_unavailable) {
  SipasResponses r(small_questionnaire());
  r.add("p1", "U1", "A1", 4);
  r.add("p2", "U2", "A1", 0);
  SipasOptions o;
  o.by_unit = true;
  o.bootstrap_replicates = 50;
  const auto result = compute_sipas(r, o);
  BOOST_REQUIRE(result.groups.size() == 2U);
  BOOST_TEST(!result.find("U2")->overall.available);
  BOOST_TEST(result.find("U2")->respondents == 0U);
  BOOST_TEST(result.metrics().at("U2").empty());
  // One respondent: every replicate draws the same one, the interval is the point.
  const auto& u1 = *result.find("U1");
  BOOST_TEST(u1.overall.ci_low == 1.0);
  BOOST_TEST(u1.overall.ci_high == 1.0);
}

BOOST_AUTO_TEST_CASE(bootstrap_is_reproducible_and_seeded) {
  SipasResponses r(small_questionnaire());
  add_patterned(r, "p", "U", 200, 7);
  SipasOptions o;
  o.bootstrap_replicates = 1000;
  o.seed = 7;
  const auto a = compute_sipas(r, o).groups[0];
  const auto b = compute_sipas(r, o).groups[0];
  BOOST_TEST(a.overall.ci_low == b.overall.ci_low);
  BOOST_TEST(a.overall.ci_high == b.overall.ci_high);
  BOOST_TEST(a.find_element("A")->estimate.ci_low == b.find_element("A")->estimate.ci_low);
  o.seed = 8;
  const auto c = compute_sipas(r, o).groups[0];
  BOOST_TEST((c.overall.ci_low != a.overall.ci_low || c.overall.ci_high != a.overall.ci_high));
  BOOST_TEST(c.overall.satisfied_share == a.overall.satisfied_share);
}

BOOST_AUTO_TEST_CASE(bootstrap_interval_is_sane) {
  // 200 respondents, A1 satisfied 70%: the percentile bootstrap of a proportion approximates the
  // normal interval p ± 1.96 √(p(1-p)/n) = 0.70 ± 0.0635 (Efron & Tibshirani 1993, ch. 13);
  // allow 0.008: the Monte Carlo error of 2000 replicates (about 0.002) and the steps of a share
  // of 200 (0.005), while a 90 % interval (half-width 0.053) would be 0.010 off.
  SipasResponses r(small_questionnaire());
  add_patterned(r, "p", "U", 200, 7);
  const auto g = compute_sipas(r).groups[0];
  const SipasEstimate& a = g.find_element("A")->estimate;
  BOOST_TEST(near(a.satisfied_share, 0.7));
  BOOST_TEST(a.ci_low < a.satisfied_share);
  BOOST_TEST(a.ci_high > a.satisfied_share);
  const double half = 1.959963984540054 * std::sqrt(0.7 * 0.3 / 200.0);
  BOOST_TEST(std::abs(a.ci_low - (0.7 - half)) < 0.008);
  BOOST_TEST(std::abs(a.ci_high - (0.7 + half)) < 0.008);
  // B1 satisfied 3/4; overall (0.7 + 0.75)/2 = 0.725, inside its interval, which is narrower
  // than A's (it averages two shares).
  BOOST_TEST(near(g.overall.satisfied_share, 0.725));
  BOOST_TEST(g.overall.ci_low < 0.725);
  BOOST_TEST(g.overall.ci_high > 0.725);
  BOOST_TEST(g.overall.ci_high - g.overall.ci_low < a.ci_high - a.ci_low);
  BOOST_TEST(g.undefined_replicates == 0U);
}

BOOST_AUTO_TEST_CASE(bootstrap_does_not_depend_on_record_order_threads_or_other_units) {
  SipasResponses mixed(small_questionnaire());
  add_patterned(mixed, "x", "U1", 60, 6);
  add_patterned(mixed, "y", "U2", 80, 9);
  // The same U1 answers alone, added in reverse order.
  SipasResponses alone(small_questionnaire());
  for (int k = 59; k >= 0; --k) {
    char id[16];
    std::snprintf(id, sizeof id, "x%04d", k);
    alone.add(id, "U1", "B1", k % 4 != 0 ? 4 : 3);
    alone.add(id, "U1", "A1", k % 10 < 6 ? 5 : 2);
  }
  SipasOptions o;
  o.by_unit = true;
  o.bootstrap_replicates = 500;
  o.threads = 1;
  const auto one_thread = compute_sipas(mixed, o);
  o.threads = 2;
  const auto two_threads = compute_sipas(mixed, o);
  const auto single = compute_sipas(alone, o);
  const auto& u1 = *one_thread.find("U1");
  BOOST_TEST(u1.overall.ci_low == two_threads.find("U1")->overall.ci_low);
  BOOST_TEST(one_thread.find("U2")->overall.ci_high == two_threads.find("U2")->overall.ci_high);
  BOOST_TEST(u1.overall.ci_low == single.find("U1")->overall.ci_low);
  BOOST_TEST(u1.overall.ci_high == single.find("U1")->overall.ci_high);
}

BOOST_AUTO_TEST_CASE(add_rejects_bad_answers) {
  SipasResponses r(small_questionnaire());
  r.add("p1", "U1", "A1", 4);
  BOOST_CHECK_THROW(r.add("p1", "U1", "A1", 5), parmetrics::ArgumentError);  // duplicate
  BOOST_CHECK_THROW(r.add("p1", "U2", "A2", 5), parmetrics::ArgumentError);  // second unit
  BOOST_CHECK_THROW(r.add("p2", "U1", "Z9", 5), parmetrics::ArgumentError);  // unknown item
  BOOST_CHECK_THROW(r.add("p2", "U1", "A1", 6), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(r.add("p2", "U1", "A1", -1), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(r.add("", "U1", "A1", 3), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(r.add("p2", "", "A1", 3), parmetrics::ArgumentError);
  // Nothing of the rejected answers was kept.
  BOOST_TEST(r.answers().size() == 1U);
  BOOST_TEST(r.respondents().size() == 1U);
  BOOST_TEST(r.units().size() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
