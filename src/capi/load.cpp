// Loading data into a context: units, procedures, calendar layers, dossiers (native CSV and the
// portal's records), events and the QĐ 766 facts, each from a buffer or a file, with the import's
// summary as JSON.

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/io/portal_import.hpp>

#include "capi/capi.hpp"

namespace parmetrics::capi {

namespace {

/// A file the importers could not read is PM_IO, in their words ("cannot open the file: …").
void check_readable(const Source& s) {
  if (!s.file) return;
  const int fd = ::open(s.file->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw IoError(s.origin, "", "", std::string("cannot open the file: ") + std::strerror(errno));
  struct stat st {};
  const bool dir = ::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
  ::close(fd);
  if (dir)
    throw IoError(s.origin, "", "", std::string("cannot read the file: ") + std::strerror(EISDIR));
}

/// Runs the importer of `kind` on the source: its text variant (text, origin), or its file
/// variant (path), which maps the file.
void import(pm_context& c, LoadKind kind, const Source& s, ImportReport& r,
            const ImportOptions& o) {
  const auto run = [&](auto&& importer) {
    s.file ? importer(*s.file) : importer(s.text, std::string_view(s.origin));
  };
  switch (kind) {
    case LoadKind::units:
      return run([&](const auto&... in) { import_units_csv(in..., c.units, r, o); });
    case LoadKind::procedures:
      return run([&](const auto&... in) { import_procedures_csv(in..., c.procedures, r, o); });
    case LoadKind::dossiers:
      return run([&](const auto&... in) {
        import_dossiers_csv(in..., c.units, c.procedures, c.calendar, c.store, r, o);
      });
    case LoadKind::portal:
      return run([&](const auto&... in) {
        import_portal_json(in..., c.units, c.procedures, c.calendar, c.store, r, o);
      });
    case LoadKind::events:
      return run([&](const auto&... in) { import_events_csv(in..., c.store, r, o); });
    case LoadKind::unit_procedures:
      return run([&](const auto&... in) {
        import_unit_procedures_csv(in..., c.units, c.procedures, c.facts, r, o);
      });
    case LoadKind::feedback:
      return run([&](const auto&... in) { import_feedback_csv(in..., c.units, c.facts, r, o); });
    case LoadKind::communes:
      return run([&](const auto&... in) { import_communes_csv(in..., c.units, c.facts, r, o); });
  }
}

}  // namespace

nlohmann::ordered_json rejection_json(const Rejection& r) {
  nlohmann::ordered_json j = {{"file", r.file}};
  j[r.record_number ? "record" : "line"] = r.line;
  if (r.last_line != 0) j["last_line"] = r.last_line;
  j["field"] = r.field;
  j["value"] = r.value;
  j["reason"] = r.reason;
  j["hint"] = r.hint;
  j["code"] = data_status(r.reason);
  j["message"] = r.to_string();
  return j;
}

std::string summary_json(const std::string& origin, const ImportReport& r,
                         std::optional<std::pair<std::size_t, std::size_t>> registered) {
  nlohmann::ordered_json j = {{"origin", origin},
                              {"read", r.read()},
                              {"loaded", r.loaded_count()},
                              {"rejected", r.rejected_count()}};
  if (registered) {
    j["registered"] = {{"units", registered->first}, {"procedures", registered->second}};
  }
  j["notes"] = r.loaded_notes();
  j["warnings"] = r.warnings();
  nlohmann::ordered_json rejections = nlohmann::ordered_json::array();
  for (const Rejection& x : r.rejections()) rejections.push_back(rejection_json(x));
  j["rejections"] = std::move(rejections);
  j["rejected_by_reason"] = r.rejections_by_reason();
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

namespace {

/// Under "strict", the first rejection fails the call, with its code.
[[noreturn]] void fail_strict(const ImportReport& r, std::string summary) {
  const Rejection& first = r.rejections().front();
  throw StatusError(data_status(first.reason), first.file,
                    fmt::format("{} {}", first.record_number ? "record" : "line", first.line),
                    first.field,
                    fmt::format("{} (value '{}'){}{} (strict: {} of {} records rejected)",
                                first.reason, first.value, first.hint.empty() ? "" : "; ",
                                first.hint, r.rejected_count(), r.read()),
                    std::move(summary));
}

}  // namespace

Source buffer(const char* data, std::size_t size, const char* origin) {
  if (size != 0) require(data, "data");
  return {std::string_view(data == nullptr ? "" : data, size),
          origin == nullptr ? "buffer" : origin, std::nullopt};
}

Source file(const char* path) {
  require(path, "path");
  return {{}, path, std::filesystem::path(path)};
}

std::string load(pm_context& c, LoadKind kind, const Source& s, const char* options_json) {
  Options options(options_json, "options");
  const bool strict = options.flag("strict").value_or(false);
  const std::optional<bool> register_unknown = options.flag("register_unknown");
  options.done();
  check_readable(s);

  ImportOptions io;
  io.threads = c.threads;
  // As the CLI: units the records name are registered until a units file is loaded, procedures
  // until a procedures file is; never behind a loaded file's back.
  io.register_unknown = register_unknown.value_or(!c.units_loaded);
  io.register_unknown_procedures = register_unknown.value_or(!c.procedures_loaded);
  const std::size_t units = c.units.size(), procedures = c.procedures.size();
  ImportReport r;
  import(c, kind, s, r, io);
  c.units.resolve();
  c.units_loaded = c.units_loaded || kind == LoadKind::units;
  c.procedures_loaded = c.procedures_loaded || kind == LoadKind::procedures;
  const bool registers = kind != LoadKind::units && kind != LoadKind::procedures;
  std::string summary = summary_json(
      s.origin, r,
      registers ? std::optional(std::pair(c.units.size() - units, c.procedures.size() - procedures))
                : std::nullopt);
  if (strict && r.rejected_count() > 0) fail_strict(r, std::move(summary));
  return summary;
}

LoadKind facts_kind(const char* kind) {
  require(kind, "kind");
  const std::string_view k = kind;
  if (k == "unit_procedures") return LoadKind::unit_procedures;
  if (k == "feedback") return LoadKind::feedback;
  if (k == "communes") return LoadKind::communes;
  throw UsageError(PM_USAGE_OPTIONS,
                   fmt::format("kind: '{}' is not unit_procedures, feedback or communes", k));
}

std::string load_calendar(pm_context& c, const Source& s) {
  if (!c.store.empty()) {
    throw UsageError(PM_USAGE_ORDER,
                     "load calendar layers before any dossier: the appointments of the dossiers "
                     "loaded were computed with the calendar as it was");
  }
  check_readable(s);
  CalendarData layer =
      s.file ? CalendarData::load(*s.file) : CalendarData::parse(s.text, std::string(s.origin));
  const nlohmann::ordered_json summary = {
      {"origin", s.origin}, {"name", layer.name()}, {"version", layer.version()}};
  c.calendar_layers.push_back(std::move(layer));
  CalendarOptions options;
  options.data = c.calendar_layers;
  c.calendar = WorkingCalendar(options);
  return summary.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace parmetrics::capi

using namespace parmetrics::capi;

namespace {

/// Loads and hands the summary back, also when a strict import fails (it says what was rejected).
void load_giving(pm_context& c, LoadKind kind, const Source& s, const char* options_json,
                 char** out_summary) {
  try {
    give(out_summary, load(c, kind, s, options_json));
  } catch (const StatusError& e) {
    give(out_summary, e.summary());
    throw;
  }
}

}  // namespace

#define PM_LOADER(name, kind)                                                                   \
  PM_API pm_status name(pm_context* context, const char* data, size_t size, const char* origin, \
                        const char* options_json, char** out_summary) {                         \
    if (out_summary != nullptr) *out_summary = nullptr;                                         \
    return call(context, [&](pm_context& c) {                                                   \
      load_giving(c, kind, buffer(data, size, origin), options_json, out_summary);              \
    });                                                                                         \
  }                                                                                             \
  PM_API pm_status name##_file(pm_context* context, const char* path, const char* options_json, \
                               char** out_summary) {                                            \
    if (out_summary != nullptr) *out_summary = nullptr;                                         \
    return call(context, [&](pm_context& c) {                                                   \
      load_giving(c, kind, file(path), options_json, out_summary);                              \
    });                                                                                         \
  }

extern "C" {

PM_LOADER(pm_load_units, LoadKind::units)
PM_LOADER(pm_load_procedures, LoadKind::procedures)
PM_LOADER(pm_append_dossiers, LoadKind::dossiers)
PM_LOADER(pm_append_portal, LoadKind::portal)
PM_LOADER(pm_append_events, LoadKind::events)

PM_API pm_status pm_append_index766_facts(pm_context* context, const char* kind, const char* data,
                                          size_t size, const char* origin, const char* options_json,
                                          char** out_summary) {
  if (out_summary != nullptr) *out_summary = nullptr;
  return call(context, [&](pm_context& c) {
    load_giving(c, facts_kind(kind), buffer(data, size, origin), options_json, out_summary);
  });
}

PM_API pm_status pm_append_index766_facts_file(pm_context* context, const char* kind,
                                               const char* path, const char* options_json,
                                               char** out_summary) {
  if (out_summary != nullptr) *out_summary = nullptr;
  return call(context, [&](pm_context& c) {
    load_giving(c, facts_kind(kind), file(path), options_json, out_summary);
  });
}

PM_API pm_status pm_load_calendar(pm_context* context, const char* data, size_t size,
                                  const char* origin, char** out_summary) {
  if (out_summary != nullptr) *out_summary = nullptr;
  return call(context, [&](pm_context& c) {
    give(out_summary, load_calendar(c, buffer(data, size, origin)));
  });
}

PM_API pm_status pm_load_calendar_file(pm_context* context, const char* path, char** out_summary) {
  if (out_summary != nullptr) *out_summary = nullptr;
  return call(context, [&](pm_context& c) { give(out_summary, load_calendar(c, file(path))); });
}

}  // extern "C"
