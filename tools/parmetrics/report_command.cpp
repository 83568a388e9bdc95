// parmetrics report: import dossiers (native CSV and/or portal JSON), evaluate them as of an
// instant and print the timeliness, apology and digitisation report. Without data files it runs
// on the bundled sample (data/sample/). docs/metrics.md describes the options and the output.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <iostream>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include <parmetrics/calendar.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/io/portal_import.hpp>
#include <parmetrics/metrics.hpp>
#include <parmetrics/model.hpp>

#include "bundled_data.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "dossier_inputs.hpp"
#include "import_summary.hpp"
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

WorkingCalendar calendar_from(const ParsedOptions& o) {
  const auto files = o.values("calendar");
  if (files.empty()) return WorkingCalendar();
  CalendarOptions options;
  for (const std::string& f : files) options.data.push_back(CalendarData::load(f));
  return WorkingCalendar(options);
}

/// Progress on a terminal: the file being read, its size and the time spent, refreshed while the
/// import runs on another thread. Silent when stderr is not a terminal (piped, or a test's
/// stream).
class Progress {
 public:
  explicit Progress(std::ostream& err) : err_(err), on_(&err == &std::cerr && isatty(2) == 1) {}

  void run(const std::string& label, const fs::path& file, const std::function<void()>& work) {
    if (!on_) {
      work();
      return;
    }
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    const std::string what =
        ec ? label : fmt::format("{} ({:.1f} MB)", label, static_cast<double>(size) / 1e6);
    const auto start = std::chrono::steady_clock::now();
    auto done = std::async(std::launch::async, work);
    while (done.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      fmt::print(err_, "\rparmetrics report: reading {} … {:.1f} s", what, s);
      err_.flush();
    }
    fmt::print(err_, "\r\033[K");
    err_.flush();
    done.get();
  }

 private:
  std::ostream& err_;
  bool on_;
};

}  // namespace

int run_report(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  static constexpr FlagSpec kFlags[] = {{"dossiers", true, true},
                                        {"events", true, true},
                                        {"units"},
                                        {"procedures"},
                                        {"portal", true, true},
                                        {"calendar", true, true},
                                        {"from"},
                                        {"to"},
                                        {"as-of"},
                                        {"by"},
                                        {"no-roll-up", false},
                                        {"successors-as-of"},
                                        {"unit", true, true},
                                        {"level", true, true},
                                        {"field", true, true},
                                        {"procedure", true, true},
                                        {"channel", true, true},
                                        {"pause-policy"},
                                        {"granularity"},
                                        {"apology-lead"},
                                        {"multiple-supplements"},
                                        {"withdrawn"},
                                        {"compare"},
                                        {"rank"},
                                        {"top"},
                                        {"threads"},
                                        {"format"},
                                        {"strict", false}};
  const ParsedOptions o(args, kFlags);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");

  // Everything the command line alone can check, before any import.
  const auto format = parse_report_format(o.value("format").value_or("table"));
  if (!format) {
    throw UsageError(
        fmt::format("--format: '{}' is not table, csv, json or markdown", *o.value("format")));
  }
  ReportOptions options;
  if (const auto by = o.value("by")) {
    const auto g = parse_group_by(*by);
    if (!g || *g == GroupBy::none) {
      throw UsageError(fmt::format(
          "--by: '{}' is not unit, level, field, procedure, channel, month, quarter or year", *by));
    }
    options.by = *g;
  }
  options.roll_up = !o.has("no-roll-up");
  if (const auto d = o.value("successors-as-of"))
    options.successors_as_of = date_value("successors-as-of", *d);
  options.policy.pause =
      choice(o, "pause-policy", PausePolicy::working_time,
             {{"working", PausePolicy::working_time}, {"elapsed", PausePolicy::elapsed}});
  options.policy.granularity = choice(o, "granularity", Granularity::minute,
                                      {{"minute", Granularity::minute}, {"day", Granularity::day}});
  options.policy.multiple_supplements_late =
      choice(o, "multiple-supplements", true, {{"late", true}, {"ignore", false}});
  options.policy.withdrawn =
      choice(o, "withdrawn", WithdrawnPolicy::evaluate,
             {{"evaluate", WithdrawnPolicy::evaluate}, {"exclude", WithdrawnPolicy::exclude}});
  if (const auto v = o.value("apology-lead")) {
    options.policy.apology_lead_days = static_cast<int>(number_arg("apology-lead", *v, 0, 30));
  }
  if (const auto v = o.value("threads")) {
    options.threads = static_cast<unsigned>(number_arg("threads", *v, 0, 1024));
  }
  ReportFormatOptions format_options;
  format_options.compare = rate_arg(o, "compare", RateId::online_rate);
  format_options.rank = rate_arg(o, "rank", RateId::late_rate);
  if (const auto v = o.value("top"))
    format_options.top = static_cast<std::size_t>(number_arg("top", *v, 0, 1000));
  std::optional<DayNumber> from, to;
  if (const auto v = o.value("from")) from = date_value("from", *v);
  if (const auto v = o.value("to")) to = date_value("to", *v);
  if (from && to && *to < *from) throw UsageError("--to is before --from");
  std::optional<MinuteStamp> as_of;
  if (const auto v = o.value("as-of")) as_of = instant_arg("as-of", *v);
  // Files: those given, else the bundled sample.
  std::optional<std::string> units_file = o.value("units");
  std::optional<std::string> procedures_file = o.value("procedures");
  std::vector<std::string> dossier_files = o.values("dossiers");
  std::vector<std::string> event_files = o.values("events");
  const std::vector<std::string> portal_files = o.values("portal");
  if (dossier_files.empty() && portal_files.empty()) {
    if (units_file || procedures_file || !event_files.empty()) {
      throw UsageError("--units, --procedures and --events need --dossiers or --portal");
    }
    const fs::path data = bundled_data_dir("sample/dossiers.csv");
    if (data.empty()) {
      fmt::print(err,
                 "parmetrics report: the bundled sample (sample/dossiers.csv) was not found in {} "
                 "nor {}; give --dossiers FILE\n",
                 installed_data_dir(), source_data_dir());
      return kExitFailure;
    }
    const fs::path sample = data / "sample";
    units_file = (sample / "units.csv").string();
    procedures_file = (sample / "procedures.csv").string();
    dossier_files = {(sample / "dossiers.csv").string()};
    event_files = {(sample / "events.csv").string()};
  }

  const WorkingCalendar calendar = calendar_from(o);
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  ImportOptions import_options;
  import_options.threads = options.threads;
  // Without a units file the units the dossiers name define them, and likewise procedures;
  // never a unit behind a units file's back (an unknown one is rejected).
  import_options.register_unknown = !units_file;
  import_options.register_unknown_procedures = !procedures_file;
  Progress progress(err);
  ImportSummary summary("report", err);
  auto load_file = [&](const std::string& file, const std::function<void(ImportReport&)>& load) {
    ImportReport r;
    const std::size_t units_before = units.size(), procedures_before = procedures.size();
    progress.run(fs::path(file).filename().string(), file, [&] { load(r); });
    // Units and procedures files define what they add; the other files register it.
    if (file != units_file.value_or("") && file != procedures_file.value_or("")) {
      note_registered(r, units.size() - units_before, procedures.size() - procedures_before);
    }
    summary.add(file, r);
  };
  if (units_file) {
    load_file(*units_file, [&](ImportReport& r) {
      import_units_csv(fs::path(*units_file), units, r, import_options);
    });
  }
  if (procedures_file) {
    load_file(*procedures_file, [&](ImportReport& r) {
      import_procedures_csv(fs::path(*procedures_file), procedures, r, import_options);
    });
  }
  for (const std::string& f : dossier_files) {
    load_file(f, [&](ImportReport& r) {
      import_dossiers_csv(fs::path(f), units, procedures, calendar, store, r, import_options);
    });
  }
  for (const std::string& f : portal_files) {
    load_file(f, [&](ImportReport& r) {
      import_portal_json(fs::path(f), units, procedures, calendar, store, r, import_options);
    });
  }
  for (const std::string& f : event_files) {
    load_file(f,
              [&](ImportReport& r) { import_events_csv(fs::path(f), store, r, import_options); });
  }
  if (o.has("strict") && summary.rejected() != 0) {
    fmt::print(err, "parmetrics report: {} records rejected (--strict)\n", summary.rejected());
    return kExitFailure;
  }
  units.resolve();
  if (store.empty()) {
    fmt::print(err, "parmetrics report: no dossier was loaded\n");
    return kExitFailure;
  }

  options.filter = filter_of(o, units, procedures);

  // The period: by default from the first day of the month of the earliest receipt to the day
  // of the latest receipt.
  if (!from || !to) {
    const auto received = store.received();
    const auto [lo, hi] = std::minmax_element(received.begin(), received.end());
    if (!from) {
      CivilDate first = civil_from_days(day_of(*lo));
      first.day = 1;
      from = std::min(days_from_civil(first), to.value_or(days_from_civil(first)));
    }
    if (!to) to = std::max(day_of(*hi), *from);
  }
  try {
    options.period = ReportPeriod::of(*from, *to, as_of);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }

  note_computed_years(calendar, *from, *to, "report", err);
  const Report report = compute_report(store, units, procedures, calendar, options);
  write_report(out, report, *format, format_options);
  return summary.exit_status();
}

}  // namespace parmetrics::cli
