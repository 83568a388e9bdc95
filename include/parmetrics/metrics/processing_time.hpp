#pragma once
// Processing time of ended dossiers (working time from receipt to the end, without supplement
// pauses): the mean is exact; the median and the 90th percentile come from a mergeable histogram
// of working minutes, exact below 256 minutes and within half a bucket (1/256, 0.39 %) above, so
// that millions of dossiers need no sort and threads and groups merge by adding buckets.

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <span>

#include <parmetrics/export.hpp>

namespace parmetrics {

/// Bucket layout of the processing-time histogram (log-linear, as HdrHistogram's): minutes below
/// 256 have a bucket each; above, each power-of-two octave [2^k, 2^(k+1)) has 128 buckets of
/// 2^(k-7) minutes. Values from 2^22 minutes (about 8,700 working days) share the last bucket.
struct ProcessingBuckets {
  static constexpr int kExactBits = 8;  ///< exact below 2^8 minutes
  static constexpr int kSubBits = 7;    ///< 2^7 buckets per octave
  static constexpr int kMaxBits = 22;   ///< last octave starts at 2^21
  static constexpr std::size_t kCount =
      (1u << kExactBits) + (kMaxBits - kExactBits) * (1u << kSubBits);

  static constexpr std::size_t bucket_of(std::int64_t minutes) noexcept {
    if (minutes < 0) minutes = 0;
    if (minutes < (1 << kExactBits)) return static_cast<std::size_t>(minutes);
    if (minutes >= (std::int64_t{1} << kMaxBits)) return kCount - 1;
    const auto v = static_cast<std::uint64_t>(minutes);
    const int k = std::bit_width(v) - 1;  // octave: 2^k <= v < 2^(k+1), k >= kExactBits
    const auto sub = static_cast<std::size_t>((v >> (k - kSubBits)) & ((1u << kSubBits) - 1));
    return (1u << kExactBits) + static_cast<std::size_t>(k - kExactBits) * (1u << kSubBits) + sub;
  }

  /// The smallest minute count that falls in `bucket`.
  static constexpr std::int64_t lower_bound(std::size_t bucket) noexcept {
    if (bucket < (1u << kExactBits)) return static_cast<std::int64_t>(bucket);
    const std::size_t rest = bucket - (1u << kExactBits);
    const int k = kExactBits + static_cast<int>(rest >> kSubBits);
    const std::int64_t sub = static_cast<std::int64_t>(rest & ((1u << kSubBits) - 1));
    return (std::int64_t{1} << k) + (sub << (k - kSubBits));
  }

  /// How many minutes `bucket` spans (1 below 256).
  static constexpr std::int64_t width(std::size_t bucket) noexcept {
    if (bucket < (1u << kExactBits)) return 1;
    const int k = kExactBits + static_cast<int>((bucket - (1u << kExactBits)) >> kSubBits);
    return std::int64_t{1} << (k - kSubBits);
  }

  /// The value a bucket stands for: its middle minute (lower bound + width / 2), so that the
  /// error is at most half a bucket (0.39 %) either way, with no bias down.
  static constexpr std::int64_t representative(std::size_t bucket) noexcept {
    return lower_bound(bucket) + width(bucket) / 2;
  }
};

static_assert(ProcessingBuckets::kCount == 2048);
static_assert(ProcessingBuckets::bucket_of(255) == 255);
static_assert(ProcessingBuckets::bucket_of(256) == 256);
static_assert(ProcessingBuckets::lower_bound(ProcessingBuckets::bucket_of(7200)) == 7200);
static_assert(ProcessingBuckets::lower_bound(ProcessingBuckets::bucket_of(7201)) == 7200);
static_assert(ProcessingBuckets::representative(ProcessingBuckets::bucket_of(7201)) == 7216);
static_assert(ProcessingBuckets::representative(ProcessingBuckets::bucket_of(200)) == 200);

/// Counts per bucket. Counters are 32-bit: a store holds fewer than 2^32 dossiers.
using ProcessingHistogram = std::array<std::uint32_t, ProcessingBuckets::kCount>;

/// Summary of a group's processing times, in working minutes.
struct ProcessingTime {
  std::uint64_t count = 0;
  std::uint64_t total_minutes = 0;
  /// Nearest-rank percentiles (the value at rank ceil(q × count), as SQL's percentile_disc; the
  /// lower middle value for an even count). compute_report gives the exact value;
  /// summarize_processing, from a histogram alone, the middle of the bucket holding it.
  std::optional<std::int64_t> median_minutes;
  std::optional<std::int64_t> p90_minutes;

  std::optional<double> mean_minutes() const noexcept {
    if (count == 0) return std::nullopt;
    return static_cast<double>(total_minutes) / static_cast<double>(count);
  }

  friend bool operator==(const ProcessingTime&, const ProcessingTime&) = default;
};

/// The nearest-rank quantile numerator/denominator (e.g. 9/10) of a histogram, as the
/// representative (middle) of the bucket holding it; nullopt when empty.
PARMETRICS_API std::optional<std::int64_t> histogram_quantile(
    std::span<const std::uint32_t> buckets, std::uint64_t numerator,
    std::uint64_t denominator) noexcept;

/// count, total, median and p90 of a histogram and its exact sums.
PARMETRICS_API ProcessingTime summarize_processing(std::span<const std::uint32_t> buckets,
                                                   std::uint64_t count,
                                                   std::uint64_t total_minutes) noexcept;

}  // namespace parmetrics
