#pragma once
// Comparing rates with thresholds written in files (64.9 %, 57.7 %): such numbers are not exact in
// binary, so 649/1000 against 64.9 % would fall short by one ulp. Counts are whole, so two values
// that really differ do so by far more than 1e-12 relative: within that, they are equal.

#include <algorithm>
#include <cmath>

namespace parmetrics::detail {

/// -1, 0, 1 as a/b <, =, > c/d (b, d > 0), by cross-multiplication.
inline int compare_fractions(double a, double b, double c, double d) noexcept {
  const double l = a * d, r = c * b;
  if (std::abs(l - r) <= 1e-12 * std::max(std::abs(l), std::abs(r))) return 0;
  return l < r ? -1 : 1;
}

}  // namespace parmetrics::detail
