// The parmetrics command line, driven in-process: exact output formats and exit codes.

#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_run.hpp"
#include "commands.hpp"

using namespace parmetrics::test::cli;

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(version_and_help) {
  const Result v = run({"--version"});
  BOOST_TEST(v.code == 0);
  BOOST_TEST(v.out == "parmetrics 0.1.0\n");
  const Result h = run({"--help"});
  BOOST_TEST(h.code == 0);
  BOOST_TEST(h.out.find("calendar") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_command_explains_every_option) {
  for (const parmetrics::cli::Command& c : parmetrics::cli::commands()) {
    for (const char* flag : {"--help", "-h"}) {
      const Result h = run({std::string(c.name), flag});
      BOOST_TEST(h.code == 0, c.name << " " << flag);
      BOOST_TEST(h.out.starts_with("usage: parmetrics " + std::string(c.name)), c.name);
      for (const parmetrics::cli::FlagSpec& f : c.flags) {
        BOOST_TEST(!f.help.empty(), c.name << " --" << f.name << " has no help");
        // One line that names the option and says what it does.
        const std::string option = "  --" + std::string(f.name);
        const std::size_t at = h.out.find(option + " ");
        const std::size_t alone = h.out.find(option + "\n");
        BOOST_TEST((at != std::string::npos || alone != std::string::npos), c.name << option);
        BOOST_TEST(h.out.find(std::string(f.help)) != std::string::npos, c.name << option);
      }
    }
  }
  const Result top = run({"--help"});
  BOOST_TEST(top.out.find("'parmetrics COMMAND --help' (or -h)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_commands_and_flags_are_usage_errors) {
  const Result a = run({"frobnicate"});
  BOOST_TEST(a.code == 2);
  BOOST_TEST(first_line(a.err) == "parmetrics: unknown command 'frobnicate'");
  BOOST_TEST(a.err.find("usage: parmetrics") != std::string::npos);
  const Result b = run({"calendar", "--from", "2024-01-01", "--to", "2024-01-02", "--colour"});
  BOOST_TEST(b.code == 2);
  BOOST_TEST(first_line(b.err) == "parmetrics calendar: unknown option --colour");
  const Result c = run({});
  BOOST_TEST(c.code == 2);
  const Result d = run({"--frob"});
  BOOST_TEST(d.code == 2);
  BOOST_TEST(first_line(d.err) == "parmetrics: unknown option --frob");
}

BOOST_AUTO_TEST_CASE(calendar_csv) {
  // New Year 2023 fell on a Sunday: Monday 2 January was the compensation day.
  const Result r = run({"calendar", "--from", "2022-12-31", "--to", "2023-01-03"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out ==
             "date,working,kind,name\n"
             "2022-12-31,0,weekend,\n"
             "2023-01-01,0,weekend,Tết Dương lịch\n"
             "2023-01-02,0,observed,Nghỉ bù Tết Dương lịch\n"
             "2023-01-03,1,workday,\n");
}

BOOST_AUTO_TEST_CASE(calendar_says_once_which_years_are_computed) {
  // 2026 is announced in the shipped data, 2027 not (issue 12): one line on stderr.
  const Result announced = run({"calendar", "--from", "2026-12-30", "--to", "2026-12-31"});
  BOOST_TEST(announced.err.empty());
  const Result computed = run({"calendar", "--from", "2026-12-30", "--to", "2027-01-02"});
  BOOST_TEST(computed.code == 0);
  BOOST_TEST(computed.err ==
             "parmetrics calendar: no announced schedule of days off for 2027: computed by the "
             "law's rules (give the official one with --calendar FILE once it is published)\n");
}

BOOST_AUTO_TEST_CASE(calendar_quotes_names_with_commas) {
  const Result r = run({"calendar", "--from", "2025-04-30", "--to", "2025-04-30"});
  BOOST_TEST(r.out ==
             "date,working,kind,name\n"
             "2025-04-30,0,holiday,\"Ngày Giải phóng miền Nam, thống nhất đất nước\"\n");
}

BOOST_AUTO_TEST_CASE(dates_are_checked) {
  for (auto bad : {"2024-02-30", "2024/01/01", "24-01-01", "1899-12-31", "2200-01-01", ""}) {
    const Result r = run({"calendar", "--from", bad, "--to", "2024-03-01"});
    BOOST_TEST_CONTEXT(bad) {
      BOOST_TEST(r.code == 2);
      BOOST_TEST(r.err.find("--from") != std::string::npos);
    }
  }
  BOOST_TEST(run({"calendar", "--from", "2024-03-02", "--to", "2024-03-01"}).code == 2);
  BOOST_TEST(run({"calendar", "--from", "2024-03-02"}).code == 2);
  BOOST_TEST(run({"lunar", "2024-02-31"}).code == 2);
}

BOOST_AUTO_TEST_CASE(lunar_rows) {
  // Tết Giáp Thìn: 2024-02-10 is 1/1 of lunar 2024; the day before is 30/12 of lunar 2023.
  const Result one = run({"lunar", "2024-02-10"});
  BOOST_TEST(one.code == 0);
  BOOST_TEST(one.out == "date,lunar_day,lunar_month,lunar_year,leap\n2024-02-10,1,1,2024,0\n");
  const Result range = run({"lunar", "--from", "2024-02-09", "--to", "2024-02-10"});
  BOOST_TEST(range.out ==
             "date,lunar_day,lunar_month,lunar_year,leap\n"
             "2024-02-09,30,12,2023,0\n"
             "2024-02-10,1,1,2024,0\n");
  // 2023 had a leap second month: 2023-03-22 was 1/2 (leap) Quý Mão.
  BOOST_TEST(run({"lunar", "2023-03-22"}).out ==
             "date,lunar_day,lunar_month,lunar_year,leap\n2023-03-22,1,2,2023,1\n");
}

BOOST_AUTO_TEST_CASE(due_prints_the_appointment) {
  // Wed 2024-02-07 16:00 + 4 h: 60 min that day, Tết from 8/2 to 14/2, then 07:00 + 180 → 10:00.
  const Result r = run({"due", "--received", "2024-02-07T16:00", "--duration", "4h"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "2024-02-15T10:00\n");
  // A pause over the lunch break and an hour: 11:00–14:30 holds 30 + 60 working minutes.
  const Result p = run({"due", "--received", "2023-03-06T07:00", "--duration", "1d", "--pause",
                        "2023-03-06T11:00/2023-03-06T14:30"});
  BOOST_TEST(p.out == "2023-03-07T08:30\n");
  const Result e = run({"due", "--received", "2023-03-06T07:00", "--duration", "1d", "--pause",
                        "2023-03-06T11:00/2023-03-06T14:30", "--pause-policy", "elapsed"});
  BOOST_TEST(e.out == "2023-03-06T20:30\n");
}

BOOST_AUTO_TEST_CASE(due_usage_errors) {
  BOOST_TEST(run({"due", "--received", "2024-02-07 16:00", "--duration", "4h"}).code == 0);
  BOOST_TEST(run({"due", "--received", "2024-02-07T25:00", "--duration", "4h"}).code == 2);
  BOOST_TEST(run({"due", "--received", "2024-02-07T16:00", "--duration", "4x"}).code == 2);
  BOOST_TEST(run({"due", "--received", "2024-02-07T16:00"}).code == 2);
  BOOST_TEST(run({"due", "--received", "2024-02-07T16:00", "--duration", "4h", "--pause",
                  "2024-02-07T16:00"})
                 .code == 2);
  // A pause before the receipt is no pause of this dossier (issue 12).
  const Result before = run({"due", "--received", "2024-02-07T16:00", "--duration", "4h", "--pause",
                             "2024-02-07T15:00/2024-02-07T17:00"});
  BOOST_TEST(before.code == 2);
  BOOST_TEST(before.err.find("starts before --received") != std::string::npos);
  // No appointment outside the calendar's range is printed: an error, exit 1.
  const Result late = run({"due", "--received", "2199-12-15T08:00", "--duration", "30cd"});
  BOOST_TEST(late.code == 1);
  BOOST_TEST(late.out.empty());
}

BOOST_AUTO_TEST_CASE(a_bad_calendar_file_fails_with_its_name) {
  const Result r = run({"calendar", "--from", "2024-01-01", "--to", "2024-01-02", "--calendar",
                        "/nonexistent/x.json"});
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err ==
             "parmetrics calendar: /nonexistent/x.json: cannot open the file: No such file or "
             "directory\n");
}

BOOST_AUTO_TEST_SUITE_END()
