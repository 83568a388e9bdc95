// csv_field: fields written so that the importers (RFC 4180) read them back unchanged.

#include <boost/test/unit_test.hpp>

#include <parmetrics/io/csv_field.hpp>

using parmetrics::csv_field;

BOOST_AUTO_TEST_SUITE(csv_field_writing)

BOOST_AUTO_TEST_CASE(plain_fields_stay_as_they_are) {
  BOOST_TEST(csv_field("000.21.30.H55") == "000.21.30.H55");
  BOOST_TEST(csv_field("Ủy ban nhân dân xã Bình Lâm") == "Ủy ban nhân dân xã Bình Lâm");
  BOOST_TEST(csv_field("") == "");
}

BOOST_AUTO_TEST_CASE(commas_quotes_and_line_breaks_are_quoted) {
  BOOST_TEST(csv_field("Xã A, huyện B") == "\"Xã A, huyện B\"");
  // RFC 4180 §2.7: a quote inside a quoted field is doubled.
  BOOST_TEST(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(csv_field("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(csv_field("cr\r") == "\"cr\r\"");
}

BOOST_AUTO_TEST_SUITE_END()
