#pragma once
// What the C API's wrappers share (include/parmetrics/c/parmetrics.h): the context behind the
// opaque handle, the errors the wrappers throw, the one guard every call goes through, and the
// options reader. Each wrapper is a few lines: check its arguments, call the C++ library inside
// call(), hand back JSON or text. Every exception becomes a status in one place,
// translate_exception() (status.cpp), as LevelDB's c.cc does with SaveError.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/c/parmetrics.h>
#include <parmetrics/calendar/calendar_data.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics::capi {

/// A wrong call: its status (PM_USAGE or one of its extended codes) and what was wrong.
class UsageError : public Error {
 public:
  UsageError(pm_status status, const std::string& message) : Error(message), status_(status) {}
  pm_status status() const noexcept { return status_; }

 private:
  pm_status status_;
};

/// A file that cannot be opened or read (PM_IO), in the importers' words.
class IoError : public DataError {
 public:
  using DataError::DataError;
};

/// A failure whose status is known where it is thrown: a strict import's first rejection, with
/// the import's summary (JSON), which the caller still gets.
class StatusError : public DataError {
 public:
  StatusError(pm_status status, std::string origin, std::string location, std::string field,
              std::string reason, std::string summary)
      : DataError(std::move(origin), std::move(location), std::move(field), std::move(reason)),
        status_(status),
        summary_(std::move(summary)) {}
  pm_status status() const noexcept { return status_; }
  const std::string& summary() const noexcept { return summary_; }

 private:
  pm_status status_;
  std::string summary_;
};

/// The extended code of a rejection reason or a DataError's reason ("unknown unit" →
/// PM_DATA_UNKNOWN_UNIT); PM_DATA for a reason with no code of its own.
pm_status data_status(std::string_view reason) noexcept;

/// The status of the exception being handled, its message kept in `context`. Call only inside
/// a catch block. Never throws.
pm_status translate_exception(pm_context& context) noexcept;

/// The same without a context: the status, the message, and the object pm_last_error_json gives
/// (status, message, file, location, field, reason). The HTTP service answers with it.
pm_status describe_exception(std::string& message, std::string& json) noexcept;

}  // namespace parmetrics::capi

/// The handle's object: one data set, and the last error.
struct pm_context {
  parmetrics::UnitRegistry units;
  parmetrics::ProcedureCatalog procedures;
  parmetrics::DossierStore store;
  parmetrics::ServiceIndexFacts facts;
  std::vector<parmetrics::CalendarData> calendar_layers;
  parmetrics::WorkingCalendar calendar;
  unsigned threads = 0;
  bool units_loaded = false;       // a units file was loaded: no unit is registered from records
  bool procedures_loaded = false;  // likewise procedures

  std::string last_error;  // "" after a call that succeeded
  std::string last_error_json = "{}";
};

namespace parmetrics {
class StoreSnapshot;
}  // namespace parmetrics

namespace parmetrics::capi {

/// What a result is computed on: a context's batch store, or a snapshot of a live store (the HTTP
/// service, docs/service.md), with the reference data both need. One of store and snapshot.
struct Data {
  const UnitRegistry& units;
  const ProcedureCatalog& procedures;
  const WorkingCalendar& calendar;
  const ServiceIndexFacts& facts;
  const DossierStore* store = nullptr;
  const StoreSnapshot* snapshot = nullptr;
  unsigned threads = 0;

  static Data of(const pm_context& c) {
    return {c.units, c.procedures, c.calendar, c.facts, &c.store, nullptr, c.threads};
  }
  /// `compute(store)` on the batch store or the snapshot, whichever it is.
  template <class Compute>
  decltype(auto) on_dossiers(Compute&& compute) const {
    return snapshot != nullptr ? compute(*snapshot) : compute(*store);
  }
};

/// A rejection as the import summaries list it: file, record (or line), field, value, reason,
/// hint, code (its status) and message.
nlohmann::ordered_json rejection_json(const Rejection& rejection);
/// An import's summary (JSON text): origin, read, loaded, rejected, registered (units and
/// procedures, when given), notes, warnings, rejections, rejected_by_reason.
std::string summary_json(const std::string& origin, const ImportReport& report,
                         std::optional<std::pair<std::size_t, std::size_t>> registered);

/// Runs `body(context)`: PM_OK when it returns, else the status of what it threw. The one guard
/// of every call that takes a context.
template <class Body>
pm_status call(pm_context* context, Body&& body) noexcept {
  if (context == nullptr) return PM_USAGE_NULL;
  try {
    body(*context);
    context->last_error.clear();
    context->last_error_json = "{}";
    return PM_OK;
  } catch (...) {
    return translate_exception(*context);
  }
}

/// Hands `text` to the caller in a buffer of malloc (freed with pm_free); nothing when `out` is
/// NULL.
void give(char** out, std::string_view text);

/// A pointer argument that must not be NULL.
void require(const void* pointer, std::string_view name);

/// The wrapper of a result: `compute(context)` gives the text handed back in *out_text.
template <class Compute>
pm_status result(pm_context* context, char** out_text, Compute&& compute) noexcept {
  if (out_text != nullptr) *out_text = nullptr;
  return call(context, [&](pm_context& c) {
    require(out_text, "out_text");
    give(out_text, compute(static_cast<const pm_context&>(c)));
  });
}

/// The caller's options: a JSON object (NULL or "" for none). Each key read is marked; done()
/// refuses the keys left unread, so that a misspelt option is an error rather than ignored.
class Options {
 public:
  Options(const char* json, std::string_view what);
  Options(const nlohmann::json& object, std::string what);

  bool has(std::string_view key) const;
  std::optional<std::string> text(std::string_view key);
  std::optional<bool> flag(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::vector<std::string> texts(std::string_view key);
  /// The value as it is (an object or array given inline, e.g. a counts document).
  std::optional<nlohmann::json> value(std::string_view key);
  std::optional<Options> object(std::string_view key);
  /// text(key) when it is one of `choices`; else a PM_USAGE_OPTIONS error naming them.
  std::optional<std::string> choice(std::string_view key,
                                    std::initializer_list<std::string_view> choices);
  void done() const;

  /// A PM_USAGE_OPTIONS error about `key`.
  [[noreturn]] void fail(std::string_view key, std::string_view why) const;

 private:
  const nlohmann::json* find(std::string_view key);

  nlohmann::json json_;
  std::string what_;
  std::vector<std::string> read_;
};

/// The options every result takes: the period, the filters, the language, the threads.
struct Scope {
  ReportPeriod period;
  ReportFilter filter;
  Language language = Language::vi;
  unsigned threads = 0;
};

/// A day option "YYYY-MM-DD" within the calendar's range (1900-01-01..2199-12-31).
DayNumber day_of_option(Options& options, std::string_view key, const std::string& text);

/// Reads "from", "to", "as_of", "filters", "language" and "threads" against the data.
/// `period_required`: "from" and "to" have no default (index766).
Scope read_scope(Options& options, const Data& data, bool period_required = false);

/// A document given inline as `key` (a JSON object: parse(its text, "options.KEY")) or as a
/// file `key`_file (load(path)); nullopt when neither, a PM_USAGE_OPTIONS error when both.
template <class Parse, class Load>
auto document(Options& o, const std::string& key, Parse&& parse, Load&& load)
    -> std::optional<decltype(load(std::string()))> {
  const auto inline_value = o.value(key);
  const auto file = o.text(key + "_file");
  if (inline_value && file) {
    o.fail(key, "give \"" + key + "\" or \"" + key + "_file\", not both");
  }
  if (inline_value) {
    if (!inline_value->is_object()) o.fail(key, "expected a JSON object");
    return parse(inline_value->dump(), "options." + key);
  }
  if (file) return load(*file);
  return std::nullopt;
}

/// "profile": the named policies of the forms, "default" or "td" (timeliness_profile()).
TimelinessPolicy read_profile(Options& options);

/// The format asked for, one of `formats` (the first is the default).
std::string read_format(Options& options, std::initializer_list<std::string_view> formats);

}  // namespace parmetrics::capi

namespace parmetrics::capi {

// --- The calls, without the C boundary ---------------------------------------------------------
// `caller` names the call in messages about its options ("pm_report options: \"fromm\": unknown
// option"); options_json may be NULL or "".

/// A new, empty context; options {"threads": N}.
std::unique_ptr<pm_context> make_context(const char* options_json, std::string_view caller);

/// What a loader reads.
enum class LoadKind : std::uint8_t {
  units,
  procedures,
  dossiers,
  portal,
  events,
  unit_procedures,
  feedback,
  communes
};

/// The QĐ 766 facts' kind by name: "unit_procedures", "feedback" or "communes".
LoadKind facts_kind(const char* kind);

/// What an import reads: the caller's bytes, named `origin` in messages, or a file.
struct Source {
  std::string_view text;
  std::string origin;
  std::optional<std::filesystem::path> file;
};
Source buffer(const char* data, std::size_t size, const char* origin);
Source file(const char* path);

/// Loads `source` into the context; returns the import's summary (JSON). Options "strict" and
/// "register_unknown"; under "strict" a rejection throws StatusError, which carries the summary.
std::string load(pm_context& context, LoadKind kind, const Source& source,
                 const char* options_json);
/// Adds a calendar layer (before any dossier); returns {"origin", "name", "version"}.
std::string load_calendar(pm_context& context, const Source& source);

/// The results, as pm_report, pm_form, pm_dossiers, pm_index766 and pm_score hand them back: on the
/// data given (a context's dossiers, or a live store's snapshot: the HTTP service), or a context's.
std::string report(const Data& data, const char* options_json, std::string_view caller);
std::string form(const Data& data, const char* options_json, std::string_view caller);
std::string dossiers(const Data& data, const char* options_json, std::string_view caller);
std::string index766(const Data& data, const char* options_json, std::string_view caller);
std::string score(const Data& data, const char* options_json, std::string_view caller);
inline std::string report(const pm_context& c, const char* options_json, std::string_view caller) {
  return report(Data::of(c), options_json, caller);
}
inline std::string form(const pm_context& c, const char* options_json, std::string_view caller) {
  return form(Data::of(c), options_json, caller);
}
inline std::string dossiers(const pm_context& c, const char* options_json,
                            std::string_view caller) {
  return dossiers(Data::of(c), options_json, caller);
}
inline std::string index766(const pm_context& c, const char* options_json,
                            std::string_view caller) {
  return index766(Data::of(c), options_json, caller);
}
inline std::string score(const pm_context& c, const char* options_json, std::string_view caller) {
  return score(Data::of(c), options_json, caller);
}

}  // namespace parmetrics::capi
