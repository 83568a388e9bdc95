#pragma once
// A report kept up to date as a live store changes (model/live_store.hpp): built once from a
// snapshot by a full evaluation, then refreshed from later snapshots by the changes between them
// (each changed dossier's old contribution taken out, its new one put in) and by the dossiers
// whose evaluation changes with time alone as the as-of moves on (a pending dossier falls due,
// a new appointment passes, an end recorded ahead of the as-of comes). The counts are identical
// to compute_report on the same snapshot as of the same instant; the median and p90 of processing
// times are refreshed on demand. docs/live-store.md says how and what it costs.
//
// Thread-safety: one thread at a time per LiveReport; the snapshots it reads may be shared with
// any number of threads, and the store's writer goes on meanwhile.

#include <cstdint>
#include <memory>

#include <parmetrics/calendar/minute.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/model/live_store.hpp>

namespace parmetrics {

/// Figures of a live report, for monitoring and the benchmarks.
struct LiveReportStats {
  std::uint64_t changes = 0;  ///< changes of the store taken in by refreshes
  std::uint64_t woken = 0;    ///< dossiers re-evaluated because the as-of passed a wake-up
  std::size_t pending = 0;    ///< wake-ups waiting (dossiers whose evaluation may still change)
  std::uint64_t refreshes = 0;
};

class PARMETRICS_API LiveReport {
 public:
  /// Evaluates every dossier of `snapshot` as of options.period.as_of (a full pass, on
  /// options.pool or threads) and notes when each one's evaluation may next change. `units`,
  /// `procedures` and `calendar` must outlive the report. Throws as compute_report.
  LiveReport(std::shared_ptr<const StoreSnapshot> snapshot, const UnitRegistry& units,
             const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
             ReportOptions options);
  ~LiveReport();
  LiveReport(LiveReport&&) noexcept;
  LiveReport& operator=(LiveReport&&) noexcept;

  /// Brings the counts to `snapshot`, a later snapshot of the same store, as of `as_of` (not
  /// before the current as-of): O(changes between the snapshots + dossiers whose wake-up the
  /// as-of passes), each O(1) but for its events. ArgumentError for a snapshot of another store
  /// or an earlier one, or an earlier as-of.
  void refresh(std::shared_ptr<const StoreSnapshot> snapshot, Minute as_of);
  /// The same at the current as-of.
  void refresh(std::shared_ptr<const StoreSnapshot> snapshot);

  /// The report: every count, and each group's processed count, total and mean, exactly as
  /// compute_report(snapshot(), …) as of as_of() gives them; median and p90 from the last
  /// refresh_quantiles() (nullopt before it; see quantiles_current()). O(keys + groups).
  Report report() const;
  /// Median and p90 of every group, from the current snapshot as of the current as-of: a full
  /// evaluation (on options.pool or threads).
  void refresh_quantiles();
  /// The median and p90 that report() gives are those of the current snapshot and as-of.
  bool quantiles_current() const noexcept;

  MinuteStamp as_of() const noexcept;
  const std::shared_ptr<const StoreSnapshot>& snapshot() const noexcept;
  LiveReportStats stats() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parmetrics
