#include "input_files.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <iostream>

#include <parmetrics/calendar/calendar_data.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/portal_import.hpp>

namespace parmetrics::cli {

namespace fs = std::filesystem;

namespace {

/// Runs `work`, showing the file being read, its size and the time spent, refreshed while the
/// import runs on another thread; silent unless `err` is standard error on a terminal (piped, or
/// a test's stream).
void with_progress(std::ostream* err, std::string_view command, const std::string& file,
                   const std::function<void()>& work) {
  if (err != &std::cerr || isatty(2) != 1) return work();
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  const std::string label = fs::path(file).filename().string();
  const std::string what =
      ec ? label : fmt::format("{} ({:.1f} MB)", label, static_cast<double>(size) / 1e6);
  const auto start = std::chrono::steady_clock::now();
  auto done = std::async(std::launch::async, work);
  while (done.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print(*err, "\rparmetrics {}: reading {} … {:.1f} s", command, what, s);
    err->flush();
  }
  fmt::print(*err, "\r\033[K");
  err->flush();
  done.get();
}

template <class T>
T& target(T* where) {
  if (where == nullptr) throw Error("internal error: input files with nowhere to load them");
  return *where;
}

}  // namespace

InputFiles InputFiles::of(const ParsedOptions& o, bool positional_dossiers) {
  InputFiles f;
  f.units = o.value("units");
  f.procedures = o.value("procedures");
  f.unit_procedures = o.values("unit-procedures");
  f.dossiers = o.values("dossiers");
  if (positional_dossiers) {
    for (const std::string& p : o.positional()) f.dossiers.push_back(p);
  }
  f.portal = o.values("portal");
  f.events = o.values("events");
  f.feedback = o.values("feedback");
  f.communes = o.values("communes");
  return f;
}

void load_inputs(const InputFiles& files, const LoadSettings& settings, LoadTargets into,
                 ImportSummary& summary) {
  ImportOptions options;
  options.threads = settings.threads;
  options.register_unknown = !files.units;
  options.register_unknown_procedures = !files.procedures;
  const WorkingCalendar& calendar = settings.calendar;
  // Units and procedures files define what they add; the other files register it.
  const auto load = [&](const std::string& file, bool registers, auto&& import) {
    ImportReport r;
    const std::size_t units = into.units.size(), procedures = into.procedures.size();
    with_progress(settings.progress, settings.command, file, [&] { import(fs::path(file), r); });
    if (registers) {
      note_registered(r, into.units.size() - units, into.procedures.size() - procedures);
    }
    summary.add(file, r);
  };
  if (files.units) {
    load(*files.units, false,
         [&](const fs::path& p, ImportReport& r) { import_units_csv(p, into.units, r, options); });
  }
  if (files.procedures) {
    load(*files.procedures, false, [&](const fs::path& p, ImportReport& r) {
      import_procedures_csv(p, into.procedures, r, options);
    });
  }
  for (const std::string& f : files.unit_procedures) {
    load(f, true, [&](const fs::path& p, ImportReport& r) {
      import_unit_procedures_csv(p, into.units, into.procedures, target(into.facts), r, options);
    });
  }
  for (const std::string& f : files.dossiers) {
    load(f, true, [&](const fs::path& p, ImportReport& r) {
      import_dossiers_csv(p, into.units, into.procedures, calendar, target(into.store), r, options);
    });
  }
  for (const std::string& f : files.portal) {
    load(f, true, [&](const fs::path& p, ImportReport& r) {
      import_portal_json(p, into.units, into.procedures, calendar, target(into.store), r, options);
    });
  }
  for (const std::string& f : files.events) {
    load(f, true, [&](const fs::path& p, ImportReport& r) {
      import_events_csv(p, target(into.store), r, options);
    });
  }
  for (const std::string& f : files.feedback) {
    load(f, true, [&](const fs::path& p, ImportReport& r) {
      import_feedback_csv(p, into.units, target(into.facts), r, options);
    });
  }
  for (const std::string& f : files.communes) {
    load(f, true, [&](const fs::path& p, ImportReport& r) {
      import_communes_csv(p, into.units, target(into.facts), r, options);
    });
  }
  if (settings.strict && summary.rejected() != 0) {
    const std::uint64_t n = summary.rejected();
    throw StrictStop(fmt::format("{} record{} rejected (--strict)", n, n == 1 ? "" : "s"));
  }
}

WorkingCalendar calendar_from(const ParsedOptions& o) {
  const auto files = o.values("calendar");
  if (files.empty()) return WorkingCalendar();
  CalendarOptions options;
  for (const std::string& f : files) options.data.push_back(CalendarData::load(f));
  return WorkingCalendar(options);
}

unsigned threads_from(const ParsedOptions& o) {
  const auto v = o.value("threads");
  return v ? static_cast<unsigned>(number_arg("threads", *v, 0, 1024)) : 0u;
}

}  // namespace parmetrics::cli
