#include <parmetrics/indices/service_index.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <set>

#include <parmetrics/error.hpp>

#include "indices/service_index_exact.hpp"

namespace parmetrics {

namespace {

using detail::ExactSum;
using detail::Fraction;
using detail::Int128;

constexpr int kMethodologyDecimals = 6;

Fraction decimal_fraction(double value, std::string_view what, std::string_view code) {
  const auto d = detail::exact_decimal(value, kMethodologyDecimals);
  if (!d || d->units < 0) {
    throw DataError("methodology", "", std::string(code),
                    fmt::format("{} {} is not a non-negative decimal with at most {} places", what,
                                value, kMethodologyDecimals));
  }
  return detail::reduced({d->units, detail::pow10_128(d->scale)});
}

DisplayValue shown(Fraction f, int decimals) {
  return {detail::round_scaled(f, decimals), decimals};
}

Fraction difference(Fraction a, Fraction b) {
  // a >= b here (a score never exceeds its maximum); both are small reduced fractions.
  return detail::reduced({a.num * b.den - b.num * a.den, a.den * b.den});
}

bool greater(Fraction a, Fraction b) {
  if (auto c = detail::checked_compare(a, b)) return *c > 0;
  return detail::to_double(a) > detail::to_double(b);
}

}  // namespace

std::string DisplayValue::to_string() const {
  return detail::format_scaled(scaled, decimals);
}

double DisplayValue::to_double() const noexcept {
  double unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  return static_cast<double>(scaled) / unit;
}

UnitScore score_unit(const ServiceIndexMethodology& m, const UnitCounts& counts) {
  const std::string where = fmt::format("unit '{}'", counts.unit);
  for (const auto& [code, value] : counts.items) {
    if (m.find_item(code) == nullptr) {
      throw DataError("", where, code, "is not an item of the methodology");
    }
    (void)value;
  }
  const int d = m.decimals;
  UnitScore out;
  out.unit = counts.unit;
  out.name = counts.name;
  out.level = counts.level;
  std::vector<Fraction> lost;
  ExactSum total;
  for (const ServiceIndexGroup& group : m.groups) {
    ExactSum group_sum;
    bool complete = true;
    for (const ServiceIndexItem& item : group.items) {
      const auto it = counts.items.find(item.code);
      if (it == counts.items.end()) {
        ItemScore missing;
        missing.code = item.code;
        missing.group = group.code;
        missing.given = false;
        out.items.push_back(std::move(missing));
        lost.push_back({0, 1});
        complete = false;
        continue;
      }
      const ItemCounts c = it->second;
      if (c.denominator > kMaxItemCount) {
        throw DataError(
            "", where, item.code,
            fmt::format("denominator {} is above the limit {}", c.denominator, kMaxItemCount));
      }
      if (c.numerator > c.denominator) {
        throw DataError("", where, item.code,
                        fmt::format("numerator {} is larger than the denominator {}", c.numerator,
                                    c.denominator));
      }
      const Fraction max = decimal_fraction(item.max, "max", item.code);
      ItemScore s;
      s.code = item.code;
      s.group = group.code;
      s.numerator = c.numerator;
      s.denominator = c.denominator;
      Fraction score{0, 1};
      const Int128 num = static_cast<Int128>(c.numerator);
      const Int128 den = static_cast<Int128>(c.denominator);
      if (c.denominator == 0) {
        s.by_zero_denominator = true;
        if (item.zero_denominator == ZeroDenominator::full) score = max;
      } else {
        s.ratio = static_cast<double>(c.numerator) / static_cast<double>(c.denominator);
        s.ratio_percent = shown(detail::reduced({num * 100, den}), d);
        if (item.rule == ItemRule::linear) {
          score = detail::reduced({max.num * num, max.den * den});
        } else {
          const Fraction t = decimal_fraction(item.threshold, "threshold", item.code);
          // ratio >= threshold <=> num × t.den >= den × t.num: exactly 80 % earns full points.
          if (num * t.den >= den * t.num) {
            score = max;
          } else {
            score = detail::reduced({max.num * num * t.den, max.den * den * t.num});
          }
        }
      }
      const Fraction loss = difference(max, score);
      s.score = detail::to_double(score);
      s.max = detail::to_double(max);
      s.lost = detail::to_double(loss);
      s.score_shown = shown(score, d);
      s.max_shown = shown(max, d);
      // Shown so that each row adds up: shown max − shown score.
      s.lost_shown = {s.max_shown.scaled - s.score_shown.scaled, d};
      // The portal adds the scores it shows; the default adds the exact ones.
      const Fraction summed = m.totals == TotalsRule::rounded_items
                                  ? Fraction{s.score_shown.scaled, detail::pow10_128(d)}
                                  : score;
      group_sum.add(summed);
      total.add(summed);
      lost.push_back(loss);
      out.items.push_back(std::move(s));
    }
    GroupScore g;
    g.code = group.code;
    g.name = group.name;
    g.complete = complete;
    out.complete = out.complete && complete;
    g.score = group_sum.value();
    g.max = group.max;
    g.score_shown = {group_sum.rounded(d), d};
    g.max_shown = shown(decimal_fraction(group.max, "group max", group.code), d);
    g.lost_shown = {g.max_shown.scaled - g.score_shown.scaled, d};
    out.groups.push_back(std::move(g));
  }
  out.total = total.value();
  out.total_shown = {total.rounded(d), d};
  // Grades compare the shown total with the band's minimum, exactly.
  for (const GradeBand& band : m.grades) {
    if (!out.complete) break;
    const Fraction min = decimal_fraction(band.min, "grade min", band.name);
    const Fraction t{out.total_shown.scaled, detail::pow10_128(d)};
    if (!greater(min, t)) {
      out.grade = band.name;
      break;
    }
  }
  for (std::size_t i = 0; i < lost.size(); ++i) {
    if (lost[i].num > 0) out.losses.push_back(i);
  }
  std::stable_sort(out.losses.begin(), out.losses.end(),
                   [&](std::size_t a, std::size_t b) { return greater(lost[a], lost[b]); });
  return out;
}

void rank_units(std::span<UnitScore> units) {
  std::vector<std::size_t> order(units.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Units without a total are not ranked (rank 0, ranked 0).
  std::erase_if(order, [&](std::size_t i) {
    if (units[i].complete) return false;
    units[i].rank = units[i].ranked = 0;
    return true;
  });
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (units[a].level != units[b].level) return units[a].level < units[b].level;
    return units[a].total_shown.scaled > units[b].total_shown.scaled;
  });
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && units[order[end]].level == units[order[begin]].level) ++end;
    for (std::size_t k = begin; k < end; ++k) {
      UnitScore& u = units[order[k]];
      // Standard competition ranking: 1 + the number of units strictly ahead.
      const bool tie = k > begin && units[order[k - 1]].total_shown.scaled == u.total_shown.scaled;
      u.rank = tie ? units[order[k - 1]].rank : k - begin + 1;
      u.ranked = end - begin;
    }
    begin = end;
  }
}

std::vector<UnitScore> score_units(const ServiceIndexMethodology& methodology,
                                   std::span<const UnitCounts> counts) {
  std::set<std::string_view> seen;
  std::vector<UnitScore> out;
  out.reserve(counts.size());
  for (const UnitCounts& c : counts) {
    if (!seen.insert(c.unit).second) {
      throw DataError("", fmt::format("unit '{}'", c.unit), "unit", "duplicate unit code");
    }
    out.push_back(score_unit(methodology, c));
  }
  rank_units(out);
  return out;
}

}  // namespace parmetrics
