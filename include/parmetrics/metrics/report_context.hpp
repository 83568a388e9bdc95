#pragma once
// What the readers of a report see beside its table: the same figures over an earlier period
// (`parmetrics report --compare-to`: every rate then, now and the change in percentage points)
// and month by month (the summary's trend, the HTML report's line chart).
//
// Thread-safety: as compute_report: safe to call concurrently on const inputs.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

#include <parmetrics/export.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>

namespace parmetrics {

/// Which earlier period a report is compared with.
enum class CompareTo : std::uint8_t {
  previous,   ///< just before, as long: the months before when the period is whole months
  last_year,  ///< a year earlier: the same whole months (February 2024 → 1–28 February 2023),
              ///< or the same days (29 February → 28 February)
};

/// The earlier period, evaluated as of its own end (so that it reads as its report did then).
PARMETRICS_API ReportPeriod earlier_period(const ReportPeriod& now, CompareTo how);

/// "previous", "last-year" or "FROM..TO" (ISO dates) against `now`; nullopt when the text is none
/// of those, the period is reversed or it falls outside the calendar's range.
PARMETRICS_API std::optional<ReportPeriod> parse_compare_to(std::string_view text,
                                                            const ReportPeriod& now);

struct ReportContext {
  std::optional<Report> previous;  ///< the report's options over the earlier period
  std::optional<Report> monthly;   ///< the report's options, by month
};

/// The context of `report`: `previous` when `earlier` is given, `monthly` when `monthly` is
/// true and the period spans two months or more (a report already by month is reused as it
/// is). Both are computed with the report's own options, so that a unit's rows match by key.
PARMETRICS_API ReportContext
compute_report_context(const DossierStore& store, const UnitRegistry& units,
                       const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                       const Report& report, std::optional<ReportPeriod> earlier, bool monthly);
/// The same on a snapshot of a live store (model/live_store.hpp).
PARMETRICS_API ReportContext
compute_report_context(const StoreSnapshot& snapshot, const UnitRegistry& units,
                       const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                       const Report& report, std::optional<ReportPeriod> earlier, bool monthly);

/// The change of a rate in percentage points, as the two rates are shown: now − then in
/// hundredths (so that "28,72 → 7,83" reads −20,89 on paper too); nullopt when either is
/// undefined.
PARMETRICS_API std::optional<std::int64_t> change_hundredths(const Rate& then, const Rate& now);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a CompareTo: "previous", …
PARMETRICS_API std::string_view to_string(CompareTo value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, CompareTo value);

}  // namespace parmetrics
