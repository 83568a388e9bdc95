// parmetrics targets, driven in-process: exact CSV on hand-made values, the shipped directives on
// the bundled sample, and the errors.

#include <boost/test/unit_test.hpp>

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

struct Files {
  std::filesystem::path dir;
  std::string units, metrics, targets, bad_metric, dossiers, dossier_targets;

  Files() {
    dir = std::filesystem::temp_directory_path() /
          ("parmetrics-targets-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    units = write("units.csv",
                  "code,name,level,parent\n"
                  "P,Tỉnh,province,\n"
                  "D,Huyện,district,P\n"
                  "L,Chi nhánh,branch,D\n"
                  "C1,Xã 1,commune,D\n"
                  "C2,Xã 2,commune,D\n");
    metrics = write("metrics.csv",
                    "unit,metric,numerator,denominator\n"
                    "P,online_rate,577,1000\n"
                    "D,online_rate,40,80\n"
                    "L,online_rate,30,100\n"
                    "C1,online_rate,60,100\n"
                    "C2,online_rate,40,80\n"
                    "C1,online,60,\n"
                    "C2,online,0,\n");
    targets = write("targets.csv",
                    "id,unit,level,metric,comparison,value,period,text\n"
                    "land,L,,online_rate,>=,province,,land office\n"
                    "communes,,commune,online,>=,1,,every commune\n"
                    "parent,,commune,online_rate,>=,parent,,\n");
    bad_metric = write("bad.csv", "unit,metric,comparison,value\nL,onlin_rate,>=,50\n");
    // C1 received 2 dossiers (1 online), C2 received 1 (direct); D has none of its own.
    dossiers = write("dossiers.csv",
                     "code,unit,channel,received_at,appointment_at,ended_at,end_kind\n"
                     "d1,C1,online,2023-09-04T08:00,2023-09-06T17:00,2023-09-05T10:00,finished\n"
                     "d2,C1,direct,2023-09-04T09:00,2023-09-06T17:00,2023-09-05T10:00,finished\n"
                     "d3,C2,direct,2023-09-05T08:00,2023-09-07T17:00,2023-09-06T10:00,finished\n");
    dossier_targets = write("dossier-targets.csv",
                            "unit,level,metric,comparison,value\n"
                            ",commune,online,>=,1\n"
                            "C2,,online_rate,>=,parent\n");
  }
  ~Files() { std::filesystem::remove_all(dir); }

  std::string write(const std::string& name, const std::string& text) const {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
};

const Files& files() {
  static const Files f;
  return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(targets_command)

BOOST_AUTO_TEST_CASE(csv_of_hand_made_values) {
  const Files& f = files();
  const Result r = run({"targets", "--targets", f.targets, "--metrics", f.metrics, "--units",
                        f.units, "--format", "csv"});
  BOOST_TEST(r.code == 0);
  // land: L 30/100 = 30% against the province P 577/1000 = 57.70%: not met.
  // communes: C1 has 60 online dossiers (≥ 1, met), C2 none (not met).
  // parent: C1 60% ≥ D's 50% (met); C2 40/80 = 50% equals D's 40/80 (met).
  BOOST_TEST(r.out ==
             "target,unit,period,metric,actual,comparison,reference,reference_value,status,"
             "numerator,denominator,reference_unit,name,explanation,text\n"
             "land,L,,online_rate,30.00,>=,province,57.70,not_met,30,100,P,Chi nhánh,"
             "online_rate 30.00% (30/100) < province P 57.70% (577/1000) (target >= province),"
             "land office\n"
             "communes,C1,,online,60,>=,1,1,met,60,,,Xã 1,online 60 > 1 (target >= 1),"
             "every commune\n"
             "communes,C2,,online,0,>=,1,1,not_met,0,,,Xã 2,online 0 < 1 (target >= 1),"
             "every commune\n"
             "parent,C1,,online_rate,60.00,>=,parent,50.00,met,60,100,D,Xã 1,"
             "online_rate 60.00% (60/100) > parent D 50.00% (40/80) (target >= parent),\n"
             "parent,C2,,online_rate,50.00,>=,parent,50.00,met,40,80,D,Xã 2,"
             "online_rate 50.00% (40/80) = parent D 50.00% (40/80) (target >= parent),\n");
  const Result table = run({"targets", "--targets", f.targets, "--metrics", f.metrics, "--units",
                            f.units, "--lang", "en"});
  BOOST_TEST(table.code == 0);
  BOOST_TEST(table.out.find("  NOT MET  C2") != std::string::npos);
  BOOST_TEST(table.out.find("\n3 met, 2 not met, 0 not applicable\n") != std::string::npos);
  const Result vi =
      run({"targets", "--targets", f.targets, "--metrics", f.metrics, "--units", f.units});
  BOOST_TEST(vi.out.find("  KHÔNG ĐẠT  C2") != std::string::npos);
  BOOST_TEST(vi.out.find("\n3 đạt, 2 không đạt, 0 không áp dụng\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sipas_responses_give_the_sipas_metrics) {
  const Files& f = files();
  const std::string questionnaire =
      f.write("questionnaire.csv", "item,element,text\nA1,A,Access\nB1,B,Procedure\n");
  const std::string responses = f.write("responses.csv",
                                        "respondent,unit,item,answer\n"
                                        "R1,C1,A1,5\nR1,C1,B1,4\n"
                                        "R2,C1,A1,2\nR2,C1,B1,5\n");
  const std::string targets =
      f.write("sipas-targets.csv", "id,unit,metric,comparison,value\nsat,C1,sipas.overall,>=,80\n");
  // C1: A1 satisfied 1 of 2 (50%), B1 2 of 2 (100%); elements A 50, B 100; overall their mean,
  // 75 < 80: not met.
  const Result r = run({"targets", "--targets", targets, "--sipas", responses, "--questionnaire",
                        questionnaire, "--units", f.units, "--format", "csv"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("\nsat,C1,,sipas.overall,75.00,>=,80,80,not_met,") != std::string::npos,
             r.out);
  const Result alone = run({"targets", "--targets", targets, "--questionnaire", questionnaire});
  BOOST_TEST(alone.code == 2);
  BOOST_TEST(alone.err.find("--questionnaire goes with --sipas") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(from_dossier_files) {
  const Files& f = files();
  const Result r = run({"targets", "--targets", f.dossier_targets, "--dossiers", f.dossiers,
                        "--units", f.units, "--format", "csv"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err == f.units + ": read 5, loaded 5, rejected 0\n" + f.dossiers +
                          ": read 3, loaded 3, rejected 0\n");
  // The run's period is the days of receipt, 4–5 September. C1 has 1 online dossier (met), C2
  // none (not met). C2's online rate 0/1 against its parent D, whose row rolls up its communes:
  // 1 online of 3 received = 33.33%: not met.
  BOOST_TEST(r.out ==
             "target,unit,period,metric,actual,comparison,reference,reference_value,status,"
             "numerator,denominator,reference_unit,name,explanation,text\n"
             "line 2,C1,2023-09-04..2023-09-05,online,1,>=,1,1,met,1,,,Xã 1,"
             "online 1 = 1 (target >= 1),\n"
             "line 2,C2,2023-09-04..2023-09-05,online,0,>=,1,1,not_met,0,,,Xã 2,"
             "online 0 < 1 (target >= 1),\n"
             "line 3,C2,2023-09-04..2023-09-05,online_rate,0.00,>=,parent,33.33,not_met,0,1,D,"
             "Xã 2,online_rate 0.00% (0/1) < parent D 33.33% (1/3) (target >= parent),\n");
}

BOOST_AUTO_TEST_CASE(the_directives_of_the_district_report_on_the_bundled_sample) {
  const std::string targets = std::string(PARMETRICS_DATA_DIR) + "/targets/sample-directives.csv";
  const Result r = run({"targets", "--targets", targets, "--format", "csv"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.err.find("the bundled sample") != std::string::npos);
  // What the sample was built to show (primer §1, docs/sample-data.md): the land-registration
  // office below the province's online rate; Hiệp Thuận (000.25) and Quế Lưu (000.28) without
  // any online dossier while the 9 other communes have some; no apology made public.
  std::size_t communes_met = 0, communes_not_met = 0, apology_rows = 0, apology_met = 0;
  bool land_seen = false;
  for (const std::string& row : lines(r.out)) {
    if (row.starts_with("land-office-online,")) {
      land_seen = true;
      BOOST_TEST(row.starts_with("land-office-online,000.03.30.H55,2023-08,online_rate,"));
      BOOST_TEST(row.find(",province,") != std::string::npos);
      BOOST_TEST(row.find(",not_met,") != std::string::npos);
    } else if (row.starts_with("communes-online,")) {
      const bool no_online = row.starts_with("communes-online,000.25.30.H55,") ||
                             row.starts_with("communes-online,000.28.30.H55,");
      BOOST_TEST((row.find(no_online ? ",not_met," : ",met,") != std::string::npos), row);
      (no_online ? communes_not_met : communes_met)++;
    } else if (row.starts_with("public-apology,")) {
      ++apology_rows;
      if (row.find(",met,") != std::string::npos) ++apology_met;
    }
  }
  BOOST_TEST(land_seen);
  BOOST_TEST(communes_met == 9u);
  BOOST_TEST(communes_not_met == 2u);
  BOOST_TEST(apology_rows > 0u);
  BOOST_TEST(apology_met == 0u);
}

BOOST_AUTO_TEST_CASE(json) {
  const Files& f = files();
  const Result r = run({"targets", "--targets", f.targets, "--metrics", f.metrics, "--units",
                        f.units, "--format", "json"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out.find(R"("status": "not_met")") != std::string::npos);
  BOOST_TEST(r.out.find(R"("unit": "P")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(errors) {
  const Files& f = files();
  const Result missing = run({"targets"});
  BOOST_TEST(missing.code == 2);
  BOOST_TEST(missing.err.starts_with("parmetrics targets: missing option --targets\n"));
  const Result metric = run({"targets", "--targets", f.bad_metric, "--metrics", f.metrics});
  BOOST_TEST(metric.code == 1);
  BOOST_TEST(metric.err == "parmetrics targets: " + f.bad_metric +
                               ":2: field 'metric': unknown metric 'onlin_rate' (known: "
                               "online, online_rate)\n");
  // A level target without the list of units.
  const Result level = run({"targets", "--targets", f.targets, "--metrics", f.metrics});
  BOOST_TEST(level.code == 1);
  BOOST_TEST(level.err.find(":3: field 'level': a level target needs the list of units") !=
             std::string::npos);
  const Result stray =
      run({"targets", "--targets", f.targets, "--metrics", f.metrics, "--from", "2023-01-01"});
  BOOST_TEST(stray.code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
