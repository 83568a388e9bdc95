#pragma once
// The aggregation engine: evaluates every dossier of a store as of an instant and sums the counts
// by group (unit with roll-up along the hierarchy, level, field, procedure, channel, month,
// quarter or year of receipt), on all cores, in one pass over the columns with no allocation per
// dossier.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/processing_time.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

class WorkingCalendar;
class ThreadPool;
class StoreSnapshot;

enum class GroupBy : std::uint8_t {
  none,       ///< the total only
  unit,       ///< the dossier's unit, rolled up along the hierarchy unless told otherwise
  level,      ///< the unit's level (province, department, district, commune, branch, …)
  field,      ///< the procedure's field (lĩnh vực)
  procedure,  ///< the procedure (MaTTHC)
  channel,    ///< direct, online, postal
  month,      ///< month of receipt ("2023-01")
  quarter,    ///< quarter of receipt ("2023-Q1")
  year,       ///< year of receipt ("2023")
};

PARMETRICS_API std::string_view to_string(GroupBy by) noexcept;
PARMETRICS_API std::optional<GroupBy> parse_group_by(std::string_view text) noexcept;

/// Which dossiers count. Empty lists do not filter; within a list any entry matches; lists
/// combine with "and". Units and levels apply to the unit a dossier is attributed to (itself, or
/// its successor when ReportOptions::hierarchy_as_of is set); a unit includes its subtree, as
/// the hierarchy stood on the dossier's day of receipt (or on the as-of day).
/// Months, quarters and years are filtered by the period itself.
struct ReportFilter {
  std::vector<UnitId> units;
  std::vector<std::string> levels;
  std::vector<std::string> fields;
  std::vector<ProcedureId> procedures;  ///< dossiers without a procedure never match
  std::vector<Channel> channels;
  /// `units` include their subtrees; false: the units listed, and none below them.
  bool subtrees = true;

  bool empty() const noexcept {
    return units.empty() && levels.empty() && fields.empty() && procedures.empty() &&
           channels.empty();
  }
};

struct ReportOptions {
  ReportPeriod period;
  GroupBy by = GroupBy::unit;
  /// GroupBy::unit: a unit's row includes its subtree (a district includes its communes). When
  /// false each row holds the unit's own dossiers only.
  bool roll_up = true;
  /// The view of the hierarchy (docs/metrics.md §9). Unset, the default: as it was, each
  /// dossier under its unit and the hierarchy in force on the day it was received (dated parents,
  /// UnitVersion). Set: as of this day, each dossier attributed to the unit that carries its
  /// unit's history then (UnitRegistry::carriers: itself while valid, else its successors, shared
  /// out by SuccessionRule), rolled up under that day's hierarchy; units that no longer exist then
  /// have no row, and a dossier of a unit that nothing carries then keeps a row of its unit
  /// outside the hierarchy (ReportRow::no_carrier), never dropped.
  std::optional<DayNumber> hierarchy_as_of;
  ReportFilter filter;
  TimelinessPolicy policy;
  /// 0 = all cores (fewer for small stores; with a pool, its concurrency()); otherwise exactly
  /// this many threads.
  unsigned threads = 0;
  /// Where the passes run (thread_pool.hpp; not owned, must outlive the call): a service that
  /// computes many reports starts its threads once. nullptr: threads started for the call.
  ThreadPool* pool = nullptr;
  /// Median and p90 of processing times (a histogram per group); off saves memory and time.
  bool processing_quantiles = true;
};

/// One group of a report.
struct ReportRow {
  std::string key;   ///< unit code, level, field, procedure code, channel, "2023-01", …
  std::string name;  ///< unit or procedure name; empty otherwise
  MetricCounts counts;
  ProcessingTime processing;

  // GroupBy::unit only.
  std::optional<UnitId> unit;
  std::string level;
  std::optional<std::size_t> parent_row;  ///< the parent unit's row
  std::optional<std::size_t> root_row;    ///< the root (province) of the unit's hierarchy
  int depth = 0;                          ///< 0 for a root
  /// The unit and its subtree (equal to `counts` when rolled up); comparisons with the parent and
  /// the province use these.
  MetricCounts subtree;
  /// With ReportOptions::hierarchy_as_of: the unit did not exist on that day and nothing carried
  /// its history then; its dossiers are on this row, outside the hierarchy (a root of its own).
  bool no_carrier = false;
};

struct Report {
  ReportOptions options;
  std::vector<ReportRow> rows;
  /// Every dossier in scope, once (not the sum of rolled-up rows).
  ReportRow total;
  /// Dossiers looked at (the store's size).
  std::uint64_t dossiers = 0;
};

/// The period of a report whose bounds are not all given (parmetrics report's default): `from`
/// defaults to the first day of the month of the store's earliest receipt (not after `to`), `to`
/// to the day of its latest receipt (not before `from`); `as_of` as ReportPeriod::of. Throws
/// ArgumentError when a bound is missing and the store is empty, or as ReportPeriod::of.
PARMETRICS_API ReportPeriod default_report_period(const DossierStore& store,
                                                  std::optional<DayNumber> from,
                                                  std::optional<DayNumber> to,
                                                  std::optional<MinuteStamp> as_of = {});

/// As default_report_period(store, …) for a live store's snapshot.
PARMETRICS_API ReportPeriod default_report_period(const StoreSnapshot& snapshot,
                                                  std::optional<DayNumber> from,
                                                  std::optional<DayNumber> to,
                                                  std::optional<MinuteStamp> as_of = {});

/// Builds the report. `units` must be resolved; every dossier's unit must be in `units` (else
/// ArgumentError). Thread-safe on const inputs.
PARMETRICS_API Report compute_report(const DossierStore& store, const UnitRegistry& units,
                                     const ProcedureCatalog& procedures,
                                     const WorkingCalendar& calendar, const ReportOptions& options);
/// The same over a live store's snapshot (model/live_store.hpp): its dossiers as of the snapshot,
/// each once (superseded rows left out), with the same exact median and p90. Thread-safe: any
/// number of reports may run on one snapshot while the store's writer goes on.
PARMETRICS_API Report compute_report(const StoreSnapshot& snapshot, const UnitRegistry& units,
                                     const ProcedureCatalog& procedures,
                                     const WorkingCalendar& calendar, const ReportOptions& options);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, GroupBy value);

}  // namespace parmetrics
