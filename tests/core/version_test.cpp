#include <parmetrics/version.hpp>

#include <boost/test/unit_test.hpp>
#include <string>

BOOST_AUTO_TEST_SUITE(version)

BOOST_AUTO_TEST_CASE(linked_library_matches_headers) {
  BOOST_TEST(std::string(parmetrics::version()) == parmetrics::kVersionString);
}

BOOST_AUTO_TEST_CASE(version_macro_encodes_the_parts) {
  BOOST_TEST(PARMETRICS_VERSION == PARMETRICS_VERSION_MAJOR * 10000 +
                                       PARMETRICS_VERSION_MINOR * 100 + PARMETRICS_VERSION_PATCH);
  const std::string expected = std::to_string(PARMETRICS_VERSION_MAJOR) + "." +
                               std::to_string(PARMETRICS_VERSION_MINOR) + "." +
                               std::to_string(PARMETRICS_VERSION_PATCH);
  BOOST_TEST(expected == parmetrics::kVersionString);
}

BOOST_AUTO_TEST_SUITE_END()
