// parmetrics sipas, driven in-process: exact CSV and JSON on a hand-computed set, the table, the
// sample size mode, rejections and usage errors.

#include <boost/test/unit_test.hpp>

#include <map>
#include <utility>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/cli_run.hpp"

using namespace parmetrics::test::cli;

namespace {

/// A scratch folder with the hand set's questionnaire and responses.
struct Files {
  std::filesystem::path dir;
  std::string questionnaire, responses, one_item, one_item_responses, bad;

  Files() {
    dir = std::filesystem::temp_directory_path() /
          ("parmetrics-sipas-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    questionnaire = write("q.csv",
                          "item,element,text\n"
                          "A1,A,first access item\n"
                          "A2,A,second access item\n"
                          "B1,B,procedure item\n"
                          "E1,E,feedback item\n");
    // r1, r2 in U1; r3, r4 in U2; E1 no opinion for all, r4 no opinion on A1.
    responses = write("r.csv",
                      "respondent,unit,item,answer\n"
                      "r1,U1,A1,5\nr1,U1,A2,3\nr1,U1,B1,4\nr1,U1,E1,\n"
                      "r2,U1,A1,4\nr2,U1,A2,4\nr2,U1,B1,5\nr2,U1,E1,\n"
                      "r3,U2,A1,2\nr3,U2,A2,5\nr3,U2,B1,5\nr3,U2,E1,\n"
                      "r4,U2,A1,\nr4,U2,A2,1\nr4,U2,B1,2\nr4,U2,E1,\n");
    one_item = write("q1.csv", "item,element,text\nA1,A,only item\n");
    one_item_responses = write("r1.csv", "respondent,unit,item,answer\nr1,U1,A1,5\nr2,U1,A1,3\n");
    bad = write("bad.csv", "respondent,unit,item,answer\nr1,U1,A1,5\nr2,U1,A1,9\n");
  }
  ~Files() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string write(const char* name, const std::string& text) {
    const auto p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sipas_command)

BOOST_AUTO_TEST_CASE(csv_all_respondents_by_hand) {
  const Files f;
  const Result r = run({"sipas", "--responses", f.responses, "--questionnaire", f.questionnaire,
                        "--format", "csv", "--bootstrap", "0"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err == f.responses + ": read 16, loaded 16 (5 with no opinion), rejected 0\n");
  // A: items 2/3 and 2/4 satisfied → (66.67 + 50)/2 = 58.33; weighted (66.67 + 56.25)/2 = 61.46.
  // B: 3/4 → 75.00; weighted (75 + 100 + 100 + 25)/4 = 75.00. E: no valid answer.
  // Overall: (58.33 + 75)/2 = 66.67; weighted (61.458 + 75)/2 = 68.23. No bootstrap: no interval.
  BOOST_TEST(r.out ==
             "group,element,respondents,satisfied_share,ci_low,ci_high,weighted_score,"
             "valid_answers,name\n"
             "all,A,4,58.33,,,61.46,7,Tiếp cận dịch vụ hành chính công\n"
             "all,B,4,75.00,,,75.00,4,Thủ tục hành chính\n"
             "all,E,0,,,,,0,\"Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị\"\n"
             "all,overall,4,66.67,,,68.23,11,\n");
}

BOOST_AUTO_TEST_CASE(csv_by_unit_by_hand) {
  const Files f;
  const Result r = run({"sipas", "--responses", f.responses, "--questionnaire", f.questionnaire,
                        "--format", "csv", "--bootstrap", "0", "--by", "unit"});
  BOOST_TEST(r.code == 0);
  // U1: A1 5,4 → 100% (weighted 87.5); A2 3,4 → 50% (62.5); A 75.00 (75.00); B1 4,5 → 100.00
  //     (87.50); overall (75 + 100)/2 = 87.50, weighted (75 + 87.5)/2 = 81.25.
  // U2: A1 2 → 0% (25); A2 5,1 → 50% (50); A 25.00 (37.50); B1 5,2 → 50.00 (62.50);
  //     overall 37.50, weighted (37.5 + 62.5)/2 = 50.00.
  BOOST_TEST(r.out ==
             "group,element,respondents,satisfied_share,ci_low,ci_high,weighted_score,"
             "valid_answers,name\n"
             "U1,A,2,75.00,,,75.00,4,Tiếp cận dịch vụ hành chính công\n"
             "U1,B,2,100.00,,,87.50,2,Thủ tục hành chính\n"
             "U1,E,0,,,,,0,\"Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị\"\n"
             "U1,overall,2,87.50,,,81.25,6,\n"
             "U2,A,2,25.00,,,37.50,3,Tiếp cận dịch vụ hành chính công\n"
             "U2,B,2,50.00,,,62.50,2,Thủ tục hành chính\n"
             "U2,E,0,,,,,0,\"Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị\"\n"
             "U2,overall,2,37.50,,,50.00,5,\n");
}

BOOST_AUTO_TEST_CASE(csv_items_with_wilson_intervals) {
  const Files f;
  const Result r = run({"sipas", "--responses", f.responses, "--questionnaire", f.questionnaire,
                        "--format", "csv", "--items"});
  BOOST_TEST(r.code == 0);
  // Wilson 95% by hand (z² = 3.8415): 2/3 → 20.77–93.85; 2/4 → 15.00–85.00; 3/4 → 30.06–95.44.
  BOOST_TEST(r.out ==
             "group,item,element,respondents,valid_answers,no_opinion,satisfied,satisfied_share,"
             "ci_low,ci_high,weighted_score,answers_1,answers_2,answers_3,answers_4,answers_5\n"
             "all,A1,A,4,3,1,2,66.67,20.77,93.85,66.67,0,1,0,1,1\n"
             "all,A2,A,4,4,0,2,50.00,15.00,85.00,56.25,1,0,1,1,1\n"
             "all,B1,B,4,4,0,3,75.00,30.06,95.44,75.00,0,1,0,1,2\n"
             "all,E1,E,4,0,4,0,,,,,0,0,0,0,0\n");
}

BOOST_AUTO_TEST_CASE(bootstrap_output_is_deterministic_and_seeded) {
  const Files f;
  auto csv = [&](std::string_view seed) {
    return run({"sipas", "--responses", f.responses, "--questionnaire", f.questionnaire, "--format",
                "csv", "--seed", seed, "--bootstrap", "300"})
        .out;
  };
  const std::string a = csv("1");
  BOOST_TEST(a == csv("1"));
  BOOST_TEST(a != csv("2"));
  // The header starts exactly as the issue asks; one row per element and an overall row.
  BOOST_TEST(first_line(a).starts_with(
      "group,element,respondents,satisfied_share,ci_low,ci_high,weighted_score"));
  std::istringstream lines(a);
  std::string line;
  std::getline(lines, line);
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    if (line.starts_with("all,A,")) {
      // The point estimate and its interval: 58.33 inside [low, high].
      std::vector<std::string> cells;
      std::stringstream ss(line);
      for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
      BOOST_REQUIRE(cells.size() >= 6U);
      BOOST_TEST(std::stod(cells[4]) <= 58.33);
      BOOST_TEST(std::stod(cells[5]) >= 58.33);
    }
  }
  BOOST_TEST(rows == 4);
}

BOOST_AUTO_TEST_CASE(json_by_hand) {
  const Files f;
  const Result r = run({"sipas", "--responses", f.one_item_responses, "--questionnaire", f.one_item,
                        "--format", "json", "--bootstrap", "0"});
  BOOST_TEST(r.code == 0);
  // A1: answers 5 and 3 → 1/2 satisfied, Wilson 9.45–90.55, weighted (100 + 50)/2 = 75.
  BOOST_TEST(
      r.out ==
      "{\n"
      "  \"unit_of_shares\": \"percent\",\n"
      "  \"bootstrap\": {\"replicates\": 0, \"seed\": 20231211, \"confidence\": 0.95},\n"
      "  \"import\": {\"read\": 2, \"loaded\": 2, \"rejected\": 0, \"no_opinion\": 0},\n"
      "  \"groups\": [\n"
      "    {\"group\": \"all\", \"respondents\": 2, \"valid_answers\": 2, \"no_opinion\": 0, "
      "\"undefined_replicates\": 0,\n"
      "     \"overall\": {\"satisfied_share\": 50.00, \"ci_low\": null, \"ci_high\": null, "
      "\"weighted_score\": 75.00},\n"
      "     \"elements\": [\n"
      "      {\"element\": \"A\", \"name\": \"Tiếp cận dịch vụ hành chính công\", "
      "\"respondents\": 2, \"valid_answers\": 2, \"satisfied_share\": 50.00, \"ci_low\": null, "
      "\"ci_high\": null, \"weighted_score\": 75.00,\n"
      "       \"items\": [\n"
      "        {\"item\": \"A1\", \"respondents\": 2, \"valid_answers\": 2, \"no_opinion\": 0, "
      "\"answers\": [0, 0, 1, 0, 1], \"satisfied_share\": 50.00, \"ci_low\": 9.45, "
      "\"ci_high\": 90.55, \"weighted_score\": 75.00}]}]}\n"
      "  ]\n"
      "}\n");
}

BOOST_AUTO_TEST_CASE(table_lists_every_row) {
  const Files f;
  const Result r = run({"sipas", "--responses", f.responses, "--questionnaire", f.questionnaire,
                        "--by", "unit", "--bootstrap", "200", "--lang", "en"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out.find("200 replicates, seed 20231211") != std::string::npos);
  // In Vietnamese (the default): the catalogue's labels, decimal commas.
  const Result vi = run({"sipas", "--responses", f.responses, "--questionnaire", f.questionnaire,
                         "--by", "unit", "--bootstrap", "200"});
  BOOST_TEST(vi.out.find("200 lần lặp, seed 20231211") != std::string::npos);
  BOOST_TEST(vi.out.find("người trả lời") != std::string::npos);
  BOOST_TEST(vi.out.find("75,00") != std::string::npos);
  BOOST_TEST(r.out.find("Thủ tục hành chính") != std::string::npos);
  // Every row: group, element, respondents, satisfied share (the interval's columns and the
  // name skipped), weighted score. By hand (answers 4-5 satisfied; weights 0/25/50/75/100):
  // U1: A1 5,4 → 100 % (weighted 87.5); A2 3,4 → 50 % (62.5); A = 75 (75); B1 4,5 → 100 (87.5);
  //     E no valid answer; overall = mean of A and B = 87.50 (81.25).
  // U2: A1 2 → 0 % (25); A2 5,1 → 50 % (50); A = 25 (37.5); B1 5,2 → 50 % (62.5);
  //     overall 37.50 (50.00).
  std::map<std::string, std::pair<std::string, std::string>> rows;  // "U1 A" → share, weighted
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string x; words >> x;) w.push_back(x);
    if (w.size() < 4 || (w[0] != "U1" && w[0] != "U2")) continue;
    // With data: group element respondents share low – high weighted valid name…
    rows[w[0] + " " + w[1]] = w[3] == "-" ? std::pair{w[3], w[5]} : std::pair{w[3], w[7]};
  }
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"U1 A", {"75.00", "75.00"}}, {"U1 B", {"100.00", "87.50"}},
      {"U1 E", {"-", "-"}},         {"U1 overall", {"87.50", "81.25"}},
      {"U2 A", {"25.00", "37.50"}}, {"U2 B", {"50.00", "62.50"}},
      {"U2 E", {"-", "-"}},         {"U2 overall", {"37.50", "50.00"}}};
  BOOST_TEST(rows.size() == expected.size());
  for (const auto& [key, value] : expected) {
    BOOST_TEST_CONTEXT(key) {
      BOOST_TEST_REQUIRE(rows.count(key) == 1u);
      BOOST_TEST(rows.at(key).first == value.first);
      BOOST_TEST(rows.at(key).second == value.second);
    }
  }
}

BOOST_AUTO_TEST_CASE(default_questionnaire_and_example_data) {
  const std::string example = std::string(PARMETRICS_DATA_DIR) + "/sipas/responses-example.csv";
  const Result r = run(
      {"sipas", "--responses", example, "--by", "unit", "--format", "csv", "--bootstrap", "100"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err == example + ": read 1710, loaded 1710 (180 with no opinion), rejected 0\n");
  // 3 units × (5 elements + overall) + header.
  BOOST_TEST(std::count(r.out.begin(), r.out.end(), '\n') == 19);
}

BOOST_AUTO_TEST_CASE(sample_size_mode) {
  // 10000 / (1 + 10000 × 0.05²) = 384.6 → 385.
  const Result csv = run({"sipas", "--population", "10000", "--margin", "0.05", "--format", "csv"});
  BOOST_TEST(csv.code == 0);
  BOOST_TEST(csv.out == "population,margin,sample_size\n10000,0.05,385\n");
  BOOST_TEST(run({"sipas", "--population", "10000", "--margin", "5%", "--format", "csv"}).out ==
             csv.out);
  // The margin defaults to 5%.
  BOOST_TEST(run({"sipas", "--population", "10000", "--format", "json"}).out ==
             "{\"population\": 10000, \"margin\": 0.05, \"sample_size\": 385}\n");
  BOOST_TEST(run({"sipas", "--population", "10000"}).out.find(": 385 người trả lời") !=
             std::string::npos);
  BOOST_TEST(run({"sipas", "--population", "10000", "--lang", "en"}).out.find(": 385 respondents") !=
             std::string::npos);
  BOOST_TEST(run({"sipas", "--population", "0"}).code == 2);
  BOOST_TEST(run({"sipas", "--population", "100", "--margin", "1.5"}).code == 2);
  BOOST_TEST(run({"sipas", "--population", "100", "--margin", "x"}).code == 2);
  BOOST_TEST(run({"sipas", "--margin", "0.05"}).code == 2);
}

BOOST_AUTO_TEST_CASE(rejections_are_reported_and_strict_fails) {
  const Files f;
  const Result lenient = run({"sipas", "--responses", f.bad, "--questionnaire", f.one_item,
                              "--format", "csv", "--bootstrap", "0"});
  BOOST_TEST(lenient.code == 3);
  BOOST_TEST(lenient.err == f.bad + ": read 2, loaded 1 (0 with no opinion), rejected 1\n  " +
                                f.bad +
                                ":3: field 'answer' = '9': answer must be 1 to 5, or empty "
                                "for no opinion\n"
                                "parmetrics sipas: 1 record rejected (output produced; exit "
                                "status 3)\n");
  BOOST_TEST(lenient.out.find("all,overall,1,100.00,,,100.00,1,") != std::string::npos);
  const Result strict =
      run({"sipas", "--responses", f.bad, "--questionnaire", f.one_item, "--strict"});
  BOOST_TEST(strict.code == 1);
  BOOST_TEST(strict.err == "parmetrics sipas: " + f.bad +
                               ":3: field 'answer': '9': answer must be 1 to 5, or empty for "
                               "no opinion\n");
}

BOOST_AUTO_TEST_CASE(usage_and_file_errors) {
  const Files f;
  const Result none = run({"sipas"});
  BOOST_TEST(none.code == 2);
  BOOST_TEST(first_line(none.err) == "parmetrics sipas: missing option --responses");
  BOOST_TEST(run({"sipas", "--responses", f.responses, "--by", "level"}).code == 2);
  BOOST_TEST(run({"sipas", "--responses", f.responses, "--format", "xml"}).code == 2);
  BOOST_TEST(run({"sipas", "--responses", f.responses, "--bootstrap", "-1"}).code == 2);
  BOOST_TEST(run({"sipas", "--responses", f.responses, "--seed", "abc"}).code == 2);
  BOOST_TEST(run({"sipas", "--responses", f.responses, "--population", "10"}).code == 2);
  const Result missing =
      run({"sipas", "--responses", "/nonexistent/r.csv", "--questionnaire", f.questionnaire});
  BOOST_TEST(missing.code == 1);
  BOOST_TEST(
      missing.err ==
      "parmetrics sipas: /nonexistent/r.csv: cannot open the file: No such file or directory\n");
  const Result bad_q = run({"sipas", "--responses", f.responses, "--questionnaire", f.responses});
  BOOST_TEST(bad_q.code == 1);
  BOOST_TEST(bad_q.err == "parmetrics sipas: " + f.responses +
                              ":1: field 'element': missing column (the header needs "
                              "item,element,text)\n");
}

BOOST_AUTO_TEST_SUITE_END()
