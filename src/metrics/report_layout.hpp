#pragma once
// The report's rows and which of them each key counts in (report.cpp), and the rows of a report
// by unit (report_units.cpp). Internal.

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include <parmetrics/metrics/report.hpp>

#include "metrics/attribution.hpp"

namespace parmetrics::detail {

/// Which groups (rows, then the total) a key counts in: key k's groups are
/// group_ids[group_begin[k] .. group_begin[k + 1]).
struct KeyGroups {
  std::vector<std::uint32_t> group_begin{0};
  std::vector<std::uint32_t> group_ids;
  void add_key(std::initializer_list<std::uint32_t> groups) {
    group_ids.insert(group_ids.end(), groups);
    group_begin.push_back(static_cast<std::uint32_t>(group_ids.size()));
  }
  void add_key(const std::vector<std::uint32_t>& groups) {
    group_ids.insert(group_ids.end(), groups.begin(), groups.end());
    group_begin.push_back(static_cast<std::uint32_t>(group_ids.size()));
  }
  std::span<const std::uint32_t> of(std::size_t k) const {
    return std::span<const std::uint32_t>(group_ids).subspan(group_begin[k],
                                                             group_begin[k + 1] - group_begin[k]);
  }
};

/// The report's rows for the keys, and each key's groups.
struct Layout {
  std::vector<ReportRow> rows;
  KeyGroups groups;  ///< group ids: row indices, then rows.size() for the total
};

inline bool has_dossiers(const MetricCounts& c) {
  return c.in_scope != 0 || c.withdrawn_excluded != 0;
}

/// The rows of a report by unit, one key per attribution node (`counts` by node): the units of
/// the view's hierarchy that are selected and valid in the period or hold dossiers, with their
/// ancestors, in hierarchy order (each under its parent on its display day: the as-of day, else
/// the period's last day within its life), then the rows of units nothing carries. Each row's
/// `subtree` holds its unit's dossiers and its descendants', each dossier counted under the
/// chain of its node.
Layout unit_layout(const UnitRegistry& units, const ReportOptions& options, const Attribution& a,
                   const std::vector<MetricCounts>& counts);

}  // namespace parmetrics::detail
