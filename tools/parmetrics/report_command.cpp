// parmetrics report: import dossiers (native CSV and/or portal JSON), evaluate them as of an
// instant and print the timeliness, apology and digitisation report. Without data files it runs
// on the bundled sample (data/sample/). docs/metrics.md describes the options and the output.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include <parmetrics/calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/metrics.hpp>
#include <parmetrics/model.hpp>

#include "bundled_data.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "dossier_inputs.hpp"
#include "flags.hpp"
#include "generator.hpp"
#include "import_summary.hpp"
#include "input_files.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

namespace fs = std::filesystem;

/// A date-time, or a date meaning the end of that day (24:00).
MinuteStamp instant_arg(std::string_view flag, const std::string& text) {
  if (const auto d = parse_iso_date(text)) return to_minutes(*d + 1);
  const auto t = parse_iso_datetime(text);
  if (!t) {
    throw UsageError(
        fmt::format("--{}: '{}' is not a date-time YYYY-MM-DDTHH:MM or a date", flag, text));
  }
  const DayNumber d = day_of(*t);
  if (d < kFirstSupportedDay || d > kLastSupportedDay) {
    throw UsageError(fmt::format("--{}: {} is outside 1900-01-01..2199-12-31", flag, text));
  }
  return *t;
}

template <class T>
T choice(const ParsedOptions& o, std::string_view flag, T fallback,
         std::initializer_list<std::pair<std::string_view, T>> choices) {
  const auto v = o.value(flag);
  if (!v) return fallback;
  std::string names;
  for (const auto& [name, value] : choices) {
    if (*v == name) return value;
    names += names.empty() ? "" : ", ";
    names += name;
  }
  throw UsageError(fmt::format("--{}: '{}' is not one of {}", flag, *v, names));
}

RateId rate_arg(const ParsedOptions& o, std::string_view flag, RateId fallback) {
  const auto v = o.value(flag);
  if (!v) return fallback;
  if (const auto r = find_rate(*v)) return *r;
  std::string names;
  for (const RateInfo& r : rate_infos())
    names += fmt::format("{}{}", names.empty() ? "" : ", ", r.name);
  throw UsageError(fmt::format("--{}: unknown rate '{}' (rates: {})", flag, *v, names));
}

/// What the command line alone says: the report's options and how to print it, checked before
/// any file is read.
struct ReportRequest {
  ReportOptions options;
  ReportFormat format = ReportFormat::table;
  ReportFormatOptions print;
  std::optional<DayNumber> from, to;
  std::optional<MinuteStamp> as_of;
  std::optional<std::string> compare_to;
};

void read_policy(const ParsedOptions& o, TimelinessPolicy& policy) {
  policy.pause =
      choice(o, "pause-policy", PausePolicy::working_time,
             {{"working", PausePolicy::working_time}, {"elapsed", PausePolicy::elapsed}});
  policy.granularity = choice(o, "granularity", Granularity::minute,
                              {{"minute", Granularity::minute}, {"day", Granularity::day}});
  policy.multiple_supplements_late =
      choice(o, "multiple-supplements", true, {{"late", true}, {"ignore", false}});
  policy.withdrawn =
      choice(o, "withdrawn", WithdrawnPolicy::evaluate,
             {{"evaluate", WithdrawnPolicy::evaluate}, {"exclude", WithdrawnPolicy::exclude}});
  if (const auto v = o.value("apology-lead")) {
    policy.apology_lead_days = static_cast<int>(number_arg("apology-lead", *v, 0, 30));
  }
}

void read_print_options(const ParsedOptions& o, ReportFormatOptions& print) {
  print.compare = rate_arg(o, "compare", RateId::online_rate);
  print.rank = rate_arg(o, "rank", RateId::late_rate);
  if (const auto v = o.value("top"))
    print.top = static_cast<std::size_t>(number_arg("top", *v, 0, 1000));
  print.language = language_arg(o);
  print.summary = !o.has("no-summary");
  if (const auto v = o.value("columns")) {
    std::string_view rest = *v;
    while (!rest.empty()) {
      const std::size_t comma = std::min(rest.find(','), rest.size());
      const std::string column(rest.substr(0, comma));
      if (!is_report_column(column)) {
        throw UsageError(fmt::format(
            "--columns: '{}' is no count or rate (docs/metrics.md §7 lists their names)", column));
      }
      print.columns.push_back(column);
      rest = rest.substr(std::min(comma + 1, rest.size()));
    }
  }
}

ReportRequest read_request(const ParsedOptions& o) {
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  ReportRequest q;
  const auto format = parse_report_format(o.value("format").value_or("table"));
  if (!format) {
    throw UsageError(fmt::format("--format: '{}' is not table, csv, json, markdown or html",
                                 *o.value("format")));
  }
  q.format = *format;
  if (const auto by = o.value("by")) {
    const auto g = parse_group_by(*by);
    if (!g || *g == GroupBy::none) {
      throw UsageError(fmt::format(
          "--by: '{}' is not unit, level, field, procedure, channel, month, quarter or year", *by));
    }
    q.options.by = *g;
  }
  q.options.roll_up = !o.has("no-roll-up");
  // --successors-as-of is --hierarchy-as-of's earlier name, kept for the scripts that use it.
  const auto as_of = o.value("hierarchy-as-of"), alias = o.value("successors-as-of");
  if (as_of && alias && *as_of != *alias) {
    throw UsageError("--hierarchy-as-of and --successors-as-of (its earlier name) differ");
  }
  if (as_of) q.options.hierarchy_as_of = date_value("hierarchy-as-of", *as_of);
  if (alias) q.options.hierarchy_as_of = date_value("successors-as-of", *alias);
  read_policy(o, q.options.policy);
  q.options.threads = threads_from(o);
  read_print_options(o, q.print);
  if (const auto v = o.value("from")) q.from = date_value("from", *v);
  if (const auto v = o.value("to")) q.to = date_value("to", *v);
  if (q.from && q.to && *q.to < *q.from) throw UsageError("--to is before --from");
  if (const auto v = o.value("as-of")) q.as_of = instant_arg("as-of", *v);
  q.compare_to = o.value("compare-to");
  return q;
}

/// The files to read: those given, or the bundled sample's; nullopt when the sample is not
/// found (said on `err`).
struct ReportFiles {
  InputFiles files;
  bool sample = false;  ///< the bundled sample's
};

std::optional<ReportFiles> report_files(const ParsedOptions& o, std::ostream& err) {
  ReportFiles r{InputFiles::of(o)};
  InputFiles& f = r.files;
  if (f.any_dossiers()) return r;
  if (f.units || f.procedures || !f.events.empty()) {
    throw UsageError("--units, --procedures and --events need --dossiers or --portal");
  }
  const fs::path data = bundled_data_dir("sample/dossiers.csv");
  if (data.empty()) {
    fmt::print(err,
               "parmetrics report: the bundled sample (sample/dossiers.csv) was not found in {} "
               "nor {}; give --dossiers FILE\n",
               installed_data_dir(), source_data_dir());
    return std::nullopt;
  }
  const fs::path sample = data / "sample";
  f.units = (sample / "units.csv").string();
  f.procedures = (sample / "procedures.csv").string();
  f.dossiers = {(sample / "dossiers.csv").string()};
  f.events = {(sample / "events.csv").string()};
  r.sample = true;
  return r;
}

struct LoadedData {
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
};

/// The period: by default from the first day of the month of the earliest receipt to the day of
/// the latest receipt (default_report_period); on the bundled sample, without --from and --to,
/// the period of the district report it reproduces (January–August 2023).
ReportPeriod period_for(const ReportRequest& q, const DossierStore& store, bool sample) {
  std::optional<DayNumber> from = q.from, to = q.to;
  if (sample && !from && !to) {
    from = generator::kSampleReportFrom;
    to = generator::kSampleReportTo;
  }
  try {
    return default_report_period(store, from, to, q.as_of);
  } catch (const ArgumentError& e) {
    throw UsageError(e.reason());
  }
}

bool for_people(ReportFormat f) {
  return f == ReportFormat::table || f == ReportFormat::markdown || f == ReportFormat::html;
}

}  // namespace

int run_report(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::report);
  ReportRequest q = read_request(o);
  const std::optional<ReportFiles> files = report_files(o, err);
  if (!files) return kExitFailure;

  const WorkingCalendar calendar = calendar_from(o);
  LoadedData d;
  ImportSummary summary("report", err);
  load_inputs(files->files, {"report", calendar, q.options.threads, o.has("strict"), &err},
              {d.units, d.procedures, &d.store}, summary);
  d.units.resolve();
  apply_units_layers(o.values("units-layer"), d.units, err);
  if (d.store.empty()) {
    fmt::print(err, "parmetrics report: no dossier was loaded\n");
    return kExitFailure;
  }
  q.options.filter = filter_of(o, d.units, d.procedures);
  q.options.period = period_for(q, d.store, files->sample);
  std::optional<ReportPeriod> earlier;
  if (q.compare_to) {
    earlier = parse_compare_to(*q.compare_to, q.options.period);
    if (!earlier) {
      throw UsageError(fmt::format(
          "--compare-to: '{}' is not previous, last-year or FROM..TO (ISO dates, TO not before "
          "FROM), or its period falls outside 1900-01-01..2199-12-31",
          *q.compare_to));
    }
  }

  note_computed_years(calendar, q.options.period.from, q.options.period.to, "report", err);
  const Report report = compute_report(d.store, d.units, d.procedures, calendar, q.options);
  const ReportContext context = compute_report_context(
      d.store, d.units, d.procedures, calendar, report, earlier,
      for_people(q.format) && (q.print.summary || q.format == ReportFormat::html));
  write_report(out, report, q.format, q.print, context);
  return summary.exit_status();
}

}  // namespace parmetrics::cli
