#include "indices/scorecard/exact.hpp"
#include "text/decimal.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace parmetrics::detail {

namespace {

__extension__ typedef unsigned __int128 UInt128;

// Denominators of exact sums stay below this, so that the long divisions below never overflow.
const Int128 kMaxDenominator = pow10_128(36);

Int128 gcd128(Int128 a, Int128 b) noexcept {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const Int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// num/den × 10^digits, rounded half up, by long division so that nothing overflows while
// den <= 10^36 and the integer part × 10^digits fits.
Int128 scaled_half_up(Fraction f, int digits) noexcept {
  const UInt128 den = static_cast<UInt128>(f.den);
  const UInt128 num = static_cast<UInt128>(f.num);
  UInt128 result = num / den;
  UInt128 rest = num % den;
  for (int i = 0; i < digits; ++i) {
    rest *= 10;
    result = result * 10 + rest / den;
    rest %= den;
  }
  if (rest * 2 >= den) ++result;
  return static_cast<Int128>(result);
}

// |f| × 10^digits rounded half away from zero, with f's sign.
Int128 scaled_signed(Fraction f, int digits) noexcept {
  if (f.num < 0) return -scaled_half_up({-f.num, f.den}, digits);
  return scaled_half_up(f, digits);
}

Int128 magnitude(Int128 x) noexcept {
  return x < 0 ? -x : x;
}

}  // namespace

Int128 pow10_128(int n) noexcept {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::optional<ExactDecimal> exact_decimal(double value, int max_scale) {
  // fmt's shortest round-trip form is the decimal the author of the number wrote (0.8, not
  // 0.8000000000000000444…).
  const std::string text = fmt::format("{}", value);
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  std::string digits;
  int fraction_digits = 0;
  int exponent = 0;
  bool after_point = false;
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (after_point) ++fraction_digits;
    } else if (c == '.' && !after_point) {
      after_point = true;
    } else {
      break;
    }
  }
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return std::nullopt;  // inf, nan
    exponent = std::atoi(std::string(s.substr(i + 1)).c_str());
  }
  int scale = fraction_digits - exponent;
  while (scale > 0 && digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    --scale;
  }
  while (scale < 0) {
    digits.push_back('0');
    ++scale;
  }
  const auto first = digits.find_first_not_of('0');
  digits = first == std::string::npos ? "0" : digits.substr(first);
  if (scale > max_scale || digits.size() > 15) return std::nullopt;
  std::int64_t units = 0;
  for (char c : digits) units = units * 10 + (c - '0');
  return ExactDecimal{negative ? -units : units, scale};
}

std::optional<Fraction> exact_fraction(double value) noexcept {
  if (!std::isfinite(value) || std::fabs(value) >= 1e18) return std::nullopt;
  if (const auto d = exact_decimal(value, 18)) return reduced({d->units, pow10_128(d->scale)});
  // Not a short decimal: the double rounded to 15 significant digits, as "{:.15g}" prints it.
  // std::from_chars, not strtod: the host process's locale must not change what is read.
  char text[40];
  const auto end = fmt::format_to_n(text, sizeof text - 1, "{:.15g}", value).out;
  double rounded = 0;
  if (std::from_chars(text, end, rounded).ec != std::errc()) return std::nullopt;
  if (const auto d = exact_decimal(rounded, 18)) {
    return reduced({d->units, pow10_128(d->scale)});
  }
  return std::nullopt;  // a magnitude below 10^-18 that is not a short decimal: not a metric
}

Fraction reduced(Fraction f) noexcept {
  const Int128 g = gcd128(f.num, f.den);
  if (g > 1) {
    f.num /= g;
    f.den /= g;
  }
  return f;
}

std::optional<Fraction> checked_add(Fraction a, Fraction b) noexcept {
  const Int128 g = gcd128(a.den, b.den);
  const Int128 bd = b.den / g;
  const Int128 ad = a.den / g;
  Int128 den, left, right, num;
  if (__builtin_mul_overflow(a.den, bd, &den) || __builtin_mul_overflow(a.num, bd, &left) ||
      __builtin_mul_overflow(b.num, ad, &right) || __builtin_add_overflow(left, right, &num)) {
    return std::nullopt;
  }
  Fraction sum = reduced({num, den});
  if (sum.den > kMaxDenominator || magnitude(sum.num) > kMaxDenominator) return std::nullopt;
  return sum;
}

std::optional<Fraction> checked_mul(Fraction a, Fraction b) noexcept {
  // Cross-reducing first keeps the products as small as the result allows.
  const Int128 g1 = gcd128(a.num, b.den), g2 = gcd128(b.num, a.den);
  const Int128 an = g1 > 1 ? a.num / g1 : a.num, bd = g1 > 1 ? b.den / g1 : b.den;
  const Int128 bn = g2 > 1 ? b.num / g2 : b.num, ad = g2 > 1 ? a.den / g2 : a.den;
  Int128 num, den;
  if (__builtin_mul_overflow(an, bn, &num) || __builtin_mul_overflow(ad, bd, &den)) {
    return std::nullopt;
  }
  if (den > kMaxDenominator || magnitude(num) > kMaxDenominator) return std::nullopt;
  return reduced({num, den});
}

std::optional<Fraction> checked_div(Fraction a, Fraction b) noexcept {
  if (b.num == 0) return std::nullopt;
  return b.num < 0 ? checked_mul(a, {-b.den, -b.num}) : checked_mul(a, {b.den, b.num});
}

std::optional<int> checked_compare(Fraction a, Fraction b) noexcept {
  Int128 left, right;
  if (__builtin_mul_overflow(a.num, b.den, &left) || __builtin_mul_overflow(b.num, a.den, &right)) {
    return std::nullopt;
  }
  return left < right ? -1 : (left > right ? 1 : 0);
}

std::int64_t round_scaled(Fraction f, int decimals) noexcept {
  return static_cast<std::int64_t>(scaled_signed(f, decimals));
}

Int128 to_fixed(Fraction f, int k) noexcept {
  return scaled_signed(f, k);
}

double to_double(Fraction f) noexcept {
  return static_cast<double>(static_cast<long double>(f.num) / static_cast<long double>(f.den));
}

void ExactSum::add(Fraction f) noexcept {
  fixed_ += to_fixed(f, kFixedDigits);
  ++terms_;
  if (exact_) {
    if (auto s = checked_add(sum_, f)) {
      sum_ = *s;
    } else {
      exact_ = false;
    }
  }
}

double ExactSum::value() const noexcept {
  if (exact_) return to_double(sum_);
  return static_cast<double>(static_cast<long double>(fixed_) /
                             static_cast<long double>(pow10_128(kFixedDigits)));
}

std::int64_t ExactSum::rounded(int decimals) const noexcept {
  if (exact_) return round_scaled(sum_, decimals);
  const Int128 unit = pow10_128(kFixedDigits - decimals);
  const Int128 m = magnitude(fixed_);
  Int128 q = m / unit;
  if (m % unit + terms_ >= unit / 2) ++q;
  return static_cast<std::int64_t>(fixed_ < 0 ? -q : q);
}

std::string format_scaled(std::int64_t scaled, int decimals) {
  return decimal_text(scaled, decimals, '.', 0);
}

}  // namespace parmetrics::detail
