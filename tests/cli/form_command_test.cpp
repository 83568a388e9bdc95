// parmetrics form on the bundled sample: the form, its exit statuses and its usage errors.

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "cli/cli_run.hpp"

namespace parmetrics::test::cli {

BOOST_AUTO_TEST_SUITE(form_command)

BOOST_AUTO_TEST_CASE(vpcp06_on_the_sample_as_csv) {
  const Result r = run({"form", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "csv"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(first_line(r.out) ==
             "stt,group,received_total,received_online,received_direct_postal,carried_over,"
             "processed_total,processed_early,processed_on_time,processed_late,pending_total,"
             "pending_within_time,pending_overdue");
  const auto rows = lines(r.out);
  BOOST_TEST(rows.back().starts_with(",total,"));
  // One row per unit of 2023 (16 of the 21 in units.csv: Quế Tân and the units of 2025-07-01
  // came later), the header and the total.
  BOOST_TEST(rows.size() == 16u + 2u);
}

BOOST_AUTO_TEST_CASE(table_fits_120_columns_and_names_units) {
  const Result r = run({"form", "--from", "2023-01-01", "--to", "2023-12-31"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out.find("Biểu số 06/VPCP/KSTT") != std::string::npos);
  BOOST_TEST(r.out.find("Xã, phường, thị trấn") != std::string::npos);
  BOOST_TEST(r.out.find("UBND xã Bình Lâm") != std::string::npos);
  for (const std::string& line : lines(r.out)) {
    std::size_t chars = 0;
    for (const char c : line) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    BOOST_TEST(chars <= 120u, line);
  }
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  BOOST_TEST(run({"form", "--profile", "nope"}).code == 2);
  BOOST_TEST(run({"form", "--form", "nope"}).code == 2);
  BOOST_TEST(run({"form", "--by", "procedure"}).code == 2);
  BOOST_TEST(run({"form", "--format", "json"}).code == 2);
  BOOST_TEST(run({"form", "--format", "xlsx"}).code == 2);  // no --out
  BOOST_TEST(run({"form", "--unit", "no-such-unit"}).code == 2);
}

BOOST_AUTO_TEST_CASE(every_shipped_form_checks_on_the_sample) {
  // A form whose checks fail exits 1: each shipped form's equations hold on the whole sample.
  for (const char* id : {"vpcp-06", "vpcp-06a", "handover-2025"}) {
    const Result r = run({"form", "--form", id, "--format", "csv"});
    BOOST_TEST(r.code == 0, id << ": " << r.err);
    BOOST_TEST(lines(r.out).back().starts_with(",total,"), id);
  }
}

BOOST_AUTO_TEST_CASE(register_lists_every_dossier_in_scope) {
  const Result reg = run({"form", "--form", "register", "--from", "2023-08-01", "--to",
                          "2023-08-31", "--format", "csv"});
  const Result all =
      run({"dossiers", "--from", "2023-08-01", "--to", "2023-08-31", "--format", "csv"});
  BOOST_TEST(reg.code == 0);
  BOOST_TEST(first_line(reg.out) ==
             "stt,code,procedure_name,count,applicant,address,unit_name,received,appointment,"
             "transferred,result_received,returned,note");
  // The same dossiers as the worklist of every status, and as the form counts in scope.
  BOOST_TEST(lines(reg.out).size() == lines(all.out).size());
  const Result form =
      run({"form", "--from", "2023-08-01", "--to", "2023-08-31", "--format", "csv"});
  const std::string total = lines(form.out).back();  // ,total,received_total,...
  const std::string in_scope = total.substr(7, total.find(',', 7) - 7);
  BOOST_TEST(std::to_string(lines(reg.out).size() - 1) == in_scope);
  // A register is kept in the order received: column 8 (received, ISO 8601) never goes back.
  const std::vector<std::string> rows = lines(reg.out);
  std::string previous;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::size_t start = 0, commas = 0;
    bool quoted = false;
    while (commas < 7) {  // RFC 4180: a comma inside quotes is text
      const char c = rows[i][start++];
      quoted ^= c == '"';
      commas += c == ',' && !quoted;
    }
    const std::string received = rows[i].substr(start, 16);
    BOOST_TEST(received >= previous, rows[i]);
    previous = received;
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(dossiers_command)

BOOST_AUTO_TEST_CASE(each_status_is_a_subset_of_all) {
  const std::vector<std::string_view> period = {"--from",     "2023-01-01", "--to",
                                                "2023-08-31", "--format",   "csv"};
  const auto count = [&](std::vector<std::string_view> args) {
    args.insert(args.end(), period.begin(), period.end());
    const Result r = run(args);
    BOOST_TEST(r.code == 0, r.err);
    return lines(r.out).size() - 1;
  };
  const std::size_t all = count({"dossiers"});
  const std::size_t late = count({"dossiers", "--status", "late"});
  const std::size_t overdue = count({"dossiers", "--status", "overdue"});
  const std::size_t missing = count({"dossiers", "--status", "apology-missing"});
  const std::size_t pending = count({"dossiers", "--status", "pending"});
  BOOST_TEST(late > 0u);
  BOOST_TEST(missing <= late + overdue);
  BOOST_TEST(overdue <= pending);
  BOOST_TEST(pending < all);
  // The report's counts over the same period: late, overdue and in scope.
  const Result report = run({"report", "--from", "2023-01-01", "--to", "2023-08-31", "--by",
                             "level", "--format", "json"});
  const auto at = report.out.find("\"group\": \"total\"");
  BOOST_REQUIRE(at != std::string::npos);
  const std::string total = report.out.substr(at);
  BOOST_TEST(total.find(fmt::format("\"late\": {},", late)) != std::string::npos);
  BOOST_TEST(total.find(fmt::format("\"overdue\": {},", overdue)) != std::string::npos);
  BOOST_TEST(total.find(fmt::format("\"in_scope\": {},", all)) != std::string::npos);
  BOOST_TEST(count({"dossiers", "--status", "due-within", "2d"}) ==
             count({"dossiers", "--status", "due-within", "--within", "2d"}));
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  BOOST_TEST(run({"dossiers", "--status", "nope"}).code == 2);
  BOOST_TEST(run({"dossiers", "--status", "late", "2d"}).code == 2);
  BOOST_TEST(run({"dossiers", "--within", "2d"}).code == 2);
  BOOST_TEST(run({"dossiers", "--status", "due-within", "two days"}).code == 2);
  BOOST_TEST(run({"dossiers", "--format", "markdown"}).code == 2);
  BOOST_TEST(run({"dossiers", "--channel", "fax"}).code == 2);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test::cli
