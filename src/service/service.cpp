// Routing, the bearer token, health and the one place failures become JSON errors.

#include "service/service.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>

#include <parmetrics/version.hpp>

#include "capi/capi.hpp"

namespace parmetrics::service {

namespace {

std::string_view code_word(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "timeout";
    case 413:
      return "too_large";
    case 415:
      return "unsupported_media_type";
    case 422:
      return "rejected";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

/// The HTTP status of a C API status: a wrong call 400, bad data 422, the rest 500 (503 when
/// memory ran out).
int http_status(pm_status status) {
  switch (PM_PRIMARY(status)) {
    case PM_USAGE:
      return 400;
    case PM_DATA:
      return 422;
    case PM_NOMEM:
    case PM_IO:  // the journal's disk refused: the service may recover once it has room again
      return 503;
    default:
      return 500;
  }
}

/// "record 12" → 12 (a DataError's location), else null.
nlohmann::ordered_json record_of(const std::string& location) {
  constexpr std::string_view kRecord = "record ";
  std::uint64_t n = 0;
  if (location.rfind(kRecord, 0) != 0) return nullptr;
  const char* first = location.data() + kRecord.size();
  const auto [p, ec] = std::from_chars(first, location.data() + location.size(), n);
  return ec == std::errc() && p != first ? nlohmann::ordered_json(n) : nullptr;
}

/// Compares without stopping at the first difference, so that the time taken says nothing of how
/// much of a guess was right.
bool same_secret(std::string_view given, std::string_view token) {
  if (given.size() != token.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i) diff |= given[i] ^ token[i];
  return diff == 0;
}

}  // namespace

/// The exception being handled as an error answer, in the C API's words.
Response failure(int http_given) noexcept {
  try {
    std::string message, json;
    const pm_status status = capi::describe_exception(message, json);
    const auto described = nlohmann::json::parse(json);
    const int http = http_given != 0 ? http_given : http_status(status);
    nlohmann::ordered_json e = {{"code", code_word(http)}, {"status", status}};
    e["message"] = message;
    e["file"] = described.value("file", "");
    e["record"] = record_of(described.value("location", ""));
    e["location"] = described.value("location", "");
    e["field"] = described.value("field", "");
    e["reason"] = described.value("reason", "");
    return json_response(http, nlohmann::ordered_json{{"error", e}}.dump(2) + "\n");
  } catch (...) {
    return json_response(500, R"({"error": {"code": "internal", "message": "out of memory"}})");
  }
}

Response error_response(int status, std::string_view message) {
  const nlohmann::ordered_json e = {
      {"error", {{"code", code_word(status)}, {"message", message}, {"record", nullptr}}}};
  return json_response(status, e.dump(2) + "\n");
}

Service::Service(Reference& reference, ServiceOptions options)
    : reference_(reference),
      options_(std::move(options)),
      store_(reference.units, reference.procedures, reference.calendar) {}

Response Service::handle(const Request& request) {
  try {
    if (!authorised(request)) {
      Response r = error_response(401, "a bearer token is required (Authorization: Bearer …)");
      r.headers.emplace_back("WWW-Authenticate", "Bearer");
      return r;
    }
    return route(request);
  } catch (...) {
    return failure();
  }
}

bool Service::authorised(const Request& request) const {
  if (options_.token.empty() || request.path == "/v1/health") return true;
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view given = request.authorization;
  return given.starts_with(kBearer) && same_secret(given.substr(kBearer.size()), options_.token);
}

Response Service::route(const Request& q) {
  const bool get = q.method == "GET", post = q.method == "POST";
  if (q.path == "/v1/health") return get ? health() : error_response(405, "GET only");
  if (q.path == "/v1/report") return get ? read(q, "report") : error_response(405, "GET only");
  if (q.path == "/v1/index766") return get ? read(q, "index766") : error_response(405, "GET only");
  if (q.path.starts_with("/v1/forms/")) {
    return get ? read(q, "form") : error_response(405, "GET only");
  }
  if (q.path == "/v1/dossiers") {
    if (get) return read(q, "dossiers");
    if (!post) return error_response(405, "GET or POST only");
    if (q.content_type == "application/json") return write(q, WriteKind::portal);
    if (q.content_type == kNativeJson) return write(q, WriteKind::native_json);
    if (q.content_type == "text/csv") return write(q, WriteKind::dossiers_csv);
    return error_response(415, fmt::format("Content-Type: application/json (the portal's records), "
                                           "{} (native JSON records) or text/csv (dossiers.csv)",
                                           kNativeJson));
  }
  if (q.path == "/v1/events") {
    if (!post) return error_response(405, "POST only");
    if (q.content_type == "application/json") return write(q, WriteKind::events);
    if (q.content_type == "text/csv") return write(q, WriteKind::events_csv);
    return error_response(415, "Content-Type: application/json (events) or text/csv (events.csv)");
  }
  return error_response(404, fmt::format("no such resource: {}", q.path));
}

Response Service::health() {
  const nlohmann::ordered_json j = {
      {"status", "ok"},
      {"version", version()},
      {"dossiers", store_.size()},
      {"journal", options_.journal ? nlohmann::json(options_.journal->file().string())
                                   : nlohmann::json(nullptr)}};
  return json_response(200, j.dump(2) + "\n");
}

}  // namespace parmetrics::service
