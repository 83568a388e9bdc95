#pragma once
// Exact arithmetic for scorecards (QĐ 766, PAR INDEX, DTI). Points are computed as fractions of
// 128-bit integers from the counts and the methodology's decimal maxima and thresholds, so that a
// ratio of exactly 80 % earns a capped item's full points and a score of exactly x.xx5 rounds up:
// in binary floating point 1.005 is 1.00499999999999989…, and 0.8 × 2.5 is not 2.

#include <cstdint>
#include <optional>
#include <string>

namespace parmetrics::detail {

__extension__ typedef __int128 Int128;  // __extension__: -Wpedantic knows no __int128

/// A decimal number: units / 10^scale (0.8 = {8, 1}).
struct ExactDecimal {
  std::int64_t units = 0;
  int scale = 0;
};

/// The exact decimal a double stands for in its shortest round-trip form (0.8 → 8/10), when it
/// has at most `max_scale` decimals and |units| < 10^15; nullopt otherwise.
std::optional<ExactDecimal> exact_decimal(double value, int max_scale);

/// 10^n for 0 <= n <= 30.
Int128 pow10_128(int n) noexcept;

/// A fraction num/den, den > 0 (negative only for deductions, điểm trừ).
struct Fraction {
  Int128 num = 0;
  Int128 den = 1;
};

/// a/b reduced by their greatest common divisor.
Fraction reduced(Fraction f) noexcept;

/// The number a double written in a file stands for: its shortest decimal form when that has at
/// most 15 significant digits (64.9 → 649/10, so that 649/1000 reaches 64.9 % exactly), else the
/// double rounded to 15 significant digits (a SIPAS share such as 2/3 stored as 66.666…7).
/// nullopt for a value that is not finite or whose magnitude is 10^18 or more.
std::optional<Fraction> exact_fraction(double value) noexcept;

/// a + b, or nullopt when an intermediate overflows 128 bits.
std::optional<Fraction> checked_add(Fraction a, Fraction b) noexcept;

/// a × b and a / b (b ≠ 0), reduced; nullopt when the product overflows 128 bits.
std::optional<Fraction> checked_mul(Fraction a, Fraction b) noexcept;
std::optional<Fraction> checked_div(Fraction a, Fraction b) noexcept;

/// a <=> b as -1, 0, 1, or nullopt on overflow of the cross products.
std::optional<int> checked_compare(Fraction a, Fraction b) noexcept;

/// f × 10^decimals rounded half away from zero (−1.005 → −1.01).
std::int64_t round_scaled(Fraction f, int decimals) noexcept;

/// f × 10^k rounded half away from zero (used by the fixed-point fallback of sums).
Int128 to_fixed(Fraction f, int k) noexcept;

/// The nearest double to f.
double to_double(Fraction f) noexcept;

/// Sums fractions exactly while the sum fits in 128 bits, else in fixed point with 10^-20
/// resolution; rounds the sum to `decimals` places half up. In fixed point, each term carries an
/// error below half a unit, so a sum within (terms) units of a rounding tie is taken as the tie:
/// the exact sum of a few decimal scores cannot be that close to a tie without being on it, unless
/// the terms have denominators beyond 10^18.
class ExactSum {
 public:
  void add(Fraction f) noexcept;
  double value() const noexcept;
  std::int64_t rounded(int decimals) const noexcept;

 private:
  static constexpr int kFixedDigits = 20;
  bool exact_ = true;
  Fraction sum_{0, 1};
  Int128 fixed_ = 0;  // sum × 10^kFixedDigits, always kept
  int terms_ = 0;
};

/// "12.34" from 1234 with 2 decimals; "-0.50" for -50.
std::string format_scaled(std::int64_t scaled, int decimals);

}  // namespace parmetrics::detail
