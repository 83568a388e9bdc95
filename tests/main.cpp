// The one main() of every test module.
#define BOOST_TEST_MODULE parmetrics
#include <boost/test/unit_test.hpp>
