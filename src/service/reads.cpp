// The GET endpoints: the query's parameters become the C API's options (docs/c-api.md), and the
// C API's calls compute on a snapshot of the live store, so that the service answers with the
// same JSON, the same option names and the same error words as pm_report, pm_form, pm_dossiers
// and pm_index766.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <thread>

#include "capi/capi.hpp"
#include "service/service.hpp"

namespace parmetrics::service {

namespace {

// Options that are not strings in the C API's JSON.
constexpr std::array<std::string_view, 5> kFlags = {"roll_up", "summary", "own", "subtrees",
                                                    "filters.subtrees"};
constexpr std::array<std::string_view, 3> kNumbers = {"top", "threads", "apology_lead_days"};
// The filters by the CLI's flag names (each repeatable): ?unit=H55.01&unit=H55.02.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kFilters = {
    {{"unit", "units"},
     {"level", "levels"},
     {"field", "fields"},
     {"procedure", "procedures"},
     {"channel", "channels"}}};
// The timeliness policy's keys, given flat: ?pause=elapsed.
constexpr std::array<std::string_view, 5> kPolicy = {"pause", "granularity", "multiple_supplements",
                                                     "withdrawn", "apology_lead_days"};

template <class List>
bool in(const List& list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

/// A parameter's value as the C API takes it; a UsageError (400) for a flag or number that is not
/// one.
nlohmann::json value_of(std::string_view key, const std::string& text) {
  if (in(kFlags, key)) {
    if (text != "true" && text != "false") {
      throw capi::UsageError(PM_USAGE_OPTIONS,
                             fmt::format("{}: '{}' is not true or false", key, text));
    }
    return text == "true";
  }
  if (in(kNumbers, key)) {
    const auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_number_integer()) {
      throw capi::UsageError(PM_USAGE_OPTIONS,
                             fmt::format("{}: '{}' is not a whole number", key, text));
    }
    return parsed;
  }
  return text;
}

/// Adds `value` under `key`; a key given twice becomes a list (columns and filters are lists).
void put(nlohmann::json& object, const std::string& key, nlohmann::json value, bool list) {
  if (!list) {
    object[key] = std::move(value);
    return;
  }
  if (!object.contains(key)) object[key] = nlohmann::json::array();
  object[key].push_back(std::move(value));
}

/// The query as the C API's options: "from", "to", "by" as they are; the filters under
/// "filters", the policy's keys under "policy" (the report) and "columns" split at commas.
nlohmann::json options_of(const Request& q, std::string_view what) {
  nlohmann::json o = nlohmann::json::object();
  for (const auto& parameter : q.query) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const auto& key = parameter.first;
    const auto& text = parameter.second;
    const auto filter = std::find_if(kFilters.begin(), kFilters.end(),
                                     [&](const auto& f) { return f.first == key; });
    if (filter != kFilters.end()) {
      put(o["filters"], std::string(filter->second), text, true);
    } else if (key == "columns") {
      for (std::size_t at = 0; at <= text.size();) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        put(o, key, text.substr(at, comma - at), true);
        at = comma + 1;
      }
    } else if (what == "report" && in(kPolicy, key)) {
      put(o["policy"], key, value_of(key, text), false);
    } else {
      put(o, key, value_of(key, text), false);
    }
  }
  return o;
}

std::string_view content_type_of(const nlohmann::json& options) {
  const std::string format = options.value("format", "json");
  if (format == "csv") return "text/csv; charset=utf-8";
  if (format == "html") return "text/html; charset=utf-8";
  if (format == "json") return "application/json";
  return "text/plain; charset=utf-8";
}

}  // namespace

Response Service::read(const Request& q, std::string_view what) {
  nlohmann::json options = options_of(q, what);
  if (what == "form") {
    const std::string id = q.path.substr(std::string_view("/v1/forms/").size());
    if (options.contains("form")) {
      return error_response(400, "the form is named by the path: /v1/forms/ID");
    }
    options["form"] = id;
  }
  if (!options.contains("threads")) options["threads"] = options_.threads;
  // A client's read never takes more threads than the machine has cores.
  const long cores = std::max(1u, std::thread::hardware_concurrency());
  if (options["threads"].is_number_integer() && options["threads"].get<long>() > cores) {
    options["threads"] = cores;
  }
  const auto snapshot = store_.snapshot();
  const capi::Data data{
      reference_.units, reference_.procedures, reference_.calendar, reference_.facts,
      nullptr,          snapshot.get(),        options_.threads};
  const std::string text = options.dump();
  const std::string name = fmt::format("GET {}", q.path);
  Response r;
  r.content_type = content_type_of(options);
  if (what == "report") r.body = capi::report(data, text.c_str(), name);
  if (what == "form") r.body = capi::form(data, text.c_str(), name);
  if (what == "dossiers") r.body = capi::dossiers(data, text.c_str(), name);
  if (what == "index766") r.body = capi::index766(data, text.c_str(), name);
  return r;
}

}  // namespace parmetrics::service
