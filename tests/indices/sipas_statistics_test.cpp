// The statistics under the SIPAS indices: Wilson intervals against published values, the sample
// size formula, and the bootstrap's random numbers against their reference outputs.

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/sipas_statistics.hpp>

#include "indices/sipas_random.hpp"

using parmetrics::sipas_sample_size;
using parmetrics::wilson_interval;

BOOST_AUTO_TEST_SUITE(sipas_statistics)

BOOST_AUTO_TEST_CASE(wilson_matches_newcombe_1998) {
  // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score interval
  // without continuity correction), 95%, printed to 4 decimals.
  struct Case {
    std::uint64_t x, n;
    double low, high;
  };
  const Case cases[] = {
      {81, 263, 0.2553, 0.3662},
      {15, 148, 0.0624, 0.1605},
      {0, 20, 0.0000, 0.1611},
      {1, 29, 0.0061, 0.1718},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.x << "/" << c.n) {
      const auto ci = wilson_interval(c.x, c.n);
      BOOST_TEST(std::abs(ci.low - c.low) < 0.00005);
      BOOST_TEST(std::abs(ci.high - c.high) < 0.00005);
    }
  }
}

BOOST_AUTO_TEST_CASE(wilson_edges_and_symmetry) {
  // All successes: the upper bound is exactly 1, and the lower bound mirrors 0/20's upper bound.
  const auto all = wilson_interval(20, 20);
  BOOST_TEST(all.high == 1.0);
  BOOST_TEST(std::abs(all.low - (1.0 - 0.1611)) < 0.00005);
  // x/n and (n-x)/n are mirror images: 182/263 ↔ 81/263.
  const auto a = wilson_interval(81, 263);
  const auto b = wilson_interval(182, 263);
  BOOST_TEST(std::abs(a.low - (1.0 - b.high)) < 1e-12);
  BOOST_TEST(std::abs(a.high - (1.0 - b.low)) < 1e-12);
  // One trial, one success: centre (1 + z²/2)/(1 + z²), half-width (z²/2)/(1 + z²), so the lower
  // bound is 1/(1 + z²) = 1/4.8415 = 0.20655 (by hand, z² = 3.8415).
  const auto one = wilson_interval(1, 1);
  BOOST_TEST(std::abs(one.low - 0.20655) < 0.00002);
  BOOST_CHECK_THROW(wilson_interval(0, 0), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(wilson_interval(3, 2), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(wilson_interval(1, 2, 0.0), parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(sample_size_formula) {
  // n = N / (1 + N e²), rounded up.
  BOOST_TEST(sipas_sample_size(10000, 0.05) == 385U);  // 10000 / 26 = 384.6 → 385
  BOOST_TEST(sipas_sample_size(1000, 0.05) == 286U);   // 1000 / 3.5 = 285.7 → 286
  // Exact quotients must not gain a respondent from 0.05 and 0.1 not being exact in binary.
  BOOST_TEST(sipas_sample_size(400, 0.05) == 200U);   // 400 / 2 = 200
  BOOST_TEST(sipas_sample_size(100, 0.1) == 50U);     // 100 / 2 = 50
  BOOST_TEST(sipas_sample_size(1200, 0.05) == 300U);  // 1200 / 4 = 300
  BOOST_TEST(sipas_sample_size(1, 0.05) == 1U);       // 1 / 1.0025 → 1
  // A large population approaches 1/e² = 400 from below.
  BOOST_TEST(sipas_sample_size(100'000'000, 0.05) == 400U);  // 399.998… → 400
  BOOST_CHECK_THROW(sipas_sample_size(0, 0.05), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(sipas_sample_size(100, 0.0), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(sipas_sample_size(100, 1.0), parmetrics::ArgumentError);
  BOOST_CHECK_THROW(sipas_sample_size(100, -0.05), parmetrics::ArgumentError);
}

BOOST_AUTO_TEST_CASE(splitmix64_reference_outputs) {
  // Rosetta Code, "Pseudo-random numbers/Splitmix64": the first five outputs for seed 1234567;
  // and the first output for seed 0 in Vigna's reference splitmix64.c.
  parmetrics::detail::SplitMix64 rng(1234567);
  const std::uint64_t expected[] = {6457827717110365317ULL, 3203168211198807973ULL,
                                    9817491932198370423ULL, 4593380528125082431ULL,
                                    16408922859458223821ULL};
  for (const std::uint64_t v : expected) BOOST_TEST(rng.next() == v);
  BOOST_TEST(parmetrics::detail::SplitMix64(0).next() == 0xe220a8397b1dcdafULL);
}

BOOST_AUTO_TEST_CASE(fnv1a_reference_values) {
  // The FNV-1a 64-bit reference values (Fowler, Noll, Vo; IETF draft-eastlake-fnv).
  BOOST_TEST(parmetrics::detail::fnv1a64("") == 0xcbf29ce484222325ULL);
  BOOST_TEST(parmetrics::detail::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  BOOST_TEST(parmetrics::detail::fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

BOOST_AUTO_TEST_CASE(below_stays_in_range_and_covers_it) {
  parmetrics::detail::SplitMix64 rng(42);
  int seen[7] = {};
  for (int i = 0; i < 7000; ++i) {
    const auto v = rng.below(7);
    BOOST_REQUIRE(v < 7U);
    ++seen[v];
  }
  // Each value expects 1000 draws (sd ≈ 29): far outside ±200 would mean a broken mapping.
  for (const int s : seen) BOOST_TEST(std::abs(s - 1000) < 200);
  BOOST_TEST(rng.below(1) == 0U);
}

BOOST_AUTO_TEST_SUITE_END()
