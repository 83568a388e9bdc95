// parmetrics report, driven in-process on small CSV files written here, every figure computed by
// hand.
//
// March 2023 (no holiday; 1 March is a Wednesday). Units P ─ D ─ {C1, C2}. Dossiers:
//   a  C1  online  received 03-01 08:00, appointment 03-03 17:00, ended 03-02 10:00  → early
//   b  C1  direct  received 03-06 08:00, appointment 03-08 17:00, ended 03-09 09:00  → late;
//                  apology issued 03-09 08:00, after the appointment → apology late
//   c  C2  postal  received 03-06 08:00, appointment 03-10 17:00, ended 03-10 09:00  → on time
//   d  C2  direct  received 02-20 09:00, appointment 04-05 17:00, pending            → carried
//                  over (channels count receipts only), within time
//   e  D   online  received 03-13 08:00, appointment 03-15 17:00, pending            → overdue;
//                  apology issued Tue 03-14 09:00, the working day before Wed 15 → on time,
//                  public, new appointment 03-20 17:00 missed (pending at as-of 04-01 00:00)
// Rolled up, P = D: in scope 5, received 4, carried over 1, online 2, direct 1, postal 1, early 1,
// on time 1, late 1, within time 1, overdue 1; late rate 2/5 = 40.00, online rate 2/4 = 50.00;
// apologies needed 2: on time 1 (e), late 1 (b), missing 0.

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_run.hpp"

using namespace parmetrics::test::cli;

namespace {

namespace fs = std::filesystem;

/// The fields of a CSV line (RFC 4180 quoting, no line feeds inside).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

/// The first n comma-separated columns of a CSV line (the fixed ones hold no quotes).
std::string first_columns(const std::string& line, int n) {
  std::size_t pos = 0;
  for (int i = 0; i < n && pos != std::string::npos; ++i) {
    pos = line.find(',', pos == 0 && i == 0 ? 0 : pos + 1);
  }
  return pos == std::string::npos ? line : line.substr(0, pos);
}

const std::string kHeader =
    "group,in_scope,received,carried_over,online,direct,postal,early,on_time,late,within_time,"
    "overdue,late_rate,online_rate,apology_needed,apology_on_time,apology_late,apology_missing";

/// A temporary folder with the data files, removed at the end of the test.
struct Files {
  fs::path dir;
  explicit Files(const std::string& extra_dossiers = "") {
    static std::atomic<int> counter{0};
    dir = fs::temp_directory_path() / ("parmetrics-report-test-" + std::to_string(::getpid()) +
                                       "-" + std::to_string(counter++));
    fs::create_directories(dir);
    write("units.csv",
          "code,name,level,parent,valid_from,valid_to,successor\n"
          "P,Tỉnh P,province,,,,\n"
          "D,Huyện D,district,P,,,\n"
          "C1,Xã C1,commune,D,,,\n"
          "C2,\"Xã C2, mới\",commune,D,,,\n");
    write("procedures.csv",
          "code,name,field,duration,duration_kind,online_level,fee,citizen\n"
          "PR1,Thủ tục một,Đất đai,3,d,full,0,1\n");
    write("dossiers.csv",
          "code,procedure,unit,channel,received_at,appointment_at,ended_at,end_kind\n"
          "a,PR1,C1,online,2023-03-01T08:00,2023-03-03T17:00,2023-03-02T10:00,finished\n"
          "b,PR1,C1,direct,2023-03-06T08:00,2023-03-08T17:00,2023-03-09T09:00,finished\n"
          "c,PR1,C2,postal,2023-03-06T08:00,2023-03-10T17:00,2023-03-10T09:00,finished\n"
          "d,,C2,direct,2023-02-20T09:00,2023-04-05T17:00,,\n"
          "e,PR1,D,online,2023-03-13T08:00,2023-03-15T17:00,,\n" +
              extra_dossiers);
    write("events.csv",
          "code,kind,at,new_appointment_at,public\n"
          "b,apology,2023-03-09T08:00,,0\n"
          "e,apology,2023-03-14T09:00,2023-03-20T17:00,1\n");
  }
  ~Files() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
  std::vector<std::string> args(std::initializer_list<std::string> extra) const {
    std::vector<std::string> a{"report",
                               "--units",
                               path("units.csv"),
                               "--procedures",
                               path("procedures.csv"),
                               "--dossiers",
                               path("dossiers.csv"),
                               "--events",
                               path("events.csv"),
                               "--from",
                               "2023-03-01",
                               "--to",
                               "2023-03-31"};
    a.insert(a.end(), extra);
    return a;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(report_command)

BOOST_AUTO_TEST_CASE(csv_rows_by_unit_and_total) {
  const Files f;
  const Result r = run(f.args({"--format", "csv"}));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto l = lines(r.out);
  BOOST_TEST_REQUIRE(l.size() == 6u);  // header, P, D, C1, C2, total
  BOOST_TEST(l[0].starts_with(kHeader + ","));
  BOOST_TEST(first_columns(l[1], 18) == "P,5,4,1,2,1,1,1,1,1,1,1,40.00,50.00,2,1,1,0");
  BOOST_TEST(first_columns(l[2], 18) == "D,5,4,1,2,1,1,1,1,1,1,1,40.00,50.00,2,1,1,0");
  // C1: a (early, online) and b (late, direct, apology late): late 1/2, online 1/2.
  BOOST_TEST(first_columns(l[3], 18) == "C1,2,2,0,1,1,0,1,0,1,0,0,50.00,50.00,1,0,1,0");
  // C2: c (postal, on time) and d (carried over, within time): online 0/1.
  BOOST_TEST(first_columns(l[4], 18) == "C2,2,1,1,0,0,1,0,1,0,1,0,0.00,0.00,0,0,0,0");
  BOOST_TEST(first_columns(l[5], 18) == "total,5,4,1,2,1,1,1,1,1,1,1,40.00,50.00,2,1,1,0");
  // The name follows the fixed columns, quoted when it holds a comma.
  const std::string name = ",\"Xã C2, mới\"";
  BOOST_TEST(l[4].substr(first_columns(l[4], 18).size(), name.size()) == name);
  // Import reconciliation on stderr, and no progress (not a terminal).
  BOOST_TEST(r.err.find("dossiers.csv: read 5, loaded 5, rejected 0") != std::string::npos);
  BOOST_TEST(r.err.find("events.csv: read 2, loaded 2, rejected 0") != std::string::npos);
  BOOST_TEST(r.err.find('\r') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(csv_extra_columns) {
  const Files f;
  const Result r = run(f.args({"--format", "csv"}));
  const auto l = lines(r.out);
  // Find a column by name in the header and read it in the total row.
  auto column = [&](const std::string& name, const std::string& row) {
    const std::vector<std::string> h = split_csv(l[0]), v = split_csv(row);
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (h[i] == name) return v.at(i);
    }
    return std::string("(no column)");
  };
  const std::string& total = l.back();
  BOOST_TEST(column("apology_public", total) == "1");            // e's apology was public
  BOOST_TEST(column("new_appointment", total) == "1");           // e's promise of 03-20 17:00
  BOOST_TEST(column("new_appointment_missed", total) == "1");    // still pending at 04-01 00:00
  BOOST_TEST(column("apology_on_time_rate", total) == "50.00");  // 1 / 2
  // Processing time of the three ended dossiers, in working hours:
  //   a: Wed 1 March 08:00 → Thu 2 March 10:00 = 420 + 180 = 600 min = 10 h;
  //   b: Mon 6 March 08:00 → Thu 9 March 09:00 = 420 + 480 + 480 + 120 = 1500 min = 25 h;
  //   c: Mon 6 March 08:00 → Fri 10 March 09:00 = 420 + 3 × 480 + 120 = 1980 min = 33 h.
  // Mean 4080 / 3 = 1360 min = 22.67 h; median (2nd of 3) 25 h; p90 (rank ceil(2.7) = 3) 33 h.
  // 1500 and 1980 minutes lie in 8-minute buckets ([1024, 2048)): [1496, 1504) stands for 1500,
  // [1976, 1984) for 1980, so both come out exact.
  BOOST_TEST(column("processed", total) == "3");
  BOOST_TEST(column("processing_hours_mean", total) == "22.67");
  BOOST_TEST(column("processing_hours_median", total) == "25.00");
  BOOST_TEST(column("processing_hours_p90", total) == "33.00");
  // Comparison columns: C2's online rate 0.00 against D's 50.00 and P's 50.00.
  BOOST_TEST(column("online_rate_parent", l[4]) == "50.00");
  BOOST_TEST(column("online_rate_province", l[4]) == "50.00");
  BOOST_TEST(column("parent", l[4]) == "D");
  BOOST_TEST(column("level", l[4]) == "commune");
  BOOST_TEST(column("name", l[4]) == "Xã C2, mới");
  BOOST_TEST(column("online_rate_subtree", l[4]) == "0.00");
  BOOST_TEST(column("depth", l[4]) == "2");
}

BOOST_AUTO_TEST_CASE(table_markdown_and_json) {
  const Files f;
  const Result t = run(f.args({"--lang", "en"}));
  BOOST_TEST_REQUIRE(t.code == 0, t.err);
  BOOST_TEST(t.out.find("Report 2023-03-01 to 2023-03-31 as of 2023-04-01T00:00, by unit (rolled "
                        "up)") != std::string::npos);
  BOOST_TEST(t.out.find("\nTotal ") != std::string::npos);
  // Names beside codes in the comparison lines.
  BOOST_TEST(t.out.find("Units without an online dossier: Xã C2, mới (C2)") != std::string::npos);
  BOOST_TEST(t.out.find("Below Tỉnh P's online rate (50.00): Xã C2, mới (C2) 0.00") !=
             std::string::npos);
  // Vietnamese by default.
  const Result vi = run(f.args({}));
  BOOST_TEST(vi.out.find("Đơn vị không có hồ sơ trực tuyến: Xã C2, mới (C2)") != std::string::npos);
  BOOST_TEST(vi.out.find("Tỷ lệ hồ sơ trễ hẹn là 40,00\u00a0%") != std::string::npos);
  const Result m = run(f.args(
      {"--format", "markdown", "--lang", "en", "--columns", "in_scope,received,carried_over"}));
  BOOST_TEST(m.code == 0);
  BOOST_TEST(m.out.find("| Unit | Code | In scope | Received | Carried over |") !=
             std::string::npos);
  BOOST_TEST(m.out.find("| **Total** |  | **5** | **4** | **1** |") != std::string::npos);
  const Result j = run(f.args({"--format", "json"}));
  BOOST_TEST(j.code == 0);
  BOOST_TEST(j.out.find("\"as_of\": \"2023-04-01T00:00\"") != std::string::npos);
  BOOST_TEST(j.out.find("\"late_rate\": {\n") != std::string::npos);
  BOOST_TEST(j.out.find("\"units_without_online\": [\n    \"C2\"\n  ]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(language_columns_and_comparison_options) {
  const Files f;
  BOOST_TEST(run(f.args({"--lang", "fr"})).code == 2);
  BOOST_TEST(run(f.args({"--columns", "late_rate,nope"})).code == 2);
  BOOST_TEST(run(f.args({"--compare-to", "yesterday"})).code == 2);
  BOOST_TEST(run(f.args({"--compare-to", "2023-02-10..2023-02-01"})).code == 2);
  // February: d (received 02-20, pending, within time) alone; late rate 0/1, online 0/1.
  const Result r = run(f.args({"--compare-to", "previous", "--format", "csv"}));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::vector<std::string> l = lines(r.out);
  const std::vector<std::string> head = split_csv(l[0]);
  const std::vector<std::string> total = split_csv(l.back());
  const auto column = [&](const std::string& name) {
    const auto it = std::find(head.begin(), head.end(), name);
    BOOST_TEST_REQUIRE((it != head.end()), name);
    return total[static_cast<std::size_t>(it - head.begin())];
  };
  BOOST_TEST(column("late_rate") == "40.00");
  BOOST_TEST(column("late_rate_then") == "0.00");
  BOOST_TEST(column("late_rate_change_pp") == "40.00");
  BOOST_TEST(column("online_rate_then") == "0.00");
  BOOST_TEST(column("online_rate_change_pp") == "50.00");
  const Result h = run(f.args({"--format", "html"}));
  BOOST_TEST(h.code == 0);
  BOOST_TEST(h.out.starts_with("<!DOCTYPE html>"));
}

BOOST_AUTO_TEST_CASE(by_month_groups_carried_over_dossiers_by_receipt) {
  const Files f;
  const Result r = run(f.args({"--format", "csv", "--by", "month"}));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto l = lines(r.out);
  BOOST_TEST_REQUIRE(l.size() == 4u);
  // d, received in February, pending: carried over, within time.
  BOOST_TEST(first_columns(l[1], 18) == "2023-02,1,0,1,0,0,0,0,0,0,1,0,0.00,n/a,0,0,0,0");
  BOOST_TEST(first_columns(l[2], 18) == "2023-03,4,4,0,2,1,1,1,1,1,0,1,50.00,50.00,2,1,1,0");
  BOOST_TEST(first_columns(l[3], 18) == "total,5,4,1,2,1,1,1,1,1,1,1,40.00,50.00,2,1,1,0");
}

BOOST_AUTO_TEST_CASE(filters_and_policies) {
  const Files f;
  // Online only: a (early) and e (overdue).
  const auto online =
      lines(run(f.args({"--format", "csv", "--by", "channel", "--channel", "online"})).out);
  BOOST_TEST(first_columns(online.back(), 18) ==
             "total,2,2,0,2,0,0,1,0,0,0,1,50.00,100.00,1,1,0,0");
  // Unit C1 and its ancestors as rows.
  const auto c1 = lines(run(f.args({"--format", "csv", "--unit", "C1"})).out);
  BOOST_TEST_REQUIRE(c1.size() == 5u);
  BOOST_TEST(first_columns(c1[1], 3) == "P,2,2");
  BOOST_TEST(first_columns(c1[3], 3) == "C1,2,2");
  // A lead of 2 working days: e's deadline becomes Monday 13 March, its apology of Tuesday is late.
  const auto lead = lines(run(f.args({"--format", "csv", "--apology-lead", "2"})).out);
  BOOST_TEST(first_columns(lead.back(), 18) == "total,5,4,1,2,1,1,1,1,1,1,1,40.00,50.00,2,0,2,0");
  // As of the end of 9 March (a date means 24:00): e is not received yet, d is within time,
  // b ended late, c is pending within time (it ends on the 10th).
  const auto early = lines(run(f.args({"--format", "csv", "--as-of", "2023-03-09"})).out);
  BOOST_TEST(first_columns(early.back(), 18) == "total,4,3,1,1,1,1,1,0,1,2,0,25.00,33.33,1,0,1,0");
  // Without roll-up D holds e only.
  const auto own = lines(run(f.args({"--format", "csv", "--no-roll-up"})).out);
  BOOST_TEST(first_columns(own[2], 3) == "D,1,1");
  BOOST_TEST(first_columns(own[1], 14) == "P,0,0,0,0,0,0,0,0,0,0,0,n/a,n/a");
}

BOOST_AUTO_TEST_CASE(rejections_are_reported_and_strict_fails) {
  const Files f("x,PR1,C1,fax,2023-03-02T08:00,2023-03-03T17:00,,\n");
  const Result lenient = run(f.args({"--format", "csv"}));
  // The report is written, and the exit status (3) and the last line of stderr say that a
  // record was rejected.
  BOOST_TEST(lenient.code == 3);
  BOOST_TEST(lenient.err.find("dossiers.csv: read 6, loaded 5, rejected 1") != std::string::npos);
  BOOST_TEST(lines(lenient.err).back() ==
             "parmetrics report: 1 record rejected (output produced; exit status 3)");
  BOOST_TEST(lenient.err.find("dossiers.csv:7: field 'channel' = 'fax'") != std::string::npos);
  BOOST_TEST(first_columns(lines(lenient.out).back(), 3) == "total,5,4");
  const Result strict = run(f.args({"--format", "csv", "--strict"}));
  BOOST_TEST(strict.code == 1);
  BOOST_TEST(strict.out.empty());
  BOOST_TEST(strict.err.find("1 record rejected (--strict)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dossiers_that_cannot_be_judged_are_counted_and_said) {
  // Issue 12: f ended (refused) at a time not sent; g has no procedure and no appointment. Both
  // are received and counted by channel; neither is judged, so the late rate keeps its
  // denominator of the five judged: (late b + overdue e) / 5 = 40 %. Online: a, e, g of the six
  // received = 50 %.
  const Files f(
      "f,PR1,C2,direct,2023-03-07T08:00,,,refused\n"
      "g,,C2,online,2023-03-08T08:00,,,\n");
  const Result r = run(f.args({"--format", "csv"}));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto l = lines(r.out);
  BOOST_TEST(first_columns(l.back(), 14) == "total,7,6,1,3,2,1,1,1,1,1,1,40.00,50.00");
  const std::vector<std::string> h = split_csv(l[0]), v = split_csv(l.back());
  auto column = [&](const std::string& name) {
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (h[i] == name) return v.at(i);
    }
    return std::string("missing");
  };
  BOOST_TEST(column("no_appointment") == "1");
  BOOST_TEST(column("end_unknown") == "1");
  BOOST_TEST(r.err.find("dossiers.csv: read 7, loaded 7 (1 not judged: ended, time unknown; 1 "
                        "not judged: no appointment), rejected 0") != std::string::npos,
             r.err);
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  const Files f;
  for (const auto& bad : std::vector<std::vector<std::string>>{
           f.args({"--by", "colour"}),
           f.args({"--format", "xml"}),
           f.args({"--unit", "Z"}),
           f.args({"--as-of", "2023-13-01"}),
           f.args({"--as-of", "2023-02-01"}),
           f.args({"--compare", "lateness"}),
           f.args({"--apology-lead", "-1"}),
           f.args({"--channel", "fax"}),
           f.args({"--level", "hamlet"}),
           {"report", "--from", "2023-03-02", "--to", "2023-03-01"},
           {"report", "--events", "x.csv"}}) {
    const Result r = run(bad);
    BOOST_TEST_CONTEXT(bad.back()) {
      BOOST_TEST(r.code == 2);
      BOOST_TEST(r.err.find("usage: parmetrics report") != std::string::npos);
    }
  }
  const Result missing = run({"report", "--dossiers", f.path("nope.csv")});
  BOOST_TEST(missing.code == 1);
}

BOOST_AUTO_TEST_CASE(bundled_sample_without_files) {
  // The district report the sample follows (primer §1; docs/sample-data.md): late dossiers down
  // from 28.72 % (January) to 7.83 % (August), online up from 0 to 57.7 %. The generator turns
  // them into whole quotas of each month's dossiers (383 in January, 511 in August):
  // 383 × 28.72 % = 109.998 → 110 late, 110 / 383 = 28.72 %; 511 × 7.83 % = 40.01 → 40,
  // 40 / 511 = 7.83 %; 511 × 57.7 % = 294.8 → 295 online, 295 / 511 = 57.73 %.
  const Result r = run({"report", "--by", "month", "--format", "csv"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto l = lines(r.out);
  BOOST_TEST(l.front().starts_with(kHeader));
  BOOST_TEST(l.back().starts_with("total,"));
  bool jan = false, aug = false;
  for (const std::string& line : l) {
    std::vector<std::string> c;
    std::istringstream s(line);
    for (std::string x; std::getline(s, x, ',');) c.push_back(x);
    if (c[0] == "2023-01") {
      jan = true;
      BOOST_TEST(c[1] == "383");                              // in scope
      BOOST_TEST(std::stoi(c[9]) + std::stoi(c[11]) == 110);  // late + overdue
      BOOST_TEST(c[12] == "28.72");
      BOOST_TEST(c[13] == "0.00");
    }
    if (c[0] == "2023-08") {
      aug = true;
      BOOST_TEST(c[1] == "511");
      BOOST_TEST(std::stoi(c[9]) + std::stoi(c[11]) == 40);
      BOOST_TEST(c[4] == "295");  // online
      BOOST_TEST(c[12] == "7.83");
      BOOST_TEST(c[13] == "57.73");
    }
  }
  BOOST_TEST(jan);
  BOOST_TEST(aug);
  // Two communes without an online dossier (primer §1), named as the meeting names them.
  const Result t = run({"report", "--lang", "en"});
  BOOST_TEST(t.code == 0);
  const auto pos = t.out.find("Units without an online dossier: ");
  BOOST_TEST_REQUIRE(pos != std::string::npos);
  const std::string zero = t.out.substr(pos, t.out.find('\n', pos) - pos);
  // Xã Hiệp Thuận and xã Quế Lưu (docs/sample-data.md: the two communes the generator gives no
  // online channel).
  BOOST_TEST(zero ==
             "Units without an online dossier: xã Hiệp Thuận (000.25.30.H55), xã Quế Lưu "
             "(000.28.30.H55)");
}

BOOST_AUTO_TEST_SUITE_END()
