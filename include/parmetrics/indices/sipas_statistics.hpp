#pragma once
// The statistics behind the SIPAS indices (Chỉ số hài lòng về sự phục vụ hành chính) that do not
// depend on the survey's layout: the Wilson score interval of a proportion and the sample size
// for a margin of error. See docs/sipas.md.
//
// Thread-safety: pure functions (the bootstrap is in sipas.hpp, with its own seeded streams);
// safe from any thread.

#include <cstdint>

#include <parmetrics/export.hpp>

namespace parmetrics {

/// z for a two-sided 95% interval: the 0.975 quantile of the standard normal distribution.
inline constexpr double kZ95 = 1.959963984540054;

/// A confidence interval of a proportion, as fractions in [0, 1].
struct ProportionInterval {
  double low = 0.0;
  double high = 0.0;
};

/// Wilson's score interval (Wilson 1927; "method 3" of Newcombe 1998) for `successes` out of
/// `trials`. Unlike the Wald interval it stays inside [0, 1] and is not degenerate at 0 or n
/// successes. Throws ArgumentError when trials is 0, successes > trials or z <= 0.
PARMETRICS_API ProportionInterval wilson_interval(std::uint64_t successes, std::uint64_t trials,
                                                  double z = kZ95);

/// The number of respondents to survey out of a population of `population` for a margin of error
/// `margin` (a fraction, e.g. 0.05), by the formula of the SIPAS guides (Yamane's):
/// n = N / (1 + N e²), rounded up to a whole respondent. A result within 1e-9 (relative) above a
/// whole number is taken as that number, so that the inexact binary value of e (0.05 is not
/// representable) cannot add a respondent. Throws ArgumentError when population is 0 or
/// margin is not in (0, 1).
PARMETRICS_API std::uint64_t sipas_sample_size(std::uint64_t population, double margin = 0.05);

}  // namespace parmetrics
