#pragma once
// SIPAS satisfaction indices (Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ
// quan hành chính nhà nước) from survey responses, per unit or for all of them:
//  - item: satisfied share = answers 4 or 5 / valid answers (1..5; no opinion excluded), with
//    Wilson's 95% interval; weighted score = mean of 0, 25, 50, 75, 100 for answers 1..5;
//  - element: mean of its items' values; overall: mean of the elements' values;
//  - 95% intervals of element and overall shares: percentile bootstrap over respondents with a
//    fixed seed (splitmix64), identical on every machine.
// Shares are fractions in [0, 1] here; the CLI prints percentages. Rules: docs/sipas.md.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/sipas_responses.hpp>
#include <parmetrics/indices/sipas_statistics.hpp>

namespace parmetrics {

struct SipasOptions {
  /// One group per unit (named by the unit) instead of one group "all".
  bool by_unit = false;
  /// Bootstrap replicates for the element and overall intervals; 0 computes none (ci_low and
  /// ci_high are then the share itself).
  std::uint32_t bootstrap_replicates = 2000;
  /// Seed of the bootstrap. Each group draws from its own stream derived from the seed and the
  /// group's name, so a unit's interval does not depend on which other units are in the data.
  std::uint64_t seed = 20231211;
  /// Threads sharing the bootstrap replicates; 0 = up to all cores, fewer for small groups.
  /// Results do not depend on it.
  unsigned threads = 0;
};

/// A value and its 95% interval. `available` is false when there was no valid answer; the
/// numbers are then 0.
struct SipasEstimate {
  bool available = false;
  double satisfied_share = 0.0;  ///< fraction in [0, 1]
  double ci_low = 0.0;           ///< fraction; equal to the share when no interval was computed
  double ci_high = 0.0;
  double weighted_score = 0.0;  ///< 0..100
};

struct SipasItemResult {
  std::size_t item = 0;             ///< index into the questionnaire's items()
  std::uint64_t respondents = 0;    ///< respondents with a record for the item (no opinion too)
  std::uint64_t valid_answers = 0;  ///< answers 1..5
  std::uint64_t no_opinion = 0;
  std::array<std::uint64_t, 5> counts{};  ///< answers 1..5
  std::uint64_t satisfied = 0;            ///< answers 4 and 5
  SipasEstimate estimate;                 ///< interval: Wilson score
};

struct SipasElementResult {
  std::size_t element = 0;        ///< index into the questionnaire's elements()
  std::string code;               ///< "A"
  std::uint64_t respondents = 0;  ///< respondents with at least one valid answer in the element
  std::uint64_t valid_answers = 0;
  std::size_t items_used = 0;          ///< items with at least one valid answer (those averaged)
  SipasEstimate estimate;              ///< interval: percentile bootstrap
  std::vector<SipasItemResult> items;  ///< in questionnaire order
};

struct PARMETRICS_API SipasGroupResult {
  std::string group;              ///< unit code, or "all"
  std::uint64_t respondents = 0;  ///< respondents with at least one valid answer
  std::uint64_t valid_answers = 0;
  std::uint64_t no_opinion = 0;
  std::size_t elements_used = 0;             ///< elements with a value (those averaged)
  SipasEstimate overall;                     ///< interval: percentile bootstrap
  std::vector<SipasElementResult> elements;  ///< in questionnaire order
  /// Bootstrap replicates in which an element or the overall index had no value (a replicate that
  /// drew no valid answer for it); the interval uses the others. Zero in any reasonable sample.
  std::uint32_t undefined_replicates = 0;

  const SipasElementResult* find_element(std::string_view code) const noexcept;
  /// A metric for the PAR INDEX: "sipas.overall" or "sipas.<element code>" (e.g. "sipas.A"), as
  /// a satisfied share in [0, 1]; nullopt for another name or a value without valid answers.
  std::optional<double> metric(std::string_view name) const;
};

struct PARMETRICS_API SipasResult {
  std::vector<SipasGroupResult> groups;  ///< "all", or units sorted by code
  std::uint32_t bootstrap_replicates = 0;
  std::uint64_t seed = 0;

  const SipasGroupResult* find(std::string_view group) const noexcept;
  /// group → metric name → satisfied share in [0, 1], for every available value: the view the PAR
  /// INDEX consumes (metric names as in SipasGroupResult::metric).
  std::map<std::string, std::map<std::string, double>> metrics() const;
};

/// Computes the indices. A group without any valid answer is still listed, with values not
/// available. Throws ArgumentError when the options are unusable.
PARMETRICS_API SipasResult compute_sipas(const SipasResponses& responses,
                                         const SipasOptions& options = {});

}  // namespace parmetrics
