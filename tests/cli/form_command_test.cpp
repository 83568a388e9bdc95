// parmetrics form on the bundled sample: the form, its exit statuses and its usage errors.

#include <boost/test/unit_test.hpp>

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
  // One row per unit of the sample (units.csv has 16), the header and the total.
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
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test::cli
