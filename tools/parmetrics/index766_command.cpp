// parmetrics index766: the QĐ 766 service index from item counts (--counts) or from dossiers and
// the facts the dossiers do not carry (--dossiers …). docs/index766.md.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_derive.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/indices/service_index_output.hpp>
#include <parmetrics/model/dossier_store.hpp>

#include <parmetrics/error.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "flags.hpp"
#include "import_summary.hpp"
#include "input_files.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

ServiceIndexFormat parse_format(const ParsedOptions& o) {
  if (o.value("format") == "html") {
    if (o.value("by") == "procedure") throw UsageError("--format html is for --by unit");
    return ServiceIndexFormat::html;
  }
  switch (output_format(o)) {
    case OutputFormat::csv:
      return ServiceIndexFormat::csv;
    case OutputFormat::json:
      return ServiceIndexFormat::json;
    case OutputFormat::table:
      break;
  }
  return ServiceIndexFormat::table;
}

/// --from, --to and --as-of, checked.
ReportPeriod derived_period(const ParsedOptions& o) {
  const DayNumber from = date_option(o, "from");
  const DayNumber to = date_option(o, "to");
  if (to < from) throw UsageError("--to is before --from");
  std::optional<MinuteStamp> as_of;
  if (auto text = o.value("as-of")) {
    as_of = parse_iso_datetime(*text);
    if (!as_of) {
      throw UsageError(fmt::format("--as-of: '{}' is not a date-time YYYY-MM-DDTHH:MM", *text));
    }
    if (*as_of < to_minutes(from)) throw UsageError("--as-of is before --from");
  }
  return ReportPeriod::of(from, to, as_of);
}

/// The index's inputs: the dossiers and the facts the portal keeps beside them.
struct DerivedInputs {
  WorkingCalendar calendar;
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  ServiceIndexFacts facts;
};

/// Items whose facts were not given still score by their zero-denominator rule (full points for
/// the two feedback items, none for the others): say so, so that a missing file is not read as a
/// result.
void warn_missing_facts(const ParsedOptions& o, std::ostream& err) {
  const auto warn = [&](std::string_view w) {
    fmt::print(err, "parmetrics index766: warning: {}\n", w);
  };
  if (!o.has("unit-procedures")) {
    warn(
        "no --unit-procedures: PUBLISH_ON_TIME, PUBLIC_UPDATE_ON_TIME, PUBLIC_CONTENT_FULL, "
        "ONLINE_PROCEDURES, ONLINE_SERVICES_WITH_DOSSIER, PAYMENT_FEE_PROCEDURES_ONLINE, "
        "PAYMENT_FEE_PROCEDURES_SYNCED and CITIZEN_DATA_CONNECTED_FORMALITY have no counts");
  }
  if (!o.has("feedback")) {
    warn(
        "no --feedback: PETITION_PROCESSING_ON_TIME and PETITION_HANDLING_SATISFACTION count no "
        "feedback, which the methodology scores as full points");
  }
  if (!o.has("communes")) warn("no --communes: ELECTRONIC_CERTIFIED_COPY has no counts");
}

int run_derived(const ParsedOptions& o, const ServiceIndexMethodology& m, ServiceIndexFormat format,
                std::ostream& out, std::ostream& err) {
  ServiceIndexDeriveOptions derive;
  derive.period = derived_period(o);
  derive.roll_up = !o.has("own");
  const std::string by = o.value("by").value_or("unit");
  if (by != "unit" && by != "procedure") {
    throw UsageError(fmt::format("--by {} is not one of unit, procedure", by));
  }
  DerivedInputs in{calendar_from(o), {}, {}, {}, {}};
  ImportSummary summary("index766", err);
  load_inputs(InputFiles::of(o, true), {"index766", in.calendar, 0, o.has("strict")},
              {in.units, in.procedures, &in.store, &in.facts}, summary);
  in.units.resolve();
  warn_missing_facts(o, err);
  const DerivedServiceIndex derived =
      derive_service_index(in.store, in.units, in.procedures, in.calendar, in.facts, derive);
  for (const auto& [unit, n] : derived.unjudged) {
    fmt::print(err,
               "note: unit {}: {} dossier(s) in scope without an appointment left out of "
               "PROGRESS_ON_TIME and DOSSIER_RECEIVING_SATISFACTION\n",
               unit, n);
  }
  if (by == "procedure") {
    fmt::print(out, "{}", format_service_index_drilldown(m, derived.by_procedure, format));
  } else {
    const std::vector<UnitScore> scores = score_units(m, derived_counts_for(m, derived.units));
    fmt::print(out, "{}", format_service_index(m, scores, format, language_arg(o)));
  }
  return summary.exit_status();
}

}  // namespace

int run_index766(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::index766);
  const ServiceIndexFormat format = parse_format(o);
  const bool counts_mode = o.has("counts");
  const bool data_mode = o.has("dossiers");
  if (counts_mode == data_mode) {
    throw UsageError(counts_mode
                         ? "--counts and --dossiers exclude each other"
                         : "give --counts FILE, or --dossiers FILE... with --from and --to");
  }
  ServiceIndexMethodology methodology = qd766_portal_methodology();
  if (auto file = o.value("methodology")) methodology = load_service_index_methodology(*file);

  if (counts_mode) {
    for (std::string_view flag :
         {"events", "procedures", "unit-procedures", "feedback", "units", "communes", "from", "to",
          "as-of", "by", "own", "strict", "calendar"}) {
      if (o.has(flag))
        throw UsageError(fmt::format("--{} goes with --dossiers, not --counts", flag));
    }
    if (!o.positional().empty()) {
      throw UsageError(fmt::format("unexpected argument '{}'", o.positional().front()));
    }
    const ServiceIndexCountsDocument doc =
        load_service_index_counts(o.required("counts"), methodology);
    const std::vector<UnitScore> scores = score_units(methodology, doc.units);
    fmt::print(out, "{}", format_service_index(methodology, scores, format, language_arg(o)));
    return kExitOk;
  }
  return run_derived(o, methodology, format, out, err);
}

}  // namespace parmetrics::cli
