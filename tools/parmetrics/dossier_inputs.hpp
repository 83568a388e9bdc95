#pragma once
// The dossier inputs of the commands that grade units from dossier metrics (`par`, `score`,
// `targets`):
// the same files as `report` takes (--units, --procedures, --dossiers, --portal, --events), or
// the bundled sample, and the SIPAS responses that give the sipas.* metrics.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string_view>
#include <utility>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

#include "import_summary.hpp"
#include "options.hpp"

namespace parmetrics::cli {

struct DossierData {
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  WorkingCalendar calendar;
  DayNumber from = 0, to = 0;  // the data's receipt days (or the sample's)
  // The end of the last day the data records anything: periods reaching past it are evaluated
  // as of it, not as of an end the data cannot know about (pending dossiers would turn overdue).
  MinuteStamp horizon = 0;
  bool sample = false;
};

/// Loads the units file alone (no dossier file given and `need_dossiers` false), everything
/// given, or the bundled sample (no dossier file and `need_dossiers`); nullopt when there is
/// nothing to load. Each file's import is added to `summary`.
std::optional<DossierData> load_dossiers(const ParsedOptions& o, bool need_dossiers,
                                         ImportSummary& summary);

/// The instant a period is evaluated at: `given` (--as-of) when set, else the period's end or
/// the data's horizon, whichever comes first (nullopt: the period's end).
std::optional<MinuteStamp> as_of_for(DayNumber from, DayNumber to, std::optional<MinuteStamp> given,
                                     MinuteStamp horizon);

/// The days of --from and --to, each defaulting to the data's; on the bundled sample without
/// either, the period of the district report it reproduces (January–August 2023). A UsageError
/// for a reversed period.
std::pair<DayNumber, DayNumber> period_days(const ParsedOptions& o, const DossierData& data);

/// The period of --from, --to and --as-of (each defaulting to the data's), evaluated as as_of_for
/// says; a UsageError for a bad or reversed period.
ReportPeriod period_of(const ParsedOptions& o, const DossierData& data);

/// The filters --unit CODE, --level LEVEL, --field FIELD, --procedure CODE and --channel
/// direct|online|postal (each repeatable), checked against the data: a UsageError names a code,
/// level or field that nothing has.
ReportFilter filter_of(const ParsedOptions& o, const UnitRegistry& units,
                       const ProcedureCatalog& procedures);

/// The SIPAS questionnaire shipped with parmetrics (the service form); throws Error when it is not
/// installed.
std::filesystem::path default_sipas_questionnaire();

/// The values given outside dossier data: every --metrics FILE (unit,metric,numerator,
/// denominator), every --facts FILE (unit,metric,value, with the rates derived from its counts)
/// and, with --sipas FILE [--questionnaire FILE], each unit's sipas.* indices (the responses'
/// import added to `summary`).
MetricTable external_metrics(const ParsedOptions& o, ImportSummary& summary);

}  // namespace parmetrics::cli
