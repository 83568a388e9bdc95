#pragma once
// The generator's own random numbers: xoshiro256** seeded through splitmix64 (Blackman and
// Vigna), bounded integers by Lemire's multiply-shift, probabilities in parts per million. Only
// integer arithmetic, so that a seed gives the same data set on every compiler, library and
// machine (std:: distributions and floating point do not promise that).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace parmetrics::generator::detail {

__extension__ using u128 = unsigned __int128;

constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// A key for an independent stream: (seed, a, b) → 64 bits.
constexpr std::uint64_t stream_key(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) {
  std::uint64_t s = seed;
  std::uint64_t k = splitmix64(s) ^ a;
  k = splitmix64(k) ^ b;
  return splitmix64(k);
}

inline constexpr std::uint32_t kMillion = 1'000'000;

class Rng {
 public:
  explicit constexpr Rng(std::uint64_t key) noexcept {
    for (std::uint64_t& w : s_) w = splitmix64(key);
  }

  constexpr std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, n) (n > 0); the bias, at most n / 2^64, is far below anything measured here.
  constexpr std::uint64_t below(std::uint64_t n) noexcept {
    return static_cast<std::uint64_t>((static_cast<u128>(next()) * n) >> 64);
  }
  /// Uniform in [lo, hi], inclusive.
  constexpr std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  /// True with probability ppm / 1 000 000.
  constexpr bool chance(std::uint32_t ppm) noexcept { return below(kMillion) < ppm; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t s_[4]{};
};

/// floor(total × part / whole) without overflow (whole > 0).
constexpr std::uint64_t scale(std::uint64_t total, std::uint64_t part, std::uint64_t whole) {
  return static_cast<std::uint64_t>(static_cast<u128>(total) * part / whole);
}

/// Splits `total` over weights exactly (the counts sum to total), each count the difference of
/// consecutive floors of the cumulative share: no count is off its share by a whole unit.
std::vector<std::uint64_t> apportion(std::uint64_t total, std::span<const std::uint64_t> weights);

/// Picks k of the items without replacement, each draw with probability proportional to the
/// remaining weights (a Fenwick tree: O(n + k log n)). Items of weight 0 are never picked; when
/// fewer than k have a weight, all of those are picked. Returns a 0/1 mark per item.
std::vector<std::uint8_t> pick_weighted(std::span<const std::uint32_t> weights, std::size_t k,
                                        Rng& rng);

/// Draws an index in O(1) from weights quantised to about 4096 slots (each weight > 0 keeps at
/// least one slot).
class WeightedTable {
 public:
  WeightedTable() = default;
  explicit WeightedTable(std::span<const std::uint32_t> weights,
                         std::span<const std::uint32_t> values);
  bool empty() const noexcept { return slots_.empty(); }
  std::uint32_t draw(Rng& rng) const noexcept { return slots_[rng.below(slots_.size())]; }

 private:
  std::vector<std::uint32_t> slots_;
};

}  // namespace parmetrics::generator::detail
