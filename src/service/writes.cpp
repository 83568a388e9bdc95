// The POST endpoints: dossiers (the portal's records or dossiers.csv, read by the importers, with
// their checks and words) and events (JSON), each journalled before the live store takes it. The
// answer follows the project's rule read = loaded + rejected, with each rejected record's place,
// field and reason.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/portal_import.hpp>

#include "capi/capi.hpp"
#include "service/service.hpp"

namespace parmetrics::service {

namespace {

using Json = nlohmann::ordered_json;

/// A record the live store refused after the importer read it: "code: duplicate dossier code".
Json refusal(const Json& record, const std::string& dossier, const std::string& field,
             const std::string& reason) {
  return {{"record", record}, {"dossier", dossier}, {"field", field}, {"reason", reason}};
}

/// The refusal of the exception being handled (a DataError names the field; a RangeError only
/// says what).
Json refusal_of_current(const Json& record, const std::string& dossier) {
  try {
    throw;
  } catch (const DataError& e) {
    return refusal(record, dossier, e.field(), e.reason());
  } catch (const Error& e) {
    return refusal(record, dossier, "", e.what());
  }
}

/// The record numbers (1-based) of the rows a JSON import loaded, in order, when every rejection
/// is known (ImportReport keeps the first 100 in full) and names its record, not a line (JSON
/// Lines: a blank line would shift them); empty otherwise, and a refusal names its dossier alone.
std::vector<std::uint64_t> loaded_records(const ImportReport& r) {
  if (r.rejections().size() != r.rejected_count()) return {};
  for (const Rejection& x : r.rejections()) {
    if (!x.record_number) return {};
  }
  std::vector<std::uint64_t> rejected;
  for (const Rejection& x : r.rejections()) rejected.push_back(x.line);
  std::sort(rejected.begin(), rejected.end());
  std::vector<std::uint64_t> loaded;
  for (std::uint64_t n = 1; n <= r.read(); ++n) {
    if (!std::binary_search(rejected.begin(), rejected.end(), n)) loaded.push_back(n);
  }
  return loaded;
}

}  // namespace

void count_refusals(nlohmann::ordered_json& summary, const nlohmann::ordered_json& refused) {
  if (refused.empty()) return;
  summary["loaded"] = summary["loaded"].get<std::uint64_t>() - refused.size();
  summary["rejected"] = summary["rejected"].get<std::uint64_t>() + refused.size();
  for (const Json& r : refused) {
    // The first 100 listed, as the importers list theirs; every one counted by reason.
    if (summary["rejections"].size() < 100) summary["rejections"].push_back(r);
    summary["rejected_by_reason"][r["reason"].get<std::string>()] =
        summary["rejected_by_reason"].value(r["reason"].get<std::string>(), 0) + 1;
  }
}

namespace {

/// The answer to a write: 200 when something was taken, 422 when everything was rejected (400 for
/// a body without records).
Response answer(Json summary, std::uint64_t changes) {
  summary["changes"] = changes;
  const auto read = summary["read"].get<std::uint64_t>();
  const auto loaded = summary["loaded"].get<std::uint64_t>();
  if (read > 0 && loaded > 0) return json_response(200, summary.dump(2) + "\n");
  Json error = {{"code", read == 0 ? "bad_request" : "rejected"},
                {"message", read == 0 ? "no records in the body"
                                      : fmt::format("all {} records rejected", read)},
                {"record", nullptr}};
  if (read > 0 && !summary["rejections"].empty()) {
    const Json& first = summary["rejections"][0];
    error["record"] = first.value("record", Json(nullptr));
    error["field"] = first.value("field", "");
    error["reason"] = first.value("reason", "");
  }
  summary["error"] = std::move(error);
  return json_response(read == 0 ? 400 : 422, summary.dump(2) + "\n");
}

}  // namespace

Response Service::write(const Request& q, WriteKind kind) {
  std::scoped_lock lock(write_);
  const std::uint64_t before = store_.stats().changes;
  Json summary;
  try {
    summary = kind == WriteKind::events       ? apply_events(q.body, true)
              : kind == WriteKind::events_csv ? apply_events_csv(q.body, true)
                                              : apply_dossiers(q.body, kind, true);
  } catch (const capi::IoError&) {
    throw;  // the journal's disk refused: 503
  } catch (const DataError&) {
    return failure(400);  // a body the importer cannot read at all: nothing of it applied
  }
  return answer(std::move(summary), store_.stats().changes - before);
}

void Service::replay(WriteKind kind, std::string_view body) {
  std::scoped_lock lock(write_);
  if (kind == WriteKind::events) {
    apply_events(body, false);
  } else if (kind == WriteKind::events_csv) {
    apply_events_csv(body, false);
  } else {
    apply_dossiers(body, kind, false);
  }
}

nlohmann::ordered_json Service::apply_dossiers(std::string_view body, WriteKind kind, bool log) {
  const std::string origin = "POST /v1/dossiers";
  ImportOptions io;
  io.threads = 1;
  // Units and procedures are fixed while the service runs: readers read them on their threads.
  io.register_unknown = io.register_unknown_procedures = false;
  DossierStore batch;
  ImportReport r;
  if (kind == WriteKind::portal) {
    import_portal_json(body, origin, reference_.units, reference_.procedures, reference_.calendar,
                       batch, r, io);
  } else if (kind == WriteKind::native_json) {
    import_dossiers_json(body, origin, reference_.units, reference_.procedures, reference_.calendar,
                         batch, r, io);
  } else {
    import_dossiers_csv(body, origin, reference_.units, reference_.procedures, reference_.calendar,
                        batch, r, io);
  }
  Json summary = Json::parse(capi::summary_json(origin, r, std::nullopt));
  if (batch.empty()) return summary;
  if (log && options_.journal) options_.journal->append(kind, body);
  const auto records =
      kind != WriteKind::dossiers_csv ? loaded_records(r) : std::vector<std::uint64_t>{};
  Json refused = Json::array();
  for (DossierStore::Index i = 0; i < batch.size(); ++i) {
    const Dossier d = batch.row(i);
    try {
      store_.append(d);
    } catch (const Error&) {
      refused.push_back(refusal_of_current(i < records.size() ? Json(records[i]) : Json(), d.code));
    }
  }
  count_refusals(summary, refused);
  return summary;
}

}  // namespace parmetrics::service
