// parmetrics score, driven in-process: the provincial DTI reproducing a published value, the
// district/commune example on the bundled sample and its facts, the QĐ 766 profile as a
// scorecard, every output format, facts in directive targets, and the errors.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/cli_run.hpp"

using namespace parmetrics::test::cli;

namespace {

std::string data(const std::string& name) {
  return std::string(PARMETRICS_DATA_DIR) + "/" + name;
}

const std::string kDti922 = data("methodologies/dti-province-qd922-2022.json");
const std::string kPublished = data("methodologies/dti-province-2022-published.csv");
const std::string kLocal = data("methodologies/dti-district-commune-example.json");
const std::string kFacts = data("sample/facts.csv");

std::string write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("parmetrics-score-cli-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(score_command)

BOOST_AUTO_TEST_CASE(the_provincial_dti_reproduces_a_published_value) {
  // Đà Nẵng's 2022 main-indicator values as dti.gov.vn publishes them (1.0000, 0.9000, 0.8253,
  // 0.8487, 0.7578; 0.8575; 0.7836; 0.5197). Foundation I = 100 × (1 + 0.9 + 0.8253 + 0.8487 +
  // 0.7578) = 100 × 4.3318 = 433.18; activities II = 200 × 0.8575 + 150 × 0.7836 + 150 × 0.5197
  // = 171.5 + 117.54 + 77.955 = 366.995 → 367.00; total 800.175 → 800.18 shown, and the DTI
  // 800.175 / 1000 = 0.800175 → 0.8002, the published PDTI. Pillars share the foundation:
  // chính quyền số (433.18 + 171.5) / 700 = 0.86382… → 0.8638; kinh tế số (433.18 + 117.54) /
  // 650 = 0.84726… → 0.8473; xã hội số (433.18 + 77.955) / 650 = 0.78636… → 0.7864.
  const Result r =
      run({"score", "--methodology", kDti922, "--metrics", kPublished, "--format", "csv"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out ==
             "unit,index,points,max,rank,grade,Chính quyền số,Kinh tế số,Xã hội số,name,level,I,"
             "I_max,II,II_max\n"
             "TP. Đà Nẵng,0.8002,800.18,1000.00,1,,0.8638,0.8473,0.7864,,,433.18,500.00,367.00,"
             "500.00\n");
}

BOOST_AUTO_TEST_CASE(the_example_on_the_bundled_sample_and_its_facts) {
  const Result csv = run({"score", "--methodology", kLocal, "--facts", kFacts, "--format", "csv"});
  BOOST_TEST(csv.code == 0, csv.err);
  BOOST_TEST(first_line(csv.out) ==
             "unit,index,points,max,rank,grade,Chính quyền số,Kinh tế số,Xã hội số,name,level,1,"
             "1_max,2,2_max,3,3_max");
  // The district and its 11 communes, each level ranked on its own.
  BOOST_TEST(lines(csv.out).size() == 13u);
  BOOST_TEST(csv.err.find("no dossier file given: the bundled sample") != std::string::npos);
  BOOST_TEST(csv.err.find("the 5 manual criteria (1.3, 2.1, 2.2, 2.3, 3.1) count 0") !=
             std::string::npos);
  const Result table = run({"score", "--methodology", kLocal, "--facts", kFacts, "--lang", "en"});
  BOOST_TEST(table.code == 0);
  // From the facts alone: 97 of 124 staff have an account → 5 × 78.23 % = 3.91; the district
  // handed reception to postal staff → 3 of 3; its steering board met once → the step at 1, 2.
  BOOST_TEST(table.out.find("    1.4 3.91/5.00  staff_public_service_account_rate 97/124 = "
                            "78.23% → 5 × 78.23% = 3.91") != std::string::npos);
  BOOST_TEST(table.out.find("    1.10 3.00/3.00  bcci_reception = 'postal_staff' → 3.00") !=
             std::string::npos);
  BOOST_TEST(table.out.find("    1.1 2.00/8.00  steering_board_meetings = 1 reaches the step >= 1 "
                            "→ 2.00") != std::string::npos);
  // Without appraisals the district cannot reach 60: the facts give at most 27.86 + 5 + 10 and
  // the two dossier criteria 3 + 10 more, 55.86 of 100 → "Khởi động".
  BOOST_TEST(table.out.find("000.00.30.H55 Ủy ban nhân dân huyện Hiệp Đức: index ") !=
             std::string::npos);
  BOOST_TEST(table.out.find("rank 1 of 1, grade Khởi động") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(in_vietnamese_and_as_a_page) {
  // The CLI's default language: the catalogue's labels, decimal commas.
  const Result table = run({"score", "--methodology", kLocal, "--facts", kFacts});
  BOOST_TEST(table.code == 0);
  BOOST_TEST(table.out.find("000.00.30.H55 Ủy ban nhân dân huyện Hiệp Đức: chỉ số ") !=
             std::string::npos);
  BOOST_TEST(table.out.find("xếp hạng 1/1, xếp loại Khởi động") != std::string::npos);
  BOOST_TEST(table.out.find("    1.10 3,00/3,00  bcci_reception") != std::string::npos);
  BOOST_TEST(table.out.find("cấp xã") != std::string::npos);
  // The page: the communes ranked and the points lost, each chart with its table; one detail per
  // unit (the district and its 11 communes); nothing from outside the file.
  const Result html =
      run({"score", "--methodology", kLocal, "--facts", kFacts, "--format", "html"});
  BOOST_TEST_REQUIRE(html.code == 0, html.err);
  BOOST_TEST(html.out.starts_with("<!DOCTYPE html>"));
  for (const char* banned : {"<script", "<link", " src=", "href="}) {
    BOOST_TEST(html.out.find(banned) == std::string::npos, banned);
  }
  std::size_t figures = 0, details = 0;
  for (std::size_t at = 0; (at = html.out.find("<figure>", at)) != std::string::npos; ++at) {
    const std::string figure = html.out.substr(at, html.out.find("</figure>", at) - at);
    BOOST_TEST(figure.find("<svg") != std::string::npos);
    BOOST_TEST(figure.find("<table>") != std::string::npos);
    ++figures;
  }
  for (std::size_t at = 0; (at = html.out.find("<details", at)) != std::string::npos; ++at) {
    ++details;
  }
  BOOST_TEST(figures == 2u);  // one level ranks two or more (the communes), and the losses
  BOOST_TEST(details == 12u);
  const Result par =
      run({"par", "--methodology",
           std::string(PARMETRICS_DATA_DIR) + "/methodologies/par-district-commune-example.json",
           "--format", "html", "--lang", "en"});
  BOOST_TEST(par.code == 0);
  BOOST_TEST(par.out.find("<h1>PAR INDEX: ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_and_markdown) {
  const Result json =
      run({"score", "--methodology", kDti922, "--metrics", kPublished, "--format", "json"});
  BOOST_TEST(json.code == 0);
  BOOST_TEST(json.out.find(R"("index": 0.8002)") != std::string::npos);
  BOOST_TEST(json.out.find(R"("grade": null)") != std::string::npos);
  BOOST_TEST(json.out.find(R"("value": "Chính quyền số")") != std::string::npos);
  BOOST_TEST(json.out.find(R"("losses": [)") != std::string::npos);
  BOOST_TEST(json.out.find(R"("informational": true)") != std::string::npos);  // đô thị thông minh
  const Result md = run({"score", "--methodology", kDti922, "--metrics", kPublished, "--format",
                         "markdown", "--lang", "en"});
  BOOST_TEST(md.code == 0);
  BOOST_TEST(md.out.starts_with("# DTI cấp tỉnh"));
  BOOST_TEST(
      md.out.find("| level | rank | unit | name | index | points | grade | Chính quyền số |") !=
      std::string::npos);
  BOOST_TEST(md.out.find("| 9 | Hoạt động xã hội số | 77.96/150.00 |") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_qd766_profile_scores_as_a_scorecard) {
  // The worked example of tests/indices/service_index_test.cpp: X.01 72.02, X.02 100.00, X.03
  // 72.02 — the same through the generic command as through index766.
  const Result r = run({"score", "--methodology", data("methodologies/qd766-portal-2025.json"),
                        "--counts", data("index766/example-counts.json"), "--format", "csv"});
  BOOST_TEST(r.code == 0, r.err);
  const auto rows = lines(r.out);
  BOOST_REQUIRE_EQUAL(rows.size(), 4u);
  BOOST_TEST(rows[1].starts_with("X.02,100.00,100.00,100.00,1,,Xã B,commune,18.00,18.00,"));
  BOOST_TEST(rows[2].starts_with("X.01,72.02,72.02,100.00,2,,Xã A,commune,16.10,18.00,"));
  BOOST_TEST(rows[3].starts_with("X.03,72.02,72.02,100.00,2,,Xã C,commune,16.10,18.00,"));
}

BOOST_AUTO_TEST_CASE(directive_targets_on_facts) {
  // "Every civil servant registers for a public-service account" (conclusion 31/8/2023, 3d).
  const std::string targets = write("targets.csv",
                                    "id,unit,metric,comparison,value,text\n"
                                    "accounts,000.00.30.H55,staff_public_service_account_rate,>=,"
                                    "100,100% CB CC VC có tài khoản dịch vụ công\n");
  const Result r = run({"targets", "--targets", targets, "--facts", kFacts, "--format", "csv"});
  BOOST_TEST(r.code == 0, r.err);
  // 97 of 124 = 78.23 % < 100.
  BOOST_TEST(r.out.find("\naccounts,000.00.30.H55,,staff_public_service_account_rate,78.23,>=,100,"
                        "100,not_met,97,124,") != std::string::npos,
             r.out);
  const std::string choice =
      write("choice.csv", "unit,metric,comparison,value\n000.00.30.H55,bcci_reception,=,1\n");
  const Result c = run({"targets", "--targets", choice, "--facts", kFacts});
  BOOST_TEST(c.code == 1);
  BOOST_TEST(
      c.err.find(":2: field 'metric': 'bcci_reception' is a choice (an answer such as who "
                 "receives dossiers): a target compares rates and counts") != std::string::npos,
      c.err);
  std::filesystem::remove(targets);
  std::filesystem::remove(choice);
}

BOOST_AUTO_TEST_CASE(errors) {
  const Result missing = run({"score"});
  BOOST_TEST(missing.code == 2);
  BOOST_TEST(missing.err.starts_with("parmetrics score: missing option --methodology\n"));
  const Result format = run({"score", "--methodology", kDti922, "--format", "xml"});
  BOOST_TEST(format.code == 2);
  BOOST_TEST(first_line(format.err) ==
             "parmetrics score: --format xml is not one of table, csv, json, markdown, html");
  // A methodology naming a metric nobody gives.
  const Result unknown = run({"score", "--methodology", kDti922});
  BOOST_TEST(unknown.code == 1);
  BOOST_TEST(unknown.err.find("$.criteria[0].children[0].rule: field 'metric': unknown metric "
                              "'dti.nhan_thuc_so'") != std::string::npos,
             unknown.err);
  const Result stray =
      run({"score", "--methodology", kDti922, "--metrics", kPublished, "--feedback", "f.csv"});
  BOOST_TEST(stray.code == 2);
  BOOST_TEST(first_line(stray.err) == "parmetrics score: --feedback goes with dossier inputs");
}

BOOST_AUTO_TEST_SUITE_END()
