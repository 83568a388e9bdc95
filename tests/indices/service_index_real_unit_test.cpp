// Published portal scores of a real unit reproduced from its counts, to 0.01.
//
// Source: the national public-service portal's reporting API (dichvucong.gov.vn,
// POST /api/v1/reporting/evaluation/{transparency, dvc-progress-tree, provide-online-tree,
// formality-online-payment-tree, handling-satisfaction, dossier-digitized}), year 2026, root
// department UBND tỉnh Phú Thọ (H44), responses captured on 2026-09-26 and kept in the public
// repository github.com/ChippedTopaz/qd766, tests/fixtures/<group>/year-all.json at commit
// 72417cd9a343422ef3cf62e563714d6e72d1357e. The counts are copied into
// data/index766/phu-tho-2026.json; the published scores are written again below, by hand, from
// the same responses (the "score"/"totalScore" fields), so that the test does not only compare the
// file with itself.

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>

#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>

using namespace parmetrics;

namespace {

const std::string kFile = PARMETRICS_DATA_DIR "/index766/phu-tho-2026.json";

std::string shown(const UnitScore& u, std::string_view code) {
  for (const auto& i : u.items) {
    if (i.code == code) return i.score_shown.to_string();
  }
  for (const auto& g : u.groups) {
    if (g.code == code) return g.score_shown.to_string();
  }
  return "?";
}

// Only the listed items counted; everything else [0, 0].
UnitCounts only(std::initializer_list<std::pair<const char*, ItemCounts>> given) {
  UnitCounts c;
  c.unit.assign(1, 'U');  // not = "U": g++ 12 -Wrestrict false positive (GCC PR 105329)
  for (const auto& g : qd766_portal_methodology().groups) {
    for (const auto& i : g.items) c.items[i.code] = {0, 0};
  }
  for (const auto& [code, value] : given) c.items[code] = value;
  return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service_index_real_unit)

BOOST_AUTO_TEST_CASE(phu_tho_province_2026) {
  const auto& m = qd766_portal_methodology();
  const ServiceIndexCountsDocument doc = load_service_index_counts(kFile, m);
  BOOST_TEST_REQUIRE(doc.units.size() == 1u);
  const UnitScore u = score_unit(m, doc.units[0]);
  BOOST_TEST(u.unit == "H44");
  BOOST_TEST(u.name == "UBND tỉnh Phú Thọ");
  // The portal's published scores (data.overview / data.parent of each response).
  const std::map<std::string, std::string> published = {
      // transparency: totalScore 7.96; items 0, 0, 1.96, 6
      {"transparency", "7.96"},
      {"PUBLISH_ON_TIME", "0.00"},
      {"PUBLIC_UPDATE_ON_TIME", "0.00"},
      {"PUBLIC_CONTENT_FULL", "1.96"},
      {"DOSSIER_SYNC", "6.00"},
      // dvc-progress-tree: totalScore 17.68
      {"progress", "17.68"},
      {"PROGRESS_ON_TIME", "17.68"},
      // provide-online-tree: totalScore 8.56 (no item scores published)
      {"online", "8.56"},
      // formality-online-payment-tree: totalScore 6.67 (no item scores published)
      {"payment", "6.67"},
      // handling-satisfaction: totalScore 11.43; items 3.12, 2.42, 5.89
      {"satisfaction", "11.43"},
      {"PETITION_PROCESSING_ON_TIME", "3.12"},
      {"PETITION_HANDLING_SATISFACTION", "2.42"},
      {"DOSSIER_RECEIVING_SATISFACTION", "5.89"},
      // dossier-digitized: totalScore 9.59; items 4.35, 0.97, 0.57, 0, 1.09, 0.61, 2
      {"digitisation", "9.59"},
      {"ORIGINAL_RESULT_AVAILABLE", "4.35"},
      {"SO_HOA_GIAY_TO_GIAI_QUYET", "0.97"},
      {"REUSED_DIGITIZED_DATA", "0.57"},
      {"SYNCED_WITH_DVCQG_PERSONAL_STORAGE", "0.00"},
      {"CITIZEN_DATA_CONNECTED_DOSSIER", "1.09"},
      {"CITIZEN_DATA_CONNECTED_FORMALITY", "0.61"},
      {"ELECTRONIC_CERTIFIED_COPY", "2.00"},
  };
  for (const auto& [code, value] : published) {
    BOOST_TEST(shown(u, code) == value, code);
  }
  // The published ratios (the "ratio" field of each metric), in percent with 2 decimals.
  const std::map<std::string, std::string> ratios = {
      {"PUBLIC_CONTENT_FULL", "97.75"},
      {"DOSSIER_SYNC", "100.00"},
      {"PROGRESS_ON_TIME", "88.42"},  // dvc-progress-tree parent "ratio"
      {"PETITION_PROCESSING_ON_TIME", "51.93"},
      {"PETITION_HANDLING_SATISFACTION", "40.35"},
      {"DOSSIER_RECEIVING_SATISFACTION", "88.38"},
      {"ORIGINAL_RESULT_AVAILABLE", "72.48"},
      {"SO_HOA_GIAY_TO_GIAI_QUYET", "24.27"},
      {"REUSED_DIGITIZED_DATA", "22.88"},
      {"CITIZEN_DATA_CONNECTED_DOSSIER", "54.45"},
      {"CITIZEN_DATA_CONNECTED_FORMALITY", "30.46"},
  };
  for (const auto& i : u.items) {
    const auto it = ratios.find(i.code);
    if (it != ratios.end()) BOOST_TEST(i.ratio_percent->to_string() == it->second, i.code);
  }
  // The file carries the same published values.
  BOOST_TEST_REQUIRE(doc.published.size() == 1u);
  BOOST_TEST(doc.published[0].scores.size() == published.size());
  for (const auto& [code, value] : doc.published[0].scores) {
    BOOST_TEST(std::abs(value - std::stod(published.at(code))) < 1e-9, code);
  }
  // The items of the two groups published as totals only, worked out from the rules:
  // ONLINE_PROCEDURES (31 partial + 21 full) of 89 = 58.43 % < 80 %: 2 × 0.5843/0.8 = 1.46;
  // ONLINE_SERVICES_WITH_DOSSIER 516 of 1884 = 27.39 %: 4 × 0.2739 = 1.0955 → 1.10;
  // ONLINE_DOSSIERS 589496 of 597894 = 98.6 % ≥ 50 %: 6. Shown sum 1.46 + 1.10 + 6 = 8.56.
  BOOST_TEST(shown(u, "ONLINE_PROCEDURES") == "1.46");
  BOOST_TEST(shown(u, "ONLINE_SERVICES_WITH_DOSSIER") == "1.10");
  BOOST_TEST(shown(u, "ONLINE_DOSSIERS") == "6.00");
  // PAYMENT_ONLINE_DOSSIERS 309542 of 358625: 6 × 0.86314 = 5.18; PAYMENT_FEE_PROCEDURES_ONLINE
  // 119 of 313 = 38.0 %: 2 × 0.3802/0.8 = 0.95; PAYMENT_FEE_PROCEDURES_SYNCED 68 of 313 =
  // 21.7 %: 2 × 0.2173/0.8 = 0.54. Shown sum 6.67.
  BOOST_TEST(shown(u, "PAYMENT_ONLINE_DOSSIERS") == "5.18");
  BOOST_TEST(shown(u, "PAYMENT_FEE_PROCEDURES_ONLINE") == "0.95");
  BOOST_TEST(shown(u, "PAYMENT_FEE_PROCEDURES_SYNCED") == "0.54");
  // The portal response publishes no total of 100; the groups add up to
  // 7.96 + 17.68 + 8.56 + 6.67 + 11.43 + 9.59 = 61.89.
  BOOST_TEST(u.total_shown.to_string() == "61.89");
}

BOOST_AUTO_TEST_CASE(portal_group_sums_are_of_shown_item_scores) {
  // UBND Phường Việt Trì (H44.100), same capture, dossier-digitized/year-all.json: items
  // 6722/8253 → 4.89, 1662/8253 → 0.81, 984/8253 (11.92 %, capped at 80 %) → 0.30, 0/8253 → 0,
  // 4032/8253 → 0.98, 63/385 → 0.33, certified copies (ratio 100) → 2; published totalScore
  // 9.31 = 4.89 + 0.81 + 0.30 + 0 + 0.98 + 0.33 + 2. The exact sum is 9.2949… (→ 9.29), so the
  // portal adds its shown item scores: the portal profile does the same.
  const UnitCounts c = only({{"ORIGINAL_RESULT_AVAILABLE", {6722, 8253}},
                             {"SO_HOA_GIAY_TO_GIAI_QUYET", {1662, 8253}},
                             {"REUSED_DIGITIZED_DATA", {984, 8253}},
                             {"SYNCED_WITH_DVCQG_PERSONAL_STORAGE", {0, 8253}},
                             {"CITIZEN_DATA_CONNECTED_DOSSIER", {4032, 8253}},
                             {"CITIZEN_DATA_CONNECTED_FORMALITY", {63, 385}},
                             {"ELECTRONIC_CERTIFIED_COPY", {1, 1}}});
  const UnitScore u = score_unit(qd766_portal_methodology(), c);
  BOOST_TEST(shown(u, "ORIGINAL_RESULT_AVAILABLE") == "4.89");
  BOOST_TEST(shown(u, "SO_HOA_GIAY_TO_GIAI_QUYET") == "0.81");
  BOOST_TEST(shown(u, "REUSED_DIGITIZED_DATA") == "0.30");
  BOOST_TEST(shown(u, "CITIZEN_DATA_CONNECTED_DOSSIER") == "0.98");
  BOOST_TEST(shown(u, "CITIZEN_DATA_CONNECTED_FORMALITY") == "0.33");
  BOOST_TEST(shown(u, "digitisation") == "9.31");
  ServiceIndexMethodology exact = qd766_portal_methodology();
  exact.totals = TotalsRule::unrounded;
  BOOST_TEST(shown(score_unit(exact, c), "digitisation") == "9.29");
  // Its payment (formality-online-payment-tree): 4015/4920 → 4.90, 18/38 = 47.4 % → 2 × 0.4737
  // / 0.8 = 1.18, 10/38 = 26.3 % → 0.66: published totalScore 6.74.
  const UnitCounts p = only({{"PAYMENT_ONLINE_DOSSIERS", {4015, 4920}},
                             {"PAYMENT_FEE_PROCEDURES_ONLINE", {18, 38}},
                             {"PAYMENT_FEE_PROCEDURES_SYNCED", {10, 38}}});
  BOOST_TEST(shown(score_unit(qd766_portal_methodology(), p), "payment") == "6.74");
}

BOOST_AUTO_TEST_CASE(portal_caps_and_no_feedback_on_real_units) {
  // Sở Công Thương (H44.07), formality-online-payment-tree: 118/118 paid online → 6; fee
  // procedures with online payment 12 of 13 = 92.3 % ≥ 80 % → 2 (not 2 × 0.923/0.8 = 2.31); fee
  // data synced 0 of 13 → 0. Published totalScore 8.
  const UnitCounts p = only({{"PAYMENT_ONLINE_DOSSIERS", {118, 118}},
                             {"PAYMENT_FEE_PROCEDURES_ONLINE", {12, 13}},
                             {"PAYMENT_FEE_PROCEDURES_SYNCED", {0, 13}}});
  BOOST_TEST(shown(score_unit(qd766_portal_methodology(), p), "payment") == "8.00");
  // Văn phòng UBND Tỉnh (H44.01), handling-satisfaction: 156 of 161 dossiers satisfying =
  // 96.89 % ≥ 90 % → 6; no feedback (0 of 0, twice) → 6 + 6. Published totalScore 18.
  const UnitCounts s = only({{"DOSSIER_RECEIVING_SATISFACTION", {156, 161}}});
  BOOST_TEST(shown(score_unit(qd766_portal_methodology(), s), "satisfaction") == "18.00");
  // Sở Giáo dục và Đào tạo (H44.08): 755 of 1120 = 67.41 % → 6 × 0.6741/0.9 = 4.49; feedback
  // 0 of 4 handled on time, 0 of 4 satisfying → 0 + 0. Published totalScore 4.49.
  const UnitCounts e = only({{"DOSSIER_RECEIVING_SATISFACTION", {755, 1120}},
                             {"PETITION_PROCESSING_ON_TIME", {0, 4}},
                             {"PETITION_HANDLING_SATISFACTION", {0, 4}}});
  BOOST_TEST(shown(score_unit(qd766_portal_methodology(), e), "satisfaction") == "4.49");
}

BOOST_AUTO_TEST_SUITE_END()
