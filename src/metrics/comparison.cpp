#include <parmetrics/metrics/comparison.hpp>

#include <algorithm>

namespace parmetrics {

namespace {
Standing standing(const Rate& own, const Rate& other) {
  if (!own.defined() || !other.defined()) return std::nullopt;
  return compare(own, other);
}
}  // namespace

std::vector<UnitComparison> compare_units(const Report& report, RateId id) {
  std::vector<UnitComparison> out;
  if (report.options.by != GroupBy::unit) return out;
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    const ReportRow& row = report.rows[i];
    UnitComparison c;
    c.row = i;
    c.own = rate(row.subtree, id);
    if (row.parent_row) c.parent = rate(report.rows[*row.parent_row].subtree, id);
    if (row.root_row) c.root = rate(report.rows[*row.root_row].subtree, id);
    c.vs_parent = standing(c.own, c.parent);
    c.vs_root = standing(c.own, c.root);
    out.push_back(c);
  }
  return out;
}

std::vector<std::size_t> units_without_online(const Report& report) {
  std::vector<std::size_t> out;
  if (report.options.by != GroupBy::unit) return out;
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    const MetricCounts& c = report.rows[i].subtree;
    if (c.received != 0 && c.online == 0) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> rank_rows(const Report& report, RateId id, std::size_t n, RankOrder order,
                                   std::optional<std::string_view> level) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    if (level && report.rows[i].level != *level) continue;
    if (rate(report.rows[i].counts, id).defined()) rows.push_back(i);
  }
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    const int c = compare(rate(report.rows[a].counts, id), rate(report.rows[b].counts, id));
    if (c != 0) return order == RankOrder::highest ? c > 0 : c < 0;
    return report.rows[a].key < report.rows[b].key;
  });
  if (rows.size() > n) rows.resize(n);
  return rows;
}

RankedEnds rank_ends(const Report& report, RateId id, std::size_t top,
                     std::optional<std::string_view> level) {
  const std::size_t n = rank_rows(report, id, report.rows.size(), RankOrder::lowest, level).size();
  const std::size_t k = std::min(top, n / 2);
  if (k == 0) return {};
  return {rank_rows(report, id, k, RankOrder::lowest, level),
          rank_rows(report, id, k, RankOrder::highest, level)};
}

std::optional<std::size_t> province_row(const Report& report) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    const ReportRow& row = report.rows[i];
    if (!row.unit || row.depth != 0 || row.subtree.in_scope == 0) continue;
    if (found) return std::nullopt;
    found = i;
  }
  return found;
}

std::optional<std::string> most_common_level(const Report& report) {
  if (report.options.by != GroupBy::unit) return std::nullopt;
  std::vector<std::pair<std::string, std::size_t>> levels;  // in order of first appearance
  for (const ReportRow& row : report.rows) {
    auto it = std::find_if(levels.begin(), levels.end(),
                           [&](const auto& l) { return l.first == row.level; });
    if (it == levels.end()) {
      levels.emplace_back(row.level, 1);
    } else {
      ++it->second;
    }
  }
  if (levels.empty()) return std::nullopt;
  const auto best =
      std::max_element(levels.begin(), levels.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  return best->first;
}

}  // namespace parmetrics
