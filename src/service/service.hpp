#pragma once
// The HTTP/JSON service's logic (docs/service.md): requests in, responses out, over a live store,
// without sockets. The HTTP library is confined to http.cpp, so that these functions are tested
// and read without it, as llama.cpp's server keeps cpp-httplib behind one seam.
//
// Thread-safety: handle() may be called from any number of threads. Writes are serialised by the
// service's write lock (the live store has one writer; the journal one appender); reads take a
// snapshot and compute on it without any lock, so they go on while writes come in.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/model/live_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

#include "service/journal.hpp"

namespace parmetrics::service {

struct Request {
  std::string method;  ///< "GET", "POST", …
  std::string path;    ///< without the query
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;
  std::string content_type;   ///< without parameters ("application/json")
  std::string authorization;  ///< the Authorization header
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

/// The data every request computes with, fixed while the service runs (the live store checks
/// dossiers against it, and readers read it on their own threads).
struct Reference {
  UnitRegistry units;
  ProcedureCatalog procedures;
  WorkingCalendar calendar;
  ServiceIndexFacts facts;
};

struct ServiceOptions {
  std::string token;           ///< the bearer token; empty: none asked for
  unsigned threads = 1;        ///< threads a read computes on (0: every core)
  Journal* journal = nullptr;  ///< null: memory only
};

/// The media type of native JSON dossiers (dossiers.csv's columns as keys): the client says which
/// JSON it sends, the service never guesses it from the keys (docs/service.md).
inline constexpr std::string_view kNativeJson = "application/vnd.parmetrics.dossier+json";

/// A JSON answer.
inline Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

/// A JSON error answer: {"error": {"code", "message", …}} with its HTTP status.
Response error_response(int status, std::string_view message);

/// The exception being handled as an error answer, in the C API's words; its HTTP status
/// `http`, or (0) the one that fits the C API's status. Never throws.
Response failure(int http = 0) noexcept;

class Service {
 public:
  /// `reference` must outlive the service. It is not const because the importers take the
  /// registries to register unknown codes, which the service turns off: they only read them.
  Service(Reference& reference, ServiceOptions options);

  /// The answer to one request. Never throws: every failure is a JSON error.
  Response handle(const Request& request);
  /// Applies a write read back from the journal (not journalled again).
  void replay(WriteKind kind, std::string_view body);

  std::size_t dossiers() const { return store_.size(); }
  void set_journal(Journal* journal) { options_.journal = journal; }

 private:
  Reference& reference_;
  ServiceOptions options_;
  LiveStore store_;
  std::mutex write_;  ///< one write at a time: the journal's order is the store's

  Response route(const Request& request);
  bool authorised(const Request& request) const;
  Response health();
  Response read(const Request& request, std::string_view what);
  Response write(const Request& request, WriteKind kind);
  /// A body's dossiers or events into the store (under the write lock), journalled first when
  /// `log`; the import's summary, the live store's refusals counted in it.
  nlohmann::ordered_json apply_dossiers(std::string_view body, WriteKind kind, bool log);
  nlohmann::ordered_json apply_events(std::string_view body, bool log);
  nlohmann::ordered_json apply_events_csv(std::string_view body, bool log);
};

/// A write's summary with the live store's refusals of records the importer loaded counted in
/// (loaded down, rejected up, each listed and counted by reason).
void count_refusals(nlohmann::ordered_json& summary, const nlohmann::ordered_json& refused);

}  // namespace parmetrics::service
