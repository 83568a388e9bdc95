#pragma once
// Standard competition ranking ("1224") within groups: equal figures share the best rank and the
// next rank skips (100, 75, 75, 75, 25 → 1, 2, 2, 2, 5). Shared by every index that ranks units.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace parmetrics::detail {

/// A unit to rank: its group (the level) and its figure as shown (scaled integer), if it has one.
struct RankEntry {
  std::string_view group;
  std::optional<std::int64_t> figure;
};

struct RankPlace {
  std::optional<std::size_t> rank;  ///< nullopt without a figure
  std::size_t ranked = 0;           ///< entries with a figure in the group (0 without one)
};

/// The places of `entries`, larger figures first, in the entries' order.
std::vector<RankPlace> rank_1224(std::span<const RankEntry> entries);

}  // namespace parmetrics::detail
