#pragma once
// The service index's counts derived from data (input (b)): dossiers and their events, judged by
// the timeliness engine (metrics/timeliness.hpp: scope_of, evaluate_dossier — its rules are not
// repeated here), plus the facts dossiers do not carry (service_index_facts.hpp). Which model
// field feeds which item is tabulated in docs/index766.md. The result feeds score_units(); the
// drill-down by procedure shows, for the dossier-based items, which procedures cost the points.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

class StoreSnapshot;
class WorkingCalendar;

struct ServiceIndexDeriveOptions {
  /// Dossiers received in [from, to] and those carried over into it, judged as of period.as_of;
  /// feedback received in [from, to].
  ReportPeriod period;
  TimelinessPolicy policy;
  /// A unit's counts include its subtree (a district its communes; a province everything), as
  /// the portal grades a province on all its dossiers. When false each unit counts its own.
  bool roll_up = true;
};

/// The counts of the dossier-based items for one procedure of one unit (its own dossiers), and
/// of the two items that count a unit's procedures by their dossiers.
struct ProcedureCounts {
  std::string unit;
  std::string procedure;  ///< code; empty for dossiers without a procedure
  std::string name;
  std::map<std::string, ItemCounts, std::less<>> items;
};

struct DerivedServiceIndex {
  /// One per unit with data (and, with roll-up, each ancestor), in the registry's order, with
  /// every item of the portal profile (data/methodologies/qd766-portal-2025.json).
  std::vector<UnitCounts> units;
  /// Drill-down: per unit and procedure, in the order of `units`, then procedure code.
  std::vector<ProcedureCounts> by_procedure;
  /// Dossiers in scope whose appointment is neither recorded nor computable: left out of
  /// PROGRESS_ON_TIME and DOSSIER_RECEIVING_SATISFACTION (they cannot be judged), by unit code
  /// (own dossiers).
  std::map<std::string, std::uint64_t, std::less<>> unjudged;
};

/// The item codes derive_service_index() fills: all 21 of the portal profile.
PARMETRICS_API const std::vector<std::string>& derivable_service_index_items();
/// Those computed from dossiers alone (the drill-down's items), plus ONLINE_SERVICES_WITH_DOSSIER
/// and CITIZEN_DATA_CONNECTED_FORMALITY, which count procedures by their dossiers.
PARMETRICS_API const std::vector<std::string>& dossier_based_service_index_items();

/// The derived counts of `units` reduced to the items of `methodology`, to score them with it.
/// Throws DataError (origin: the methodology's name; field: the item) when the methodology has an
/// item that dossiers and facts cannot give: such a methodology needs its counts given directly.
PARMETRICS_API std::vector<UnitCounts> derived_counts_for(
    const ServiceIndexMethodology& methodology, std::vector<UnitCounts> units);

/// Derives the counts. `units` must be resolved and hold every unit the store and the facts name.
/// Thread-safe on const inputs.
PARMETRICS_API DerivedServiceIndex derive_service_index(const DossierStore& store,
                                                        const UnitRegistry& units,
                                                        const ProcedureCatalog& procedures,
                                                        const WorkingCalendar& calendar,
                                                        const ServiceIndexFacts& facts,
                                                        const ServiceIndexDeriveOptions& options);
/// The same over a snapshot of a live store (model/live_store.hpp).
PARMETRICS_API DerivedServiceIndex derive_service_index(const StoreSnapshot& snapshot,
                                                        const UnitRegistry& units,
                                                        const ProcedureCatalog& procedures,
                                                        const WorkingCalendar& calendar,
                                                        const ServiceIndexFacts& facts,
                                                        const ServiceIndexDeriveOptions& options);

}  // namespace parmetrics
