// parmetrics index766, driven in-process: the counts mode's exact CSV, the table and JSON, the
// real unit reproduced from its published figures, and usage and data errors.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <initializer_list>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <algorithm>

#include "cli/cli_run.hpp"

using namespace parmetrics::test::cli;

namespace {

const std::string kExample = PARMETRICS_DATA_DIR "/index766/example-counts.json";

// A file of the example province (data/index766/example/).
std::string example(std::string_view name) {
  std::string path = PARMETRICS_DATA_DIR "/index766/example/";
  path += name;
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(index766_command)

BOOST_AUTO_TEST_CASE(counts_csv) {
  // X.01 is the worked unit of tests/indices/service_index_test.cpp (whole_unit_by_hand): 72.02.
  // X.02 has every item at its maximum (ratios at 100 % or above the caps: 85 % ≥ 80 %,
  // 160/300 = 53.3 % ≥ 50 %, 21/25 = 84 % ≥ 80 %, 290/310 = 93.5 % ≥ 90 %, 250/300 = 83.3 % ≥
  // 80 %): 100.00. X.03 is X.01 with PAYMENT_ONLINE_DOSSIERS 70 of 120 (6 × 70/120 = 3.5, +2)
  // and no certified copies (−2): 72.02 as well, so X.01 and X.03 share rank 2 of 3.
  const Result r = run({"index766", "--counts", kExample, "--format", "csv"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err == "");
  const std::string items =
      "PUBLISH_ON_TIME,PUBLIC_UPDATE_ON_TIME,PUBLIC_CONTENT_FULL,DOSSIER_SYNC,PROGRESS_ON_TIME,"
      "ONLINE_PROCEDURES,ONLINE_SERVICES_WITH_DOSSIER,ONLINE_DOSSIERS,PAYMENT_ONLINE_DOSSIERS,"
      "PAYMENT_FEE_PROCEDURES_ONLINE,PAYMENT_FEE_PROCEDURES_SYNCED,PETITION_PROCESSING_ON_TIME,"
      "PETITION_HANDLING_SATISFACTION,DOSSIER_RECEIVING_SATISFACTION,ORIGINAL_RESULT_AVAILABLE,"
      "SO_HOA_GIAY_TO_GIAI_QUYET,REUSED_DIGITIZED_DATA,SYNCED_WITH_DVCQG_PERSONAL_STORAGE,"
      "CITIZEN_DATA_CONNECTED_DOSSIER,CITIZEN_DATA_CONNECTED_FORMALITY,ELECTRONIC_CERTIFIED_COPY";
  BOOST_TEST(r.out ==
             "unit,transparency,progress,online,payment,satisfaction,digitisation,total,rank,"
             "ranked,level,grade,name," +
                 items +
                 "\n"
                 "X.01,16.10,18.00,7.10,4.50,17.67,8.65,72.02,2,3,commune,,Xã A,5.40,3.00,2.00,"
                 "5.70,18.00,1.50,0.80,4.80,1.50,2.00,1.00,6.00,6.00,5.67,3.00,1.00,0.50,0.40,"
                 "1.50,0.25,2.00\n"
                 "X.02,18.00,20.00,12.00,10.00,18.00,22.00,100.00,1,3,commune,,Xã B,6.00,4.00,"
                 "2.00,6.00,20.00,2.00,4.00,6.00,6.00,2.00,2.00,6.00,6.00,6.00,6.00,4.00,2.00,"
                 "4.00,2.00,2.00,2.00\n"
                 "X.03,16.10,18.00,7.10,6.50,17.67,6.65,72.02,2,3,commune,,Xã C,5.40,3.00,2.00,"
                 "5.70,18.00,1.50,0.80,4.80,3.50,2.00,1.00,6.00,6.00,5.67,3.00,1.00,0.50,0.40,"
                 "1.50,0.25,0.00\n");
}

BOOST_AUTO_TEST_CASE(counts_table_lists_losses) {
  const Result r = run({"index766", "--counts", kExample, "--lang", "en"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out.find("X.01  Xã A (commune)\ntotal 72.02 / 100, rank 2 of 3\n") !=
             std::string::npos);
  // The largest loss of X.01 first: PAYMENT_ONLINE_DOSSIERS, 6 − 1.5 = 4.50.
  BOOST_TEST(r.out.find("points lost, largest first:\n     4.50  PAYMENT_ONLINE_DOSSIERS") !=
             std::string::npos);
  BOOST_TEST(r.out.find("PETITION_PROCESSING_ON_TIME                  0           0       n/a "
                        "   6.00    6.00    0.00") != std::string::npos);
  BOOST_TEST(r.out.find("no points lost") != std::string::npos);  // X.02
  // The same in Vietnamese (the CLI's default): labels and levels from the catalogue, decimal
  // commas.
  const Result vi = run({"index766", "--counts", kExample});
  BOOST_TEST(vi.out.find("X.01  Xã A (xã)\ntổng điểm 72,02/100, xếp hạng 2/3\n") !=
             std::string::npos);
  BOOST_TEST(vi.out.find("điểm bị trừ, từ nhiều đến ít:\n     4,50  PAYMENT_ONLINE_DOSSIERS") !=
             std::string::npos);
  BOOST_TEST(vi.out.find("không bị trừ điểm") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(counts_as_a_page) {
  const Result r = run({"index766", "--counts", kExample, "--format", "html"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out.starts_with("<!DOCTYPE html>"));
  for (const char* banned : {"<script", "<link", " src=", "href="}) {
    BOOST_TEST(r.out.find(banned) == std::string::npos, banned);
  }
  // Two charts (the three communes ranked; the points lost per item), each with its table; a
  // detail per unit. X.02 first (100.00), then X.01 and X.03 (72.02 each, both second).
  std::size_t figures = 0;
  for (std::size_t at = 0; (at = r.out.find("<figure>", at)) != std::string::npos; ++at) {
    const std::string figure = r.out.substr(at, r.out.find("</figure>", at) - at);
    BOOST_TEST(figure.find("<svg") != std::string::npos);
    BOOST_TEST(figure.find("<table>") != std::string::npos);
    ++figures;
  }
  BOOST_TEST(figures == 2u);
  BOOST_TEST(r.out.find("<tr><td class=\"n\">1</td><td>Xã B</td><td>X.02</td><td "
                        "class=\"n\">100,00</td>") != std::string::npos);
  // Points lost on average over the units given the item, from the losses the tables show:
  // PAYMENT_ONLINE_DOSSIERS (4.50 + 0.00 + 2.50) / 3 = 2.333… → 2,33 of 6,00, first;
  // ONLINE_DOSSIERS (1.20 + 0.00 + 1.20) / 3 = 0.80.
  BOOST_TEST(r.out.find("<tr><td>PAYMENT_ONLINE_DOSSIERS</td><td>Tỷ lệ hồ sơ thanh toán trực "
                        "tuyến</td><td class=\"n\">2,33</td><td class=\"n\">6,00</td></tr>") !=
             std::string::npos);
  BOOST_TEST(r.out.find("<td>ONLINE_DOSSIERS</td><td>Tỷ lệ hồ sơ trực tuyến</td><td "
                        "class=\"n\">0,80</td>") != std::string::npos);
  BOOST_TEST(std::count(r.out.begin(), r.out.end(), '\0') == 0);
  std::size_t details = 0;
  for (std::size_t at = 0; (at = r.out.find("<details", at)) != std::string::npos; ++at) ++details;
  BOOST_TEST(details == 3u);
  BOOST_TEST(run({"index766", "--counts", kExample, "--format", "html", "--lang", "fr"}).code == 2);
}

BOOST_AUTO_TEST_CASE(names_on_the_page_are_text) {
  // A unit's name is data: on the page it is text, whatever it holds.
  const std::string file = "/tmp/parmetrics-index766-test-markup.json";
  {
    std::ifstream in(kExample);
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    const std::string name = R"("Xã A")";
    text.replace(text.find(name), name.size(), R"("Xã <b>A</b> & \"B\"")");
    std::ofstream(file) << text;
  }
  const Result r = run({"index766", "--counts", file, "--format", "html"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out.find("<b>") == std::string::npos);
  BOOST_TEST(r.out.find("Xã &lt;b&gt;A&lt;/b&gt; &amp; &quot;B&quot;") != std::string::npos);
  std::remove(file.c_str());
}

BOOST_AUTO_TEST_CASE(counts_json) {
  const Result r = run({"index766", "--counts", kExample, "--format", "json"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out.find(R"("unit": "X.02")") != std::string::npos);
  BOOST_TEST(r.out.find(R"("total": 72.02)") != std::string::npos);
  BOOST_TEST(r.out.find(R"("ratio_percent": null)") != std::string::npos);
  BOOST_TEST(r.out.find(R"("grade": null)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(derived_from_data) {
  // The small province of tests/indices/service_index_derive_test.cpp, from the example files.
  // XA1 and XA2 are worked out there (58.30 and 62.00). The province rolls both up:
  // transparency 6 × 2/3 + 4 × 1/2 + 2 × 2/3 + 6 × 8/10 = 12.133… → 12.13;
  // progress 20 × 7/11 = 12.727… → 12.73;
  // online 2 × 0.75/0.8 + 4 × 3/3 + 6 × 0.4/0.5 = 1.875 + 4 + 4.8 = 10.675 → 10.68 (half up);
  // payment 6 × 2/3 + 2 × (1/3)/0.8 + 2 × (2/3)/0.8 = 4 + 0.8333… + 1.6666… = 6.50;
  // satisfaction 6 × 2/3 + 6 × 1/3 + 6 × (6/11)/0.9 = 4 + 2 + 3.6363… = 9.6363… → 9.64;
  // digitisation 6 × 3/10 + 4 × 2/10 + 2 × 0.1/0.8 + 4 × 1/10 + 2 × 3/10 + 2 × 3/3 + 2 × 1/2
  //   = 1.8 + 0.8 + 0.25 + 0.4 + 0.6 + 2 + 1 = 6.85;
  // the portal profile adds the shown scores: 12.13 + 12.73 + 10.68 + 6.50 + 9.64 + 6.85 = 58.53
  // (the exact sum, 40.825 + 4/3 + 140/11 + 40/11 = 58.5219…, would show 58.52).
  // Every file of the example province, March 2025, as CSV.
  std::vector<std::string> all = {"index766",
                                  "--dossiers",
                                  example("dossiers.csv"),
                                  "--events",
                                  example("events.csv"),
                                  "--units",
                                  example("units.csv"),
                                  "--procedures",
                                  example("procedures.csv"),
                                  "--unit-procedures",
                                  example("unit_procedures.csv"),
                                  "--feedback",
                                  example("feedback.csv"),
                                  "--communes",
                                  example("communes.csv"),
                                  "--from",
                                  "2025-03-01",
                                  "--to",
                                  "2025-03-31",
                                  "--format",
                                  "csv"};
  const Result r = run(all);
  BOOST_TEST(r.code == 0);
  // One summary line per file, every record loaded: 33 in all.
  std::uint64_t read = 0;
  std::istringstream err_lines(r.err);
  for (std::string line; std::getline(err_lines, line);) {
    std::smatch m;
    BOOST_TEST_REQUIRE(
        std::regex_match(line, m, std::regex(R"(.+\.csv: read (\d+), loaded (\d+), rejected 0)")),
        line);
    BOOST_TEST(m[1] == m[2]);
    read += std::stoull(m[1]);
  }
  BOOST_TEST(read == 33u);
  BOOST_TEST(r.out.find("\nPV,12.13,12.73,10.68,6.50,9.64,6.85,58.53,1,1,province,,Tỉnh Thử,") !=
             std::string::npos);
  BOOST_TEST(r.out.find("\nXA1,12.25,11.11,10.17,7.25,8.96,8.56,58.30,2,2,commune,,Xã Một,") !=
             std::string::npos);
  BOOST_TEST(r.out.find("\nXA2,9.00,20.00,12.00,0.00,18.00,3.00,62.00,1,2,commune,,Xã Hai,") !=
             std::string::npos);
  // --own: each unit its own dossiers; the province has none and no row.
  all.push_back("--own");
  const Result own = run(all);
  BOOST_TEST(own.code == 0);
  BOOST_TEST(own.out.find("\nPV,") == std::string::npos);
  BOOST_TEST(own.out.find("\nXA1,12.25,11.11,10.17,7.25,8.96,8.56,58.30,") != std::string::npos);
  // Drill-down by procedure: XA1's P1 and P2 each have two dossiers not on time.
  const Result p =
      run({"index766", "--dossiers", example("dossiers.csv"), "--events", example("events.csv"),
           "--units", example("units.csv"), "--procedures", example("procedures.csv"),
           "--unit-procedures", example("unit_procedures.csv"), "--from", "2025-03-01", "--to",
           "2025-03-31", "--by", "procedure", "--format", "csv"});
  BOOST_TEST(p.code == 0);
  BOOST_TEST(p.out.find("XA1,P1,PROGRESS_ON_TIME,3,5,60.00,2,Đăng ký khai sinh\n"
                        "XA1,P2,PROGRESS_ON_TIME,1,3,33.33,2,Chứng thực chữ ký\n") !=
             std::string::npos);
  // Without units.csv the units are registered from the data (level "unknown"), and a dossier
  // file alone is enough to run.
  const Result bare =
      run({"index766", "--dossiers", example("dossiers.csv"), "--from", "2025-03-01", "--to",
           "2025-03-31", "--format", "csv", "--procedures", example("procedures.csv")});
  BOOST_TEST(bare.code == 0);
  BOOST_TEST(bare.out.find("\nXA1,") != std::string::npos);
  BOOST_TEST(bare.out.find(",unknown,,XA1,") != std::string::npos);
  // The fact files left out are named: their items score by the zero-denominator rule alone.
  BOOST_TEST(bare.err.find("warning: no --unit-procedures: PUBLISH_ON_TIME,") != std::string::npos);
  BOOST_TEST(bare.err.find("warning: no --feedback: PETITION_PROCESSING_ON_TIME and "
                           "PETITION_HANDLING_SATISFACTION count no feedback, which the "
                           "methodology scores as full points") != std::string::npos);
  BOOST_TEST(bare.err.find("warning: no --communes: ELECTRONIC_CERTIFIED_COPY has no counts") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(derived_usage_and_strict) {
  const Result a = run({"index766", "--dossiers", example("dossiers.csv"), "--from", "2025-03-01"});
  BOOST_TEST(a.code == 2);
  BOOST_TEST(first_line(a.err) == "parmetrics index766: missing option --to");
  const Result b = run({"index766", "--dossiers", example("dossiers.csv"), "--from", "2025-03-01",
                        "--to", "2025-02-01"});
  BOOST_TEST(b.code == 2);
  BOOST_TEST(first_line(b.err) == "parmetrics index766: --to is before --from");
  const Result c = run({"index766", "--dossiers", example("dossiers.csv"), "--from", "2025-03-01",
                        "--to", "2025-03-31", "--by", "field"});
  BOOST_TEST(c.code == 2);
  BOOST_TEST(first_line(c.err) == "parmetrics index766: --by field is not one of unit, procedure");
  // --strict: the events file names a dossier that is not loaded (no dossiers of XA2 here).
  const std::string events = "/tmp/parmetrics-index766-test-events.csv";
  std::ofstream(events) << "code,kind,at,new_appointment_at,public\n"
                           "NOPE,supplement_requested,2025-03-05T09:00,,\n";
  const Result d =
      run({"index766", "--dossiers", example("dossiers.csv"), "--events", events, "--procedures",
           example("procedures.csv"), "--from", "2025-03-01", "--to", "2025-03-31", "--strict"});
  BOOST_TEST(d.code == 1);
  BOOST_TEST(d.err.find("unknown dossier") != std::string::npos);
  std::remove(events.c_str());
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  const Result a = run({"index766"});
  BOOST_TEST(a.code == 2);
  BOOST_TEST(first_line(a.err) ==
             "parmetrics index766: give --counts FILE, or --dossiers FILE... with --from and --to");
  const Result b = run({"index766", "--counts", kExample, "--format", "xml"});
  BOOST_TEST(b.code == 2);
  BOOST_TEST(first_line(b.err) ==
             "parmetrics index766: --format xml is not one of table, csv, json");
  const Result c = run({"index766", "--counts", kExample, "--from", "2025-01-01"});
  BOOST_TEST(c.code == 2);
  BOOST_TEST(first_line(c.err) == "parmetrics index766: --from goes with --dossiers, not --counts");
  const Result d = run({"index766", "--counts", kExample, "--dossiers", "d.csv"});
  BOOST_TEST(d.code == 2);
  BOOST_TEST(first_line(d.err) ==
             "parmetrics index766: --counts and --dossiers exclude each other");
}

BOOST_AUTO_TEST_CASE(data_errors) {
  const Result a = run({"index766", "--counts", "/nonexistent/c.json"});
  BOOST_TEST(a.code == 1);
  BOOST_TEST(a.err ==
             "parmetrics index766: /nonexistent/c.json: cannot open the file: No such file or "
             "directory\n");
  // A province's methodology with a misspelt key is rejected before any counts are read.
  const std::string bad = "/tmp/parmetrics-index766-test-methodology.json";
  {
    std::ifstream in(PARMETRICS_DATA_DIR "/methodologies/qd766-portal-2025.json");
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    text.replace(text.find(R"("threshold": 0.5)"), 11, R"("treshold")");
    std::ofstream(bad) << text;
  }
  const Result b = run({"index766", "--counts", kExample, "--methodology", bad});
  BOOST_TEST(b.code == 1);
  const std::string expected =
      "parmetrics index766: /tmp/parmetrics-index766-test-methodology.json:$.groups[2].items[2]: "
      "field 'treshold': unknown key";
  BOOST_TEST(b.err.find(expected) != std::string::npos);
  std::remove(bad.c_str());
}

BOOST_AUTO_TEST_SUITE_END()
