// ImportReport: reconciliation, the cap on details with counts by reason beyond it, merging.

#include <boost/test/unit_test.hpp>

#include <string>

#include <parmetrics/io/import_report.hpp>

namespace {

using namespace parmetrics;

Rejection rejection(std::uint64_t line, std::string reason) {
  return Rejection{"f.csv", line, "channel", "fax", std::move(reason)};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(import_report)

BOOST_AUTO_TEST_CASE(rejections_render_with_file_line_field_value_and_reason) {
  BOOST_TEST(rejection(12, "bad channel").to_string() ==
             "f.csv:12: field 'channel' = 'fax': bad channel");
  const Rejection record{"f.csv", 3, "", "a\"b", "quote inside an unquoted field"};
  BOOST_TEST(record.to_string() == "f.csv:3: record 'a\"b': quote inside an unquoted field");
}

BOOST_AUTO_TEST_CASE(counts_reconcile_and_details_are_capped) {
  ImportReport r;
  BOOST_TEST(r.reconciles());
  r.loaded(10);
  r.loaded();
  for (std::uint64_t i = 0; i < 150; ++i) r.reject(rejection(i + 2, i % 3 == 0 ? "a" : "b"));
  r.count_rejections("c", 1000);
  r.count_rejections("a", 0);
  // 11 loaded + 150 + 1000 rejected.
  BOOST_TEST(r.read() == 1161u);
  BOOST_TEST(r.loaded_count() == 11u);
  BOOST_TEST(r.rejected_count() == 1150u);
  BOOST_TEST(r.reconciles());
  BOOST_TEST_REQUIRE(r.rejections().size() == ImportReport::kKeptDetails);
  BOOST_TEST(r.rejections().front().line == 2u);
  BOOST_TEST(r.rejections().back().line == 101u);
  // i % 3 == 0 for i in 0..149: 50 of them.
  BOOST_TEST(r.rejections_by_reason().at("a") == 50u);
  BOOST_TEST(r.rejections_by_reason().at("b") == 100u);
  BOOST_TEST(r.rejections_by_reason().at("c") == 1000u);
  BOOST_TEST(r.rejections_by_reason().size() == 3u);
}

BOOST_AUTO_TEST_CASE(merge_adds_counts_and_keeps_the_first_details) {
  ImportReport a, b;
  a.loaded(5);
  for (std::uint64_t i = 0; i < 60; ++i) a.reject(rejection(i, "x"));
  a.warn("first");
  b.loaded(7);
  for (std::uint64_t i = 0; i < 60; ++i) b.reject(rejection(1000 + i, "y"));
  b.warn("second");
  a.merge(b);
  BOOST_TEST(a.read() == 132u);
  BOOST_TEST(a.loaded_count() == 12u);
  BOOST_TEST(a.rejected_count() == 120u);
  BOOST_TEST(a.reconciles());
  // 60 of a's, then the first 40 of b's.
  BOOST_TEST_REQUIRE(a.rejections().size() == 100u);
  BOOST_TEST(a.rejections()[59].line == 59u);
  BOOST_TEST(a.rejections()[60].line == 1000u);
  BOOST_TEST(a.rejections()[99].line == 1039u);
  BOOST_TEST(a.rejections_by_reason().at("x") == 60u);
  BOOST_TEST(a.rejections_by_reason().at("y") == 60u);
  BOOST_TEST(a.warnings() == (std::vector<std::string>{"first", "second"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
