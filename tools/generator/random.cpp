#include "random.hpp"

#include <algorithm>
#include <numeric>

namespace parmetrics::generator::detail {

std::vector<std::uint64_t> apportion(std::uint64_t total, std::span<const std::uint64_t> weights) {
  std::vector<std::uint64_t> counts(weights.size(), 0);
  u128 whole = 0;
  for (std::uint64_t w : weights) whole += w;
  if (whole == 0) return counts;
  std::uint64_t before = 0;
  if (total < (1ULL << 32) && whole < (1ULL << 32)) {
    // The common case in 64 bits: 128-bit division costs several times more.
    const auto w = static_cast<std::uint64_t>(whole);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      cumulative += weights[i];
      const std::uint64_t upto = total * cumulative / w;
      counts[i] = upto - before;
      before = upto;
    }
    return counts;
  }
  u128 cumulative = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    cumulative += weights[i];
    const auto upto = static_cast<std::uint64_t>(static_cast<u128>(total) * cumulative / whole);
    counts[i] = upto - before;
    before = upto;
  }
  return counts;
}

std::vector<std::uint8_t> pick_weighted(std::span<const std::uint32_t> weights, std::size_t k,
                                        Rng& rng) {
  const std::size_t n = weights.size();
  std::vector<std::uint8_t> picked(n, 0);
  // Fenwick tree over the remaining weights, 1-based.
  std::vector<std::uint64_t> tree(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    tree[i + 1] += weights[i];
    const std::size_t parent = (i + 1) + ((i + 1) & (~(i + 1) + 1));
    if (parent <= n) tree[parent] += tree[i + 1];
  }
  std::uint64_t remaining = std::accumulate(weights.begin(), weights.end(), std::uint64_t{0});
  std::size_t top = 1;
  while (top * 2 <= n) top *= 2;
  for (std::size_t drawn = 0; drawn < k && remaining > 0; ++drawn) {
    // The item whose cumulative range holds r: descend the implicit tree.
    std::uint64_t r = rng.below(remaining);
    std::size_t pos = 0;
    for (std::size_t step = top; step > 0; step /= 2) {
      if (pos + step <= n && tree[pos + step] <= r) {
        pos += step;
        r -= tree[pos];
      }
    }
    const std::size_t item = pos;  // 0-based
    picked[item] = 1;
    const std::uint64_t w = weights[item];
    remaining -= w;
    for (std::size_t j = item + 1; j <= n; j += j & (~j + 1)) tree[j] -= w;
  }
  return picked;
}

WeightedTable::WeightedTable(std::span<const std::uint32_t> weights,
                             std::span<const std::uint32_t> values) {
  std::uint64_t whole = 0;
  for (std::uint32_t w : weights) whole += w;
  if (whole == 0) return;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] == 0) continue;
    const std::uint64_t slots =
        std::max<std::uint64_t>(1, (weights[i] * 4096ULL + whole / 2) / whole);
    slots_.insert(slots_.end(), slots, values[i]);
  }
}

}  // namespace parmetrics::generator::detail
