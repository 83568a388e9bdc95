// The QĐ 766 service index scored from counts: each rule, zero denominators, the cap boundaries,
// rounding at .xx5, group and total sums, the losses list, ranking and grades. Every expected
// value is worked out by hand from the rule (primer §6 and data/methodologies/
// qd766-portal-2025.json), with the reasoning next to it.

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/indices/service_index_output.hpp>

using namespace parmetrics;

namespace {

const ServiceIndexMethodology& portal() {
  return qd766_portal_methodology();
}

// A unit whose items are all [0, 0] except those given.
UnitCounts counts(std::initializer_list<std::pair<const char*, ItemCounts>> given,
                  std::string unit = "U1", std::string level = "commune") {
  UnitCounts c;
  c.unit = std::move(unit);
  c.level = std::move(level);
  for (const auto& g : portal().groups) {
    for (const auto& i : g.items) c.items[i.code] = {0, 0};
  }
  for (const auto& [code, value] : given) c.items[code] = value;
  return c;
}

const ItemScore& item(const UnitScore& u, std::string_view code) {
  for (const auto& i : u.items) {
    if (i.code == code) return i;
  }
  BOOST_FAIL("no item " << code);
  return u.items.front();
}

const GroupScore& group(const UnitScore& u, std::string_view code) {
  for (const auto& g : u.groups) {
    if (g.code == code) return g;
  }
  BOOST_FAIL("no group " << code);
  return u.groups.front();
}

std::string shown(const UnitScore& u, std::string_view code) {
  return item(u, code).score_shown.to_string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service_index)

BOOST_AUTO_TEST_CASE(portal_profile_has_the_issue_codes_and_maxima) {
  // Primer §6: six groups 18/20/12/10/18/22 = 100, 21 items with the issue's codes.
  const auto& m = portal();
  BOOST_TEST(m.decimals == 2);
  // Group scores add the shown item scores, as the portal's do (docs/index766.md).
  BOOST_TEST((m.totals == TotalsRule::rounded_items));
  BOOST_TEST(m.total == 100.0);
  BOOST_TEST(m.grades.empty());
  const std::vector<std::pair<std::string, double>> groups = {
      {"transparency", 18}, {"progress", 20},     {"online", 12},
      {"payment", 10},      {"satisfaction", 18}, {"digitisation", 22}};
  BOOST_TEST_REQUIRE(m.groups.size() == groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    BOOST_TEST(m.groups[g].code == groups[g].first);
    BOOST_TEST(m.groups[g].max == groups[g].second);
  }
  struct Expected {
    const char* code;
    double max;
    ItemRule rule;
    double threshold;
    ZeroDenominator zero;
  };
  const auto L = ItemRule::linear;
  const auto C = ItemRule::capped;
  const auto Z = ZeroDenominator::zero;
  const auto F = ZeroDenominator::full;
  const Expected items[] = {
      {"PUBLISH_ON_TIME", 6, L, 1, Z},
      {"PUBLIC_UPDATE_ON_TIME", 4, L, 1, Z},
      {"PUBLIC_CONTENT_FULL", 2, L, 1, Z},
      {"DOSSIER_SYNC", 6, L, 1, Z},
      {"PROGRESS_ON_TIME", 20, L, 1, Z},
      {"ONLINE_PROCEDURES", 2, C, 0.8, Z},
      {"ONLINE_SERVICES_WITH_DOSSIER", 4, L, 1, Z},
      {"ONLINE_DOSSIERS", 6, C, 0.5, Z},
      {"PAYMENT_ONLINE_DOSSIERS", 6, L, 1, Z},
      {"PAYMENT_FEE_PROCEDURES_ONLINE", 2, C, 0.8, Z},
      {"PAYMENT_FEE_PROCEDURES_SYNCED", 2, C, 0.8, Z},
      {"PETITION_PROCESSING_ON_TIME", 6, L, 1, F},
      {"PETITION_HANDLING_SATISFACTION", 6, L, 1, F},
      {"DOSSIER_RECEIVING_SATISFACTION", 6, C, 0.9, Z},
      {"ORIGINAL_RESULT_AVAILABLE", 6, L, 1, Z},
      {"SO_HOA_GIAY_TO_GIAI_QUYET", 4, L, 1, Z},
      {"REUSED_DIGITIZED_DATA", 2, C, 0.8, Z},
      {"SYNCED_WITH_DVCQG_PERSONAL_STORAGE", 4, L, 1, Z},
      {"CITIZEN_DATA_CONNECTED_DOSSIER", 2, L, 1, Z},
      {"CITIZEN_DATA_CONNECTED_FORMALITY", 2, L, 1, Z},
      {"ELECTRONIC_CERTIFIED_COPY", 2, L, 1, Z},
  };
  BOOST_TEST(m.item_count() == std::size(items));
  std::size_t k = 0;
  for (const auto& g : m.groups) {
    for (const auto& i : g.items) {
      BOOST_TEST_REQUIRE(k < std::size(items));
      BOOST_TEST(i.code == items[k].code);
      BOOST_TEST(i.max == items[k].max);
      BOOST_TEST((i.rule == items[k].rule));
      BOOST_TEST(i.threshold == items[k].threshold);
      BOOST_TEST((i.zero_denominator == items[k].zero));
      BOOST_TEST(!i.name.empty());
      ++k;
    }
  }
}

BOOST_AUTO_TEST_CASE(linear_rule) {
  // PROGRESS_ON_TIME, max 20: 45 of 60 = 75 % → 20 × 0.75 = 15.00, 5.00 lost.
  // PUBLISH_ON_TIME, max 6: 1 of 3 → 6/3 = 2.00 (exact although 1/3 is not).
  // DOSSIER_SYNC, max 6: 5 of 7 = 71.428571… % → 30/7 = 4.285714… → 4.29; ratio 71.43 %.
  const UnitScore u = score_unit(portal(), counts({{"PROGRESS_ON_TIME", {45, 60}},
                                                   {"PUBLISH_ON_TIME", {1, 3}},
                                                   {"DOSSIER_SYNC", {5, 7}}}));
  const ItemScore& p = item(u, "PROGRESS_ON_TIME");
  BOOST_TEST(p.numerator == 45u);
  BOOST_TEST(p.denominator == 60u);
  BOOST_TEST(p.ratio_percent->to_string() == "75.00");
  BOOST_TEST(p.score_shown.to_string() == "15.00");
  BOOST_TEST(p.max_shown.to_string() == "20.00");
  BOOST_TEST(p.lost_shown.to_string() == "5.00");
  BOOST_TEST(p.score == 15.0);
  BOOST_TEST(!p.by_zero_denominator);
  BOOST_TEST(shown(u, "PUBLISH_ON_TIME") == "2.00");
  BOOST_TEST(item(u, "PUBLISH_ON_TIME").ratio_percent->to_string() == "33.33");
  BOOST_TEST(shown(u, "DOSSIER_SYNC") == "4.29");
  BOOST_TEST(item(u, "DOSSIER_SYNC").ratio_percent->to_string() == "71.43");
  // Lost is shown as shown max − shown score, so that the row adds up: 6.00 − 4.29 = 1.71.
  BOOST_TEST(item(u, "DOSSIER_SYNC").lost_shown.to_string() == "1.71");
}

BOOST_AUTO_TEST_CASE(capped_rule_boundaries) {
  // ONLINE_DOSSIERS, max 6, full points from 50 %: 50 of 100 is exactly the threshold → 6.00;
  // 49 of 100 → 6 × 0.49 / 0.5 = 5.88; 99 of 200 (49.5 %) → 5.94; 3 of 4 (75 %) → capped at 6.
  BOOST_TEST(shown(score_unit(portal(), counts({{"ONLINE_DOSSIERS", {50, 100}}})),
                   "ONLINE_DOSSIERS") == "6.00");
  BOOST_TEST(shown(score_unit(portal(), counts({{"ONLINE_DOSSIERS", {49, 100}}})),
                   "ONLINE_DOSSIERS") == "5.88");
  BOOST_TEST(shown(score_unit(portal(), counts({{"ONLINE_DOSSIERS", {99, 200}}})),
                   "ONLINE_DOSSIERS") == "5.94");
  BOOST_TEST(shown(score_unit(portal(), counts({{"ONLINE_DOSSIERS", {3, 4}}})),
                   "ONLINE_DOSSIERS") == "6.00");
  // ONLINE_PROCEDURES, max 2, full from 80 %: 4 of 5 = exactly 80 % → 2.00 (in binary,
  // 4/5 = 0.8000000000000000444 and 0.8 the same double, but 2 × 0.8 / 0.8 need not be 2);
  // 399 of 500 = 79.8 % → 2 × 0.798 / 0.8 = 1.995 → rounds half up to 2.00 but is not full:
  // 0.005 is lost (shown 0.00 since the row shows 2.00 − 2.00).
  const UnitScore a = score_unit(portal(), counts({{"ONLINE_PROCEDURES", {4, 5}}}));
  BOOST_TEST(shown(a, "ONLINE_PROCEDURES") == "2.00");
  BOOST_TEST(item(a, "ONLINE_PROCEDURES").lost == 0.0);
  const UnitScore b = score_unit(portal(), counts({{"ONLINE_PROCEDURES", {399, 500}}}));
  BOOST_TEST(shown(b, "ONLINE_PROCEDURES") == "2.00");
  BOOST_TEST(item(b, "ONLINE_PROCEDURES").lost > 0.0);
  // Fee items, max 2, full from 80 %: 8 of 10 → 2.00; 7 of 10 → 2 × 0.7 / 0.8 = 1.75.
  const UnitScore f = score_unit(portal(), counts({{"PAYMENT_FEE_PROCEDURES_ONLINE", {8, 10}},
                                                   {"PAYMENT_FEE_PROCEDURES_SYNCED", {7, 10}}}));
  BOOST_TEST(shown(f, "PAYMENT_FEE_PROCEDURES_ONLINE") == "2.00");
  BOOST_TEST(shown(f, "PAYMENT_FEE_PROCEDURES_SYNCED") == "1.75");
  // DOSSIER_RECEIVING_SATISFACTION, max 6, full from 90 %: 9 of 10 → 6.00; 89 of 100 →
  // 6 × 0.89 / 0.9 = 5.9333… → 5.93; 899 of 1000 → 5.99333… → 5.99.
  BOOST_TEST(shown(score_unit(portal(), counts({{"DOSSIER_RECEIVING_SATISFACTION", {9, 10}}})),
                   "DOSSIER_RECEIVING_SATISFACTION") == "6.00");
  BOOST_TEST(shown(score_unit(portal(), counts({{"DOSSIER_RECEIVING_SATISFACTION", {89, 100}}})),
                   "DOSSIER_RECEIVING_SATISFACTION") == "5.93");
  BOOST_TEST(shown(score_unit(portal(), counts({{"DOSSIER_RECEIVING_SATISFACTION", {899, 1000}}})),
                   "DOSSIER_RECEIVING_SATISFACTION") == "5.99");
  // REUSED_DIGITIZED_DATA, max 2, full from 80 %: 1 of 5 = 20 % → 2 × 0.2 / 0.8 = 0.50.
  BOOST_TEST(shown(score_unit(portal(), counts({{"REUSED_DIGITIZED_DATA", {1, 5}}})),
                   "REUSED_DIGITIZED_DATA") == "0.50");
}

BOOST_AUTO_TEST_CASE(zero_denominators) {
  // All items [0, 0]: only the two feedback items score, with full points (no feedback received
  // means none was handled late or badly): 6 + 6 = 12; everything else 0, DOSSIER_RECEIVING_
  // SATISFACTION included (no dossier → 0). Ratios are n/a.
  const UnitScore u = score_unit(portal(), counts({}));
  BOOST_TEST(shown(u, "PETITION_PROCESSING_ON_TIME") == "6.00");
  BOOST_TEST(shown(u, "PETITION_HANDLING_SATISFACTION") == "6.00");
  BOOST_TEST(shown(u, "DOSSIER_RECEIVING_SATISFACTION") == "0.00");
  BOOST_TEST(shown(u, "PUBLISH_ON_TIME") == "0.00");
  BOOST_TEST(shown(u, "ONLINE_DOSSIERS") == "0.00");
  for (const auto& i : u.items) {
    BOOST_TEST(i.by_zero_denominator);
    BOOST_TEST(!i.ratio);
    BOOST_TEST(!i.ratio_percent);
  }
  BOOST_TEST(group(u, "satisfaction").score_shown.to_string() == "12.00");
  BOOST_TEST(u.total_shown.to_string() == "12.00");
  // Feedback received and all of it handled late and found unsatisfying: 0 of 3 → 0 points:
  // the full points are for having nothing to count, not for bad counts.
  const UnitScore v = score_unit(portal(), counts({{"PETITION_PROCESSING_ON_TIME", {0, 3}},
                                                   {"PETITION_HANDLING_SATISFACTION", {0, 3}}}));
  BOOST_TEST(shown(v, "PETITION_PROCESSING_ON_TIME") == "0.00");
  BOOST_TEST(shown(v, "PETITION_HANDLING_SATISFACTION") == "0.00");
  BOOST_TEST(item(v, "PETITION_PROCESSING_ON_TIME").ratio_percent->to_string() == "0.00");
}

BOOST_AUTO_TEST_CASE(rounding_half_away_from_zero_at_xx5) {
  // DOSSIER_SYNC, max 6: 67 of 400 → 6 × 67 / 400 = 402/400 = 1.005 exactly → 1.01. In binary
  // floating point 6 × 67 / 400 is 1.00499999999999989…, which rounds to 1.00.
  const UnitScore a = score_unit(portal(), counts({{"DOSSIER_SYNC", {67, 400}}}));
  BOOST_TEST(shown(a, "DOSSIER_SYNC") == "1.01");
  BOOST_TEST(item(a, "DOSSIER_SYNC").lost_shown.to_string() == "4.99");
  // ONLINE_PROCEDURES, max 2, capped at 80 %: 79 of 100 → 2 × 0.79 / 0.8 = 1.975 exactly →
  // 1.98 (the double 2 × 0.79 / 0.8 is 1.97499999999999997…).
  BOOST_TEST(shown(score_unit(portal(), counts({{"ONLINE_PROCEDURES", {79, 100}}})),
                   "ONLINE_PROCEDURES") == "1.98");
  // PROGRESS_ON_TIME, max 20: 401 of 800 → 20 × 401/800 = 10.025 → 10.03.
  BOOST_TEST(shown(score_unit(portal(), counts({{"PROGRESS_ON_TIME", {401, 800}}})),
                   "PROGRESS_ON_TIME") == "10.03");
  // Ratios too: 1 of 8 = 12.5 % exactly; 1 of 16 = 6.25 %; 1 of 1600 = 0.0625 % → 0.06;
  // 3 of 400 = 0.75 %; 1 of 2000 = 0.05 %; 1 of 4000 = 0.025 % → 0.03.
  const UnitScore r = score_unit(portal(), counts({{"PUBLISH_ON_TIME", {1, 8}},
                                                   {"PUBLIC_UPDATE_ON_TIME", {1, 1600}},
                                                   {"PUBLIC_CONTENT_FULL", {1, 4000}}}));
  BOOST_TEST(item(r, "PUBLISH_ON_TIME").ratio_percent->to_string() == "12.50");
  BOOST_TEST(item(r, "PUBLIC_UPDATE_ON_TIME").ratio_percent->to_string() == "0.06");
  BOOST_TEST(item(r, "PUBLIC_CONTENT_FULL").ratio_percent->to_string() == "0.03");
  // PUBLISH_ON_TIME 6 × 1/8 = 0.75; PUBLIC_UPDATE_ON_TIME 4/1600 = 0.0025 → 0.00 (half up
  // would need 0.005); PUBLIC_CONTENT_FULL 2/4000 = 0.0005 → 0.00.
  BOOST_TEST(shown(r, "PUBLISH_ON_TIME") == "0.75");
  BOOST_TEST(shown(r, "PUBLIC_UPDATE_ON_TIME") == "0.00");
}

BOOST_AUTO_TEST_CASE(groups_and_total_add_unrounded_item_scores) {
  // The default rule (TotalsRule::unrounded), on a copy of the portal profile.
  ServiceIndexMethodology m = portal();
  m.totals = TotalsRule::unrounded;
  // PUBLISH_ON_TIME 251 of 1500 → 6 × 251/1500 = 1.004 (shown 1.00); PUBLIC_CONTENT_FULL 251 of
  // 500 → 2 × 0.502 = 1.004 (shown 1.00). Transparency = 2.008 → 2.01, not 1.00 + 1.00.
  const UnitScore a = score_unit(
      m, counts({{"PUBLISH_ON_TIME", {251, 1500}}, {"PUBLIC_CONTENT_FULL", {251, 500}}}));
  BOOST_TEST(shown(a, "PUBLISH_ON_TIME") == "1.00");
  BOOST_TEST(shown(a, "PUBLIC_CONTENT_FULL") == "1.00");
  BOOST_TEST(group(a, "transparency").score_shown.to_string() == "2.01");
  BOOST_TEST(group(a, "transparency").lost_shown.to_string() == "15.99");
  // Total = 2.008 + the two feedback items' 12 = 14.008 → 14.01.
  BOOST_TEST(a.total_shown.to_string() == "14.01");
  // A tie made of repeating decimals: PUBLISH_ON_TIME 1 of 9 → 6/9 = 2/3; PUBLIC_UPDATE_ON_TIME
  // 203 of 2400 → 4 × 203/2400 = 203/600. 2/3 + 203/600 = 400/600 + 203/600 = 603/600 = 1.005
  // exactly → 1.01 (the items show 0.67 and 0.34).
  const UnitScore b =
      score_unit(m, counts({{"PUBLISH_ON_TIME", {1, 9}}, {"PUBLIC_UPDATE_ON_TIME", {203, 2400}}}));
  BOOST_TEST(shown(b, "PUBLISH_ON_TIME") == "0.67");
  BOOST_TEST(shown(b, "PUBLIC_UPDATE_ON_TIME") == "0.34");
  BOOST_TEST(group(b, "transparency").score_shown.to_string() == "1.01");
  BOOST_TEST(b.total_shown.to_string() == "13.01");  // 1.005 + 12 = 13.005 → 13.01
  // 1/3 + 1/3 + 1/3 in thirds of a point: PUBLISH_ON_TIME 1 of 18 → 6/18 = 1/3;
  // PUBLIC_UPDATE_ON_TIME 1 of 12 → 4/12 = 1/3; PUBLIC_CONTENT_FULL 1 of 6 → 2/6 = 1/3. The exact
  // sum is 1 → 1.00 (three shown 0.33 would make 0.99).
  const UnitScore c = score_unit(m, counts({{"PUBLISH_ON_TIME", {1, 18}},
                                            {"PUBLIC_UPDATE_ON_TIME", {1, 12}},
                                            {"PUBLIC_CONTENT_FULL", {1, 6}}}));
  BOOST_TEST(group(c, "transparency").score_shown.to_string() == "1.00");
}

BOOST_AUTO_TEST_CASE(portal_groups_add_shown_item_scores) {
  // The portal profile (TotalsRule::rounded_items): the same three cases.
  // 1.00 + 1.00 = 2.00 (not 2.01); total 2.00 + 6.00 + 6.00 = 14.00.
  const UnitScore a = score_unit(
      portal(), counts({{"PUBLISH_ON_TIME", {251, 1500}}, {"PUBLIC_CONTENT_FULL", {251, 500}}}));
  BOOST_TEST(group(a, "transparency").score_shown.to_string() == "2.00");
  BOOST_TEST(group(a, "transparency").lost_shown.to_string() == "16.00");
  BOOST_TEST(a.total_shown.to_string() == "14.00");
  // 0.67 + 0.34 = 1.01 (here both rules agree).
  const UnitScore b = score_unit(
      portal(), counts({{"PUBLISH_ON_TIME", {1, 9}}, {"PUBLIC_UPDATE_ON_TIME", {203, 2400}}}));
  BOOST_TEST(group(b, "transparency").score_shown.to_string() == "1.01");
  // 0.33 + 0.33 + 0.33 = 0.99.
  const UnitScore c = score_unit(portal(), counts({{"PUBLISH_ON_TIME", {1, 18}},
                                                   {"PUBLIC_UPDATE_ON_TIME", {1, 12}},
                                                   {"PUBLIC_CONTENT_FULL", {1, 6}}}));
  BOOST_TEST(group(c, "transparency").score_shown.to_string() == "0.99");
  BOOST_TEST(c.total_shown.to_string() == "12.99");
}

BOOST_AUTO_TEST_CASE(whole_unit_by_hand) {
  // A commune with every item counted; each line: counts → ratio → points.
  const UnitScore u = score_unit(
      portal(), counts({
                    {"PUBLISH_ON_TIME", {9, 10}},       // 90 % × 6 = 5.4
                    {"PUBLIC_UPDATE_ON_TIME", {3, 4}},  // 75 % × 4 = 3
                    {"PUBLIC_CONTENT_FULL", {10, 10}},  // 100 % × 2 = 2
                    {"DOSSIER_SYNC", {190, 200}},       // 95 % × 6 = 5.7   → transparency 16.1
                    {"PROGRESS_ON_TIME", {180, 200}},   // 90 % × 20 = 18   → progress 18
                    {"ONLINE_PROCEDURES", {60, 100}},   // 60 % < 80 %: 2 × 0.6/0.8 = 1.5
                    {"ONLINE_SERVICES_WITH_DOSSIER", {12, 60}},  // 20 % × 4 = 0.8
                    {"ONLINE_DOSSIERS", {80, 200}},  // 40 % < 50 %: 6 × 0.4/0.5 = 4.8 → online 7.1
                    {"PAYMENT_ONLINE_DOSSIERS", {30, 120}},       // 25 % × 6 = 1.5
                    {"PAYMENT_FEE_PROCEDURES_ONLINE", {20, 25}},  // 80 % = cap → 2
                    {"PAYMENT_FEE_PROCEDURES_SYNCED", {10, 25}},  // 40 %: 2 × 0.4/0.8 = 1 → 4.5
                    // PETITION_* [0, 0]: no feedback → 6 + 6
                    {"DOSSIER_RECEIVING_SATISFACTION", {170, 200}},  // 85 %: 6 × .85/.9 = 5.666…
                    {"ORIGINAL_RESULT_AVAILABLE", {100, 200}},       // 50 % × 6 = 3
                    {"SO_HOA_GIAY_TO_GIAI_QUYET", {50, 200}},        // 25 % × 4 = 1
                    {"REUSED_DIGITIZED_DATA", {40, 200}},            // 20 %: 2 × 0.2/0.8 = 0.5
                    {"SYNCED_WITH_DVCQG_PERSONAL_STORAGE", {20, 200}},  // 10 % × 4 = 0.4
                    {"CITIZEN_DATA_CONNECTED_DOSSIER", {150, 200}},     // 75 % × 2 = 1.5
                    {"CITIZEN_DATA_CONNECTED_FORMALITY", {5, 40}},      // 12.5 % × 2 = 0.25
                    {"ELECTRONIC_CERTIFIED_COPY", {1, 1}},              // 100 % × 2 = 2
                }));
  BOOST_TEST(group(u, "transparency").score_shown.to_string() == "16.10");
  BOOST_TEST(group(u, "progress").score_shown.to_string() == "18.00");
  BOOST_TEST(group(u, "online").score_shown.to_string() == "7.10");
  BOOST_TEST(group(u, "payment").score_shown.to_string() == "4.50");
  // 6 + 6 + 5.666… = 17.666… → 17.67
  BOOST_TEST(group(u, "satisfaction").score_shown.to_string() == "17.67");
  // 3 + 1 + 0.5 + 0.4 + 1.5 + 0.25 + 2 = 8.65
  BOOST_TEST(group(u, "digitisation").score_shown.to_string() == "8.65");
  // 16.1 + 18 + 7.1 + 4.5 + 17.666… + 8.65 = 72.01666… → 72.02
  BOOST_TEST(u.total_shown.to_string() == "72.02");
  BOOST_TEST(shown(u, "DOSSIER_RECEIVING_SATISFACTION") == "5.67");
  // Points lost, largest first; equal losses in the methodology's order:
  // PAYMENT_ONLINE_DOSSIERS 6 − 1.5 = 4.5; SYNCED_WITH_DVCQG_PERSONAL_STORAGE 4 − 0.4 = 3.6;
  // ONLINE_SERVICES_WITH_DOSSIER 4 − 0.8 = 3.2; ORIGINAL_RESULT_AVAILABLE 3 and
  // SO_HOA_GIAY_TO_GIAI_QUYET 3; PROGRESS_ON_TIME 2; CITIZEN_DATA_CONNECTED_FORMALITY 1.75;
  // REUSED_DIGITIZED_DATA 1.5; ONLINE_DOSSIERS 1.2; PUBLIC_UPDATE_ON_TIME 1 and
  // PAYMENT_FEE_PROCEDURES_SYNCED 1; PUBLISH_ON_TIME 0.6; ONLINE_PROCEDURES 0.5 and
  // CITIZEN_DATA_CONNECTED_DOSSIER 0.5; DOSSIER_RECEIVING_SATISFACTION 0.333…; DOSSIER_SYNC 0.3.
  const std::vector<std::string> expected = {"PAYMENT_ONLINE_DOSSIERS",
                                             "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
                                             "ONLINE_SERVICES_WITH_DOSSIER",
                                             "ORIGINAL_RESULT_AVAILABLE",
                                             "SO_HOA_GIAY_TO_GIAI_QUYET",
                                             "PROGRESS_ON_TIME",
                                             "CITIZEN_DATA_CONNECTED_FORMALITY",
                                             "REUSED_DIGITIZED_DATA",
                                             "ONLINE_DOSSIERS",
                                             "PUBLIC_UPDATE_ON_TIME",
                                             "PAYMENT_FEE_PROCEDURES_SYNCED",
                                             "PUBLISH_ON_TIME",
                                             "ONLINE_PROCEDURES",
                                             "CITIZEN_DATA_CONNECTED_DOSSIER",
                                             "DOSSIER_RECEIVING_SATISFACTION",
                                             "DOSSIER_SYNC"};
  std::vector<std::string> got;
  for (std::size_t k : u.losses) got.push_back(u.items[k].code);
  BOOST_TEST(got == expected, boost::test_tools::per_element());
  BOOST_TEST(u.items[u.losses.front()].lost_shown.to_string() == "4.50");
  BOOST_TEST(u.items[u.losses.back()].lost_shown.to_string() == "0.30");
}

BOOST_AUTO_TEST_CASE(ranking_ties_standard_competition) {
  // Four communes with shown totals 90.00, 85.50, 85.50, 70.00 → ranks 1, 2, 2, 4 ("1224"); a
  // department is ranked among departments only.
  std::vector<UnitScore> units(5);
  const std::pair<const char*, std::int64_t> data[] = {{"commune", 8550},
                                                       {"commune", 9000},
                                                       {"department", 4000},
                                                       {"commune", 7000},
                                                       {"commune", 8550}};
  for (std::size_t i = 0; i < units.size(); ++i) {
    units[i].level = data[i].first;
    units[i].total_shown = {data[i].second, 2};
  }
  rank_units(units);
  BOOST_TEST(units[1].rank == 1u);
  BOOST_TEST(units[0].rank == 2u);
  BOOST_TEST(units[4].rank == 2u);
  BOOST_TEST(units[3].rank == 4u);
  BOOST_TEST(units[2].rank == 1u);
  BOOST_TEST(units[0].ranked == 4u);
  BOOST_TEST(units[2].ranked == 1u);
}

BOOST_AUTO_TEST_CASE(ranking_uses_the_shown_total) {
  // A: DOSSIER_SYNC 1 of 400 → 6/400 = 0.015 → total 12.015 → 12.02.
  // B: DOSSIER_SYNC 1 of 375 → 6/375 = 0.016 → total 12.016 → 12.02: tied with A although
  //    B's exact total is higher (a reader sees the same score, so they share rank 1).
  // C: nothing but the feedback items: 12.00 → rank 3.
  const std::vector<UnitCounts> c = {counts({{"DOSSIER_SYNC", {1, 400}}}, "A"),
                                     counts({{"DOSSIER_SYNC", {1, 375}}}, "B"), counts({}, "C")};
  const auto scores = score_units(portal(), c);
  BOOST_TEST(scores[0].total_shown.to_string() == "12.02");
  BOOST_TEST(scores[1].total_shown.to_string() == "12.02");
  BOOST_TEST(scores[0].rank == 1u);
  BOOST_TEST(scores[1].rank == 1u);
  BOOST_TEST(scores[2].rank == 3u);
  BOOST_TEST(scores[2].ranked == 3u);
}

BOOST_AUTO_TEST_CASE(grades_compare_the_shown_total) {
  // A province's own version with bands 90 / 80 / 0. Total 77.995 would show 78.00 → "Khá";
  // here: all [0, 0] except PROGRESS_ON_TIME 1 of 1 (20) and DOSSIER_RECEIVING_SATISFACTION 1 of
  // 1 (6): 12 + 20 + 6 = 38 → band 0 → "Trung bình". Then a unit at exactly 80.00 → "Tốt".
  ServiceIndexMethodology m = portal();
  m.grades = {{"Xuất sắc", 90}, {"Tốt", 80}, {"Trung bình", 0}};
  validate_service_index_methodology(m);
  const UnitScore a = score_unit(
      m, counts({{"PROGRESS_ON_TIME", {1, 1}}, {"DOSSIER_RECEIVING_SATISFACTION", {1, 1}}}));
  BOOST_TEST(a.total_shown.to_string() == "38.00");
  BOOST_TEST(a.grade == "Trung bình");
  // 12 + 20 + 6 + transparency 18 + online 12 + digitisation 12 (ORIGINAL_RESULT_AVAILABLE 6 +
  // SYNCED_WITH_DVCQG_PERSONAL_STORAGE 4 + ELECTRONIC_CERTIFIED_COPY 2) = 80.00 exactly.
  const UnitCounts eighty = counts({{"PROGRESS_ON_TIME", {1, 1}},
                                    {"DOSSIER_RECEIVING_SATISFACTION", {1, 1}},
                                    {"PUBLISH_ON_TIME", {1, 1}},
                                    {"PUBLIC_UPDATE_ON_TIME", {1, 1}},
                                    {"PUBLIC_CONTENT_FULL", {1, 1}},
                                    {"DOSSIER_SYNC", {1, 1}},
                                    {"ONLINE_PROCEDURES", {1, 1}},
                                    {"ONLINE_SERVICES_WITH_DOSSIER", {1, 1}},
                                    {"ONLINE_DOSSIERS", {1, 1}},
                                    {"ORIGINAL_RESULT_AVAILABLE", {1, 1}},
                                    {"SYNCED_WITH_DVCQG_PERSONAL_STORAGE", {1, 1}},
                                    {"ELECTRONIC_CERTIFIED_COPY", {1, 1}}});
  const UnitScore b = score_unit(m, eighty);
  BOOST_TEST(b.total_shown.to_string() == "80.00");
  BOOST_TEST(b.grade == "Tốt");
  // The same, with PUBLIC_CONTENT_FULL 499 of 500: 2 × 0.998 = 1.996, shown 2.00. Adding the
  // exact scores (totals "unrounded"), the total is 79.996, below the band; it shows as 80.00,
  // and the grade follows what is shown: "Tốt".
  m.totals = TotalsRule::unrounded;
  UnitCounts nearly = eighty;
  nearly.items["PUBLIC_CONTENT_FULL"] = {499, 500};
  const UnitScore c = score_unit(m, nearly);
  BOOST_TEST(c.total < 80.0);
  BOOST_TEST(c.total_shown.to_string() == "80.00");
  BOOST_TEST(c.grade == "Tốt");
  // Without bands there is no grade.
  BOOST_TEST(score_unit(portal(), counts({})).grade.empty());
}

BOOST_AUTO_TEST_CASE(partial_counts_score_the_complete_groups_only) {
  // Issue 12: a province often knows only some groups. U1 lacks PROGRESS_ON_TIME (the whole
  // "progress" group, max 20), U2 and U3 give everything. U1's other groups are scored, its
  // progress group has no score, and it has no total, grade or rank; U2 and U3 rank 1 and 2 of 2.
  UnitCounts u1 = counts({{"DOSSIER_SYNC", {1, 2}}}, "U1");
  u1.items.erase("PROGRESS_ON_TIME");
  const UnitCounts u2 = counts({{"PROGRESS_ON_TIME", {10, 10}}}, "U2");
  const UnitCounts u3 = counts({{"PROGRESS_ON_TIME", {5, 10}}}, "U3");
  const std::vector<UnitCounts> all{u1, u2, u3};
  const auto scores = score_units(portal(), all);
  const UnitScore& a = scores[0];
  BOOST_TEST(!a.complete);
  BOOST_TEST(a.rank == 0u);
  BOOST_TEST(a.grade.empty());
  BOOST_TEST(!item(a, "PROGRESS_ON_TIME").given);
  for (const GroupScore& g : a.groups) BOOST_TEST(g.complete == (g.code != "progress"), g.code);
  // DOSSIER_SYNC 1/2 of its max 6 (linear): 3 points, still scored.
  BOOST_TEST(item(a, "DOSSIER_SYNC").score_shown.to_string() == "3.00");
  BOOST_TEST(scores[1].complete);
  BOOST_TEST(scores[1].rank == 1u);
  BOOST_TEST(scores[1].ranked == 2u);
  BOOST_TEST(scores[2].rank == 2u);
  // CSV: empty cells for the group, the total, the rank and the item; JSON: null.
  const std::string csv = format_service_index(portal(), scores, ServiceIndexFormat::csv);
  const auto cells = [](const std::string& line) {
    std::vector<std::string> out(1);
    for (const char ch : line) {
      if (ch == ',') {
        out.emplace_back();
      } else {
        out.back().push_back(ch);
      }
    }
    return out;
  };
  const auto header = cells(csv.substr(0, csv.find('\n')));
  const std::size_t at = csv.find("\nU1,") + 1;
  const auto row = cells(csv.substr(at, csv.find('\n', at) - at));
  const auto cell = [&](const std::string& column) {
    const auto it = std::find(header.begin(), header.end(), column);
    BOOST_TEST_REQUIRE((it != header.end()), column);
    return row.at(static_cast<std::size_t>(it - header.begin()));
  };
  BOOST_TEST(cell("progress").empty());
  BOOST_TEST(cell("total").empty());
  BOOST_TEST(cell("rank").empty());
  BOOST_TEST(cell("PROGRESS_ON_TIME").empty());
  BOOST_TEST(cell("DOSSIER_SYNC") == "3.00");
  BOOST_TEST(!cell("transparency").empty());
  const std::string json = format_service_index(portal(), scores, ServiceIndexFormat::json);
  BOOST_TEST(json.find("\"total\": null") != std::string::npos);
  BOOST_TEST(json.find("\"given\": false") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_counts_are_rejected) {
  UnitCounts c = counts({{"DOSSIER_SYNC", {5, 4}}});
  try {
    score_unit(portal(), c);
    BOOST_FAIL("accepted numerator > denominator");
  } catch (const DataError& e) {
    BOOST_TEST(e.location() == "unit 'U1'");
    BOOST_TEST(e.field() == "DOSSIER_SYNC");
    BOOST_TEST(e.reason() == "numerator 5 is larger than the denominator 4");
  }
  c = counts({});
  c.items["NOT_AN_ITEM"] = {0, 0};
  BOOST_CHECK_THROW(score_unit(portal(), c), DataError);
  c = counts({{"DOSSIER_SYNC", {0, kMaxItemCount + 1}}});
  BOOST_CHECK_THROW(score_unit(portal(), c), DataError);
  const std::vector<UnitCounts> twice = {counts({}, "A"), counts({}, "A")};
  BOOST_CHECK_THROW(score_units(portal(), twice), DataError);
}

BOOST_AUTO_TEST_CASE(largest_counts_stay_exact) {
  // 999 999 999 999 of 10^12 on a capped item (threshold 0.9): 6 × 0.999999999999 ≥ 0.9 → 6.00;
  // and 1 of 10^12 on a linear item: 20 × 10^-12 → 0.00, with a loss of 19.99999999998.
  const UnitScore u = score_unit(
      portal(), counts({{"DOSSIER_RECEIVING_SATISFACTION", {999'999'999'999, kMaxItemCount}},
                        {"PROGRESS_ON_TIME", {1, kMaxItemCount}}}));
  BOOST_TEST(shown(u, "DOSSIER_RECEIVING_SATISFACTION") == "6.00");
  BOOST_TEST(shown(u, "PROGRESS_ON_TIME") == "0.00");
  BOOST_TEST(item(u, "PROGRESS_ON_TIME").lost_shown.to_string() == "20.00");
}

BOOST_AUTO_TEST_CASE(csv_header_and_rows) {
  const std::vector<UnitCounts> c = {counts({{"PROGRESS_ON_TIME", {45, 60}}}, "H55.01"),
                                     counts({}, "H55.02")};
  auto scores = score_units(portal(), c);
  scores[0].name = "Xã A, huyện B";
  const std::string csv = format_service_index(portal(), scores, ServiceIndexFormat::csv);
  const std::string header = csv.substr(0, csv.find('\n'));
  BOOST_TEST(header.rfind("unit,transparency,progress,online,payment,satisfaction,digitisation,"
                          "total,rank,ranked,level,grade,name,PUBLISH_ON_TIME",
                          0) == 0u);
  // H55.01: progress 15, satisfaction 12 (feedback items, no feedback), total 27; rank 1 of 2.
  BOOST_TEST(csv.find("\nH55.01,0.00,15.00,0.00,0.00,12.00,0.00,27.00,1,2,commune,,"
                      "\"Xã A, huyện B\",0.00,0.00,0.00,0.00,15.00,") != std::string::npos);
  BOOST_TEST(csv.find("\nH55.02,0.00,0.00,0.00,0.00,12.00,0.00,12.00,2,2,commune,,,") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
