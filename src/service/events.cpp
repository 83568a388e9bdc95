// POST /v1/events: what happens to dossiers already in the store, in JSON (docs/service.md):
// {"events": [{"code", "kind", "at", "new_appointment_at", "public", "end_kind"}, …]}. The kinds
// of events.csv (supplement_requested, supplement_completed, apology) and two the live store adds
// (ended, returned). A body's events are applied per dossier in time order, a request before a
// completion at equal times, as the events.csv importer takes them. events.csv itself (text/csv) is
// read by its importer against copies of the dossiers it names, then applied the same way.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <optional>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/minute.hpp>
#include <parmetrics/io/csv_import.hpp>

#include "capi/capi.hpp"
#include "io/csv_common.hpp"
#include "service/service.hpp"

namespace parmetrics::service {

namespace {

using Json = nlohmann::ordered_json;

// In the order applied at equal times.
constexpr std::array<std::string_view, 5> kKinds = {"supplement_requested", "supplement_completed",
                                                    "apology", "ended", "returned"};
constexpr std::array<std::string_view, 6> kFields = {"code",   "kind",     "at",
                                                     "public", "end_kind", "new_appointment_at"};

struct Event {
  std::uint64_t record = 0;  ///< 1-based place in the body
  std::string code;
  std::size_t kind = 0;  ///< index into kKinds
  MinuteStamp at = 0;
  std::optional<MinuteStamp> new_appointment;
  bool is_public = false;
  EndKind end_kind = EndKind::finished;
};

/// A record's problem: its field and reason, in the importers' words where they have them.
struct Problem {
  std::string field, reason;
};

Problem problem(std::string_view field, detail::Reason reason) {
  return {std::string(field), std::string(detail::reason_text(reason))};
}

std::optional<MinuteStamp> time_of(const Json& j, std::string_view key, Problem& p) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  const auto t = it->is_string() ? parse_iso_datetime(it->get<std::string>()) : std::nullopt;
  if (!t) {
    p = problem(key, detail::Reason::bad_time);
  } else if (day_of(*t) < kFirstSupportedDay || day_of(*t) > kLastSupportedDay) {
    p = problem(key, detail::Reason::time_out_of_range);
  }
  return p.reason.empty() ? t : std::nullopt;
}

/// Reads the fields the kind takes into `e`; the first problem otherwise.
Problem read_details(const Json& j, Event& e) {
  // A null time is as missing as no key: never the epoch.
  if (!j.contains("at") || j["at"].is_null()) return problem("at", detail::Reason::missing_value);
  Problem p;
  if (const auto at = time_of(j, "at", p)) e.at = *at;
  if (!p.reason.empty()) return p;
  e.new_appointment = time_of(j, "new_appointment_at", p);
  if (!p.reason.empty()) return p;
  if (e.new_appointment && kKinds[e.kind] != "apology") {
    return {"new_appointment_at", "only apologies carry new_appointment_at"};
  }
  if (const auto it = j.find("public"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return {"public", "bad flag (expected true or false)"};
    e.is_public = it->get<bool>();
    if (e.is_public && kKinds[e.kind] != "apology")
      return {"public", "only apologies can be public"};
  }
  if (const auto it = j.find("end_kind"); it != j.end() && !it->is_null()) {
    const auto k = it->is_string() ? parse_end_kind(it->get<std::string>()) : std::nullopt;
    if (kKinds[e.kind] != "ended") return {"end_kind", "only ended events carry end_kind"};
    if (!k) return problem("end_kind", detail::Reason::bad_end_kind);
    e.end_kind = *k;
  }
  return {};
}

/// One element of the body as an event, or its problem.
Problem read_event(const Json& j, Event& e) {
  if (!j.is_object()) return {"", "not an object"};
  for (const auto& [key, value] : j.items()) {
    if (std::find(kFields.begin(), kFields.end(), key) == kFields.end()) {
      return {key, "unknown field"};
    }
  }
  const auto code = j.find("code");
  if (code == j.end() || !code->is_string() || code->get<std::string>().empty()) {
    return problem("code", detail::Reason::missing_value);
  }
  e.code = code->get<std::string>();
  const auto kind = j.find("kind");
  const std::string name = kind != j.end() && kind->is_string() ? kind->get<std::string>() : "";
  const auto k = std::find(kKinds.begin(), kKinds.end(), name);
  if (k == kKinds.end()) {
    return {"kind",
            "bad event kind (expected supplement_requested, supplement_completed, "
            "apology, ended or returned)"};
  }
  e.kind = static_cast<std::size_t>(k - kKinds.begin());
  return read_details(j, e);
}

/// The body's list of events: {"events": [...]} or the list itself; a UsageError (400) when the
/// body is no JSON or no list.
Json events_of(std::string_view body) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    throw capi::UsageError(PM_USAGE_OPTIONS, "POST /v1/events: the body is not valid JSON");
  }
  if (j.is_object() && j.size() == 1 && j.contains("events")) j = std::move(j["events"]);
  if (!j.is_array()) {
    throw capi::UsageError(PM_USAGE_OPTIONS,
                           "POST /v1/events: expected {\"events\": [...]} or a list of events");
  }
  return j;
}

/// A rejected event; `record` 0 when the event's place is not known (events.csv's refused by the
/// store after the importer took them).
Json rejection(std::uint64_t record, const std::string& code, const Problem& p) {
  return {{"record", record == 0 ? Json(nullptr) : Json(record)},
          {"dossier", code},
          {"field", p.field},
          {"reason", p.reason}};
}

void apply_event(LiveStore& store_, const Event& e) {
  const Minute at(e.at);
  switch (e.kind) {
    case 0:
      return store_.request_supplement(e.code, at);
    case 1:
      return store_.complete_supplement(e.code, at);
    case 2: {
      ApologyRecord a{at, std::nullopt, e.is_public};
      if (e.new_appointment) a.new_appointment = Minute(*e.new_appointment);
      return store_.record_apology(e.code, a);
    }
    case 3:
      return store_.record_end(e.code, at, e.end_kind);
    default:
      return store_.record_returned(e.code, at);
  }
}

/// Applies `events` to the store per dossier in time order (at equal times a request before a
/// completion, then the given order), as the events.csv importer takes a file's; the store's
/// refusals are added to `rejections`.
void apply_in_order(LiveStore& store, std::vector<Event>& events, Json& rejections) {
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.code, a.at, a.kind) < std::tie(b.code, b.at, b.kind);
  });
  for (const Event& e : events) {
    try {
      apply_event(store, e);
    } catch (const DataError& x) {
      rejections.push_back(rejection(e.record, e.code, {x.field(), x.reason()}));
    } catch (const Error& x) {
      rejections.push_back(rejection(e.record, e.code, {"", x.what()}));
    }
  }
}

/// The events events.csv's importer took into `batch` (copies of the dossiers it names, without
/// their events), as the live store's steps: a supplement request, its completion, an apology.
std::vector<Event> steps_of(const DossierStore& batch) {
  std::vector<Event> events;
  for (DossierStore::Index i = 0; i < batch.size(); ++i) {
    const std::string code = batch.code(i);
    for (const StoredEvent& s : batch.events_of(i)) {
      Event e;
      e.code = code;
      e.at = *from_stored_time(s.at);
      if (s.kind == EventKind::apology) {
        e.kind = 2;
        e.new_appointment = from_stored_time(s.second);
        e.is_public = s.is_public;
        events.push_back(std::move(e));
        continue;
      }
      e.kind = 0;
      events.push_back(e);
      if (const auto completed = from_stored_time(s.second)) {
        e.kind = 1;
        e.at = *completed;
        events.push_back(std::move(e));
      }
    }
  }
  return events;
}

}  // namespace

nlohmann::ordered_json Service::apply_events_csv(std::string_view body, bool log) {
  const std::string origin = "POST /v1/events";
  // events.csv's importer checks the records against a batch store: the dossiers the body names,
  // copied from the live store without their events (so that the batch's events are the body's).
  DossierStore batch;
  for (const std::string& code : events_csv_codes(body, origin)) {
    if (auto d = store_.find(code)) {
      d->supplements.clear();
      d->apologies.clear();
      batch.append(*d);
    }
  }
  ImportOptions io;
  io.threads = 1;
  ImportReport r;
  import_events_csv(body, origin, batch, r, io);
  Json summary = Json::parse(capi::summary_json(origin, r, std::nullopt));
  std::vector<Event> events = steps_of(batch);
  if (events.empty()) return summary;
  if (log && options_.journal) options_.journal->append(WriteKind::events_csv, body);
  Json refused = Json::array();
  apply_in_order(store_, events, refused);
  count_refusals(summary, refused);
  return summary;
}

nlohmann::ordered_json Service::apply_events(std::string_view body, bool log) {
  const Json list = events_of(body);
  std::vector<Event> events;
  Json rejections = Json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    Event e;
    e.record = i + 1;
    const Problem p = read_event(list[i], e);
    if (p.reason.empty()) {
      events.push_back(std::move(e));
    } else {
      rejections.push_back(rejection(e.record, e.code, p));
    }
  }
  if (!events.empty() && log && options_.journal) {
    options_.journal->append(WriteKind::events, body);
  }
  apply_in_order(store_, events, rejections);
  std::sort(rejections.begin(), rejections.end(),
            [](const Json& a, const Json& b) { return a["record"] < b["record"]; });
  Json summary = {{"origin", "POST /v1/events"},
                  {"read", list.size()},
                  {"loaded", list.size() - rejections.size()},
                  {"rejected", rejections.size()}};
  Json by_reason = Json::object();
  for (const Json& r : rejections) {
    const std::string reason = r["reason"];
    by_reason[reason] = by_reason.value(reason, 0) + 1;
  }
  summary["rejections"] = std::move(rejections);
  summary["rejected_by_reason"] = std::move(by_reason);
  return summary;
}

}  // namespace parmetrics::service
