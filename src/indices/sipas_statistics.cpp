#include <parmetrics/indices/sipas_statistics.hpp>

#include <parmetrics/error.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace parmetrics {

ProportionInterval wilson_interval(std::uint64_t successes, std::uint64_t trials, double z) {
  if (trials == 0) throw ArgumentError("wilson_interval", "no trials");
  if (successes > trials) throw ArgumentError("wilson_interval", "successes > trials");
  if (!(z > 0.0)) throw ArgumentError("wilson_interval", "z must be positive");
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator;
  // At p = 0 or 1 the bound is exactly 0 or 1 in exact arithmetic; rounding may leave -1e-17.
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half),
          successes == trials ? 1.0 : std::min(1.0, centre + half)};
}

std::uint64_t sipas_sample_size(std::uint64_t population, double margin) {
  if (population == 0) throw ArgumentError("sipas_sample_size", "the population must be positive");
  if (!(margin > 0.0 && margin < 1.0)) {
    throw ArgumentError("sipas_sample_size", "the margin must be in (0, 1), e.g. 0.05");
  }
  const double n = static_cast<double>(population);
  const double exact = n / (1.0 + n * margin * margin);
  const double whole = std::floor(exact);
  const double result = exact - whole <= 1e-9 * exact ? whole : whole + 1.0;
  return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(result));
}

}  // namespace parmetrics
