#include "indices/scorecard/ranking.hpp"

#include <algorithm>
#include <numeric>

namespace parmetrics::detail {

std::vector<RankPlace> rank_1224(std::span<const RankEntry> entries) {
  std::vector<RankPlace> places(entries.size());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].figure) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (entries[a].group != entries[b].group) return entries[a].group < entries[b].group;
    return *entries[a].figure > *entries[b].figure;
  });
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && entries[order[end]].group == entries[order[begin]].group) ++end;
    for (std::size_t k = begin; k < end; ++k) {
      // 1 + the number of entries strictly ahead: a tie takes the rank of the first of it.
      const bool tie = k > begin && *entries[order[k - 1]].figure == *entries[order[k]].figure;
      places[order[k]].rank = tie ? places[order[k - 1]].rank : k - begin + 1;
      places[order[k]].ranked = end - begin;
    }
    begin = end;
  }
  return places;
}

}  // namespace parmetrics::detail
