// The exit status is the same for every command that imports records (README, "Exit status"):
// 0 all loaded; 3 output written with records rejected, the last line of stderr saying how many;
// 1 under --strict; 2 a wrong command line.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/cli_run.hpp"

using namespace parmetrics::test::cli;

namespace {

struct Files {
  std::filesystem::path dir;
  std::string units, good, bad, targets, methodology;

  Files() {
    dir = std::filesystem::temp_directory_path() /
          ("parmetrics-exit-status-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    units = write("units.csv", "code,name,level,parent\nD,Huyện,district,\nC1,Xã 1,commune,D\n");
    const std::string header = "code,unit,channel,received_at,appointment_at,ended_at,end_kind\n";
    const std::string d1 =
        "d1,C1,online,2023-09-04T08:00,2023-09-06T17:00,2023-09-05T10:00,finished\n";
    good = write("good.csv", header + d1);
    // 'fax' is no channel: one record of two rejected.
    bad = write(
        "bad.csv",
        header + d1 + "d2,C1,fax,2023-09-04T09:00,2023-09-06T17:00,2023-09-05T10:00,finished\n");
    targets = write("targets.csv", "unit,metric,comparison,value\nC1,online,>=,1\n");
    methodology =
        std::string(PARMETRICS_DATA_DIR) + "/methodologies/par-district-commune-example.json";
  }
  ~Files() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path.string();
  }

  // Each command with its own options, reading `dossiers`.
  std::vector<std::vector<std::string>> commands(const std::string& dossiers) const {
    return {
        {"report", "--units", units, "--dossiers", dossiers, "--format", "csv"},
        {"index766", "--units", units, "--dossiers", dossiers, "--from", "2023-09-01", "--to",
         "2023-09-30", "--format", "csv"},
        {"par", "--methodology", methodology, "--units", units, "--dossiers", dossiers, "--format",
         "csv"},
        {"targets", "--targets", targets, "--units", units, "--dossiers", dossiers, "--format",
         "csv"},
    };
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(exit_status)

BOOST_AUTO_TEST_CASE(zero_when_every_record_loads) {
  const Files f;
  for (const auto& args : f.commands(f.good)) {
    const Result r = run(args);
    BOOST_TEST(r.code == 0, args[0]);
    BOOST_TEST(r.err.find(f.good + ": read 1, loaded 1, rejected 0") != std::string::npos, args[0]);
  }
}

BOOST_AUTO_TEST_CASE(three_when_output_is_written_with_rejections) {
  const Files f;
  for (const auto& args : f.commands(f.bad)) {
    const Result r = run(args);
    BOOST_TEST(r.code == 3, args[0]);
    BOOST_TEST(!r.out.empty(), args[0]);
    // The same words in every command: the file's summary, the rejection with its line, and the
    // closing line.
    BOOST_TEST(r.err.find(f.bad + ": read 2, loaded 1, rejected 1") != std::string::npos, args[0]);
    BOOST_TEST(r.err.find(f.bad + ":3: field 'channel' = 'fax': bad channel") != std::string::npos,
               args[0]);
    BOOST_TEST(lines(r.err).back() ==
                   "parmetrics " + args[0] + ": 1 record rejected (output produced; exit status 3)",
               args[0]);
  }
}

BOOST_AUTO_TEST_CASE(one_under_strict) {
  const Files f;
  for (auto args : f.commands(f.bad)) {
    args.push_back("--strict");
    const Result r = run(args);
    BOOST_TEST(r.code == 1, args[0]);
    BOOST_TEST(r.out.empty(), args[0]);
    // Every command reads and summarises every file first, then stops with the same words.
    BOOST_TEST(r.err.find(f.bad + ": read 2, loaded 1, rejected 1") != std::string::npos, args[0]);
    BOOST_TEST(lines(r.err).back() == "parmetrics " + args[0] + ": 1 record rejected (--strict)",
               args[0]);
  }
}

BOOST_AUTO_TEST_CASE(a_directory_given_as_a_file_gets_one_message_everywhere) {
  const Files f;
  const std::string dir = f.dir.string();
  const std::vector<std::vector<std::string>> commands = {
      {"report", "--dossiers", dir},
      {"report", "--portal", dir},
      {"index766", "--counts", dir},
      {"par", "--methodology", dir},
      {"sipas", "--responses", dir},
      {"targets", "--targets", dir},
      {"calendar", "--from", "2023-01-01", "--to", "2023-01-02", "--calendar", dir},
  };
  for (const auto& args : commands) {
    const Result r = run(args);
    BOOST_TEST(r.code == 1, args[0] << " " << args[1]);
    BOOST_TEST(lines(r.err).back() ==
                   "parmetrics " + args[0] + ": " + dir + ": cannot read the file: Is a directory",
               args[0] << " " << args[1]);
  }
}

BOOST_AUTO_TEST_SUITE_END()
