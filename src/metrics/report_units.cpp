// The rows of a report by unit: the view's hierarchy (as it was, or as of a date), each dossier
// rolled up along the chain of its attribution node (metrics/attribution.hpp).

#include <algorithm>
#include <limits>

#include "metrics/report_layout.hpp"

namespace parmetrics::detail {

namespace {

constexpr std::size_t kNoRow = std::numeric_limits<std::size_t>::max();

// Which units are rows: those of the view's hierarchy (as of a date, the units valid then) in the
// filter's subtrees, valid in the period or holding dossiers, and their ancestors.
std::vector<bool> visible_units(const UnitRegistry& units, const ReportOptions& options,
                                const std::vector<std::optional<UnitId>>& parent,
                                const std::vector<MetricCounts>& subtree) {
  const std::size_t nu = units.size();
  const ReportPeriod& period = options.period;
  const auto exists = [&](UnitId u) {
    return !options.hierarchy_as_of || units.valid_on(u, *options.hierarchy_as_of);
  };
  const std::vector<UnitId>& wanted = options.filter.units;
  const auto listed = [&](UnitId u) {
    return std::find(wanted.begin(), wanted.end(), u) != wanted.end();
  };
  const auto in_units = [&](UnitId u) {
    if (wanted.empty() || listed(u)) return true;
    if (!options.filter.subtrees) return false;
    for (auto p = parent[u]; p; p = parent[*p]) {
      if (listed(*p)) return true;
    }
    return false;
  };
  std::vector<bool> visible(nu, false);
  for (UnitId u = 0; u < nu; ++u) {
    const Unit& unit = units[u];
    const bool valid = unit.valid_from <= period.to && unit.valid_to >= period.from;
    visible[u] = exists(u) && in_units(u) && (valid || has_dossiers(subtree[u]));
  }
  for (UnitId u = 0; u < nu; ++u) {
    if (!visible[u]) continue;
    for (auto p = parent[u]; p && exists(*p) && !visible[*p]; p = parent[*p]) visible[*p] = true;
  }
  return visible;
}

// The rows of the visible units, depth first in code order under their display parents.
void hierarchy_rows(const UnitRegistry& units, const ReportOptions& options,
                    const std::vector<std::optional<UnitId>>& parent,
                    const std::vector<bool>& visible, const std::vector<MetricCounts>& subtree,
                    Layout& l, std::vector<std::size_t>& row_of) {
  const std::size_t nu = units.size();
  std::vector<std::vector<UnitId>> children(nu);
  std::vector<UnitId> roots;
  for (UnitId u = 0; u < nu; ++u) {
    if (!visible[u]) continue;
    (parent[u] && visible[*parent[u]] ? children[*parent[u]] : roots).push_back(u);
  }
  const auto by_code = [&](UnitId a, UnitId b) { return units[a].code < units[b].code; };
  std::sort(roots.begin(), roots.end(), by_code);
  for (auto& c : children) std::sort(c.begin(), c.end(), by_code);
  const ReportPeriod& period = options.period;
  std::vector<std::pair<UnitId, int>> stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.emplace_back(*it, 0);
  std::vector<std::size_t> root_row(nu, kNoRow);
  while (!stack.empty()) {
    const auto [u, depth] = stack.back();
    stack.pop_back();
    const Unit& unit = units[u];
    const DayNumber day = options.hierarchy_as_of
                              ? *options.hierarchy_as_of
                              : std::clamp(period.to, unit.valid_from, unit.valid_to);
    ReportRow row;
    row.key = unit.code;
    row.name = std::string(units.name_on(u, day));
    row.unit = u;
    row.level = units.level_name(units.level(u));
    row.depth = depth;
    row.subtree = subtree[u];
    row_of[u] = l.rows.size();
    if (depth > 0) {
      row.parent_row = row_of[*parent[u]];
      root_row[u] = root_row[*parent[u]];
    } else {
      root_row[u] = row_of[u];
    }
    row.root_row = root_row[u];
    l.rows.push_back(std::move(row));
    for (auto it = children[u].rbegin(); it != children[u].rend(); ++it) {
      stack.emplace_back(*it, depth + 1);
    }
  }
}

}  // namespace

Layout unit_layout(const UnitRegistry& units, const ReportOptions& options, const Attribution& a,
                   const std::vector<MetricCounts>& counts) {
  const std::size_t nu = units.size();
  std::vector<std::optional<UnitId>> parent(nu);
  for (UnitId u = 0; u < nu; ++u) {
    const Unit& unit = units[u];
    parent[u] = units.parent_on(
        u, options.hierarchy_as_of ? *options.hierarchy_as_of
                                   : std::clamp(options.period.to, unit.valid_from, unit.valid_to));
  }
  // Subtree figures: each node's dossiers for every unit of its chain.
  std::vector<MetricCounts> subtree(nu);
  for (std::size_t k = 0; k < a.nodes.size(); ++k) {
    if (a.nodes[k].no_carrier) continue;
    for (const UnitId x : a.nodes[k].chain) subtree[x] += counts[k];
  }
  Layout l;
  std::vector<std::size_t> row_of(nu, kNoRow);
  hierarchy_rows(units, options, parent, visible_units(units, options, parent, subtree), subtree, l,
                 row_of);
  // Units nothing carries on the as-of day, with dossiers: rows of their own, after the rest.
  std::vector<std::size_t> own_row(a.nodes.size(), kNoRow);
  std::vector<std::size_t> lost;
  for (std::size_t k = 0; k < a.nodes.size(); ++k) {
    if (a.nodes[k].no_carrier && has_dossiers(counts[k])) lost.push_back(k);
  }
  std::sort(lost.begin(), lost.end(), [&](std::size_t x, std::size_t y) {
    return units[a.nodes[x].unit].code < units[a.nodes[y].unit].code;
  });
  for (const std::size_t k : lost) {
    const UnitId u = a.nodes[k].unit;
    ReportRow row;
    row.key = units[u].code;
    row.name = std::string(units.name_on(u, units[u].valid_to));
    row.unit = u;
    row.level = units.level_name(units.level(u));
    row.subtree = counts[k];
    row.no_carrier = true;
    own_row[k] = row.root_row.emplace(l.rows.size());
    l.rows.push_back(std::move(row));
  }
  // A node counts in its unit's row, in its ancestors' rows when rolled up, and in the total.
  const auto total = static_cast<std::uint32_t>(l.rows.size());
  std::vector<std::uint32_t> groups;
  for (std::size_t k = 0; k < a.nodes.size(); ++k) {
    const AttributionNode& node = a.nodes[k];
    groups.clear();
    if (node.no_carrier) {
      if (own_row[k] != kNoRow) groups.push_back(static_cast<std::uint32_t>(own_row[k]));
    } else {
      for (const UnitId x : node.chain) {
        if (row_of[x] != kNoRow) groups.push_back(static_cast<std::uint32_t>(row_of[x]));
        if (!options.roll_up) break;
      }
    }
    groups.push_back(total);
    l.groups.add_key(groups);
  }
  // An empty registry still has one key (the engine never counts zero keys), which no dossier
  // can reach: it counts in the total alone.
  for (std::size_t k = a.nodes.size(); k < counts.size(); ++k) l.groups.add_key({total});
  return l;
}

}  // namespace parmetrics::detail
