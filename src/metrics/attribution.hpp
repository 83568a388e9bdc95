#pragma once
// Where each dossier counts in a report: its node, a unit and the chain of ancestors it rolls up
// along. As it was (the default), a dossier stays with its unit under the hierarchy in force on
// the day it was received; as of a date (ReportOptions::hierarchy_as_of), it goes to the unit
// that carries its unit's history on that date, under that date's hierarchy, or, when nothing
// carries it then, to a node of its own unit outside the hierarchy. Internal; docs/metrics.md §9.

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <parmetrics/metrics/report.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics::detail {

/// In a per-unit table (Plan::unit_key, Attribution::unit_node): the unit's dossiers take a
/// route (the index below this bit), not one entry for all.
inline constexpr std::uint32_t kRouted = 0x80000000u;
inline constexpr std::uint32_t kNoNode = 0xFFFFFFFFu;

struct AttributionNode {
  UnitId unit = 0;
  std::vector<UnitId> chain;  ///< the unit, then its ancestors on `day`
  DayNumber day = 0;          ///< the day whose hierarchy the node rolls up along
  bool no_carrier = false;    ///< as of a date: nothing carried the unit's history then
};

/// A unit whose dossiers go to several nodes: by the day of receipt (as it was, when the unit's
/// chain of ancestors changes), or by the dossier (as of a date, among successors).
struct Route {
  bool by_day = false;
  bool by_commune = false;
  /// by_day: (first day, node) by day; else (end of the cumulative share, node) in order.
  std::vector<std::pair<std::int64_t, std::uint32_t>> steps;
};

struct Attribution {
  std::vector<AttributionNode> nodes;
  /// Per unit: its node, or kRouted | an index into `routes`.
  std::vector<std::uint32_t> unit_node;
  std::vector<Route> routes;
  /// Per unit, for routes by commune: the node of the unit's one carrier (kNoNode when it has
  /// none or several).
  std::vector<std::uint32_t> commune_node;
};

/// The nodes of every unit of a resolved registry under the options' view.
Attribution attribute(const UnitRegistry& units, const ReportOptions& options);

/// The node of a dossier of a routed unit (`entry` = kRouted | route) by its day of receipt or
/// its commune; kNoNode when it goes by its code's share bucket (then share_node).
std::uint32_t route_node(const Attribution& a, std::uint32_t entry, DayNumber received,
                         UnitId commune) noexcept;

/// The node of a dossier of a routed unit whose code falls in `bucket` (share_bucket).
std::uint32_t share_node(const Attribution& a, std::uint32_t entry, std::uint32_t bucket) noexcept;

/// Where a dossier code falls among shares: FNV-1a (64-bit) of its bytes modulo kShareWhole.
std::uint32_t share_bucket(std::string_view code) noexcept;

/// Whether the node counts under the filter's units (with their subtrees unless told otherwise)
/// and levels.
bool node_selected(const UnitRegistry& units, const ReportFilter& filter,
                   const AttributionNode& node);

}  // namespace parmetrics::detail
