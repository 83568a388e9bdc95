#pragma once
// The bootstrap's random numbers: splitmix64 (Steele, Lea & Flood 2014; Vigna's reference code),
// with our own mapping to an index, so that a seed gives the same draws on every machine and
// standard library (std:: distributions are implementation-defined).

#include <cstdint>
#include <string_view>

namespace parmetrics::detail {

class SplitMix64 {
 public:
  explicit constexpr SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}

  constexpr std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  /// Uniform in [0, n), n > 0, without modulo bias: draws below 2^64 mod n are redrawn.
  constexpr std::uint64_t below(std::uint64_t n) noexcept {
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t x = next();
      if (x >= threshold) return x % n;
    }
  }

 private:
  std::uint64_t state_;
};

/// FNV-1a, 64 bits: a stable hash of a group's name for its stream's seed.
constexpr std::uint64_t fnv1a64(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// The seed of a group's stream: the run's seed and the group's name, mixed.
constexpr std::uint64_t group_stream_seed(std::uint64_t seed, std::string_view group) noexcept {
  SplitMix64 mix(seed ^ fnv1a64(group));
  return mix.next();
}

/// The seed of bootstrap replicate `replicate` of a group: the group's seed and the replicate's
/// number, mixed, so that replicates are independent streams (consecutive splitmix64 seeds would
/// give the same sequence shifted by one draw).
constexpr std::uint64_t replicate_stream_seed(std::uint64_t group_seed,
                                              std::uint64_t replicate) noexcept {
  SplitMix64 inner(replicate);
  SplitMix64 mix(group_seed ^ inner.next());
  return mix.next();
}

}  // namespace parmetrics::detail
