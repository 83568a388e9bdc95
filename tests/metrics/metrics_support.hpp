#pragma once
// Shorthands for the metrics tests: dossiers as the columns see them, and small stores.

#include <optional>
#include <string>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_store.hpp>

#include "calendar/test_support.hpp"

namespace parmetrics::test {

inline StoredTime st(MinuteStamp t) {
  return static_cast<StoredTime>(t);
}

inline StoredEvent supplement(MinuteStamp requested, std::optional<MinuteStamp> completed = {}) {
  return {st(requested), completed ? st(*completed) : kNoTime, EventKind::supplement, false};
}

inline StoredEvent apology(MinuteStamp issued, std::optional<MinuteStamp> new_appointment = {},
                           bool is_public = false) {
  return {st(issued), new_appointment ? st(*new_appointment) : kNoTime, EventKind::apology,
          is_public};
}

/// The columns of one dossier; `events` must outlive the facts and be sorted by time.
inline DossierFacts facts(MinuteStamp received, std::optional<MinuteStamp> appointment,
                          std::optional<MinuteStamp> ended,
                          const std::vector<StoredEvent>& events = {},
                          EndKind kind = EndKind::finished, Channel channel = Channel::direct) {
  DossierFacts f;
  f.received = st(received);
  f.appointment = appointment ? st(*appointment) : kNoTime;
  f.ended = ended ? st(*ended) : kNoTime;
  f.status = dossier_status::pack(channel, ended ? kind : EndKind::none, Feedback::none, false);
  f.events = events;
  return f;
}

/// A dossier row for DossierStore::append.
inline Dossier dossier(std::string code, UnitId unit, MinuteStamp received,
                       std::optional<MinuteStamp> appointment,
                       std::optional<MinuteStamp> ended = {}, Channel channel = Channel::direct) {
  Dossier d;
  d.code = std::move(code);
  d.unit = unit;
  d.received = received;
  d.appointment = appointment;
  d.ended = ended;
  d.end_kind = ended ? EndKind::finished : EndKind::none;
  d.channel = channel;
  return d;
}

}  // namespace parmetrics::test

#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics::test {

/// A small province for the aggregation tests (docs in aggregation_test.cpp):
///   P (province) ─ D (district) ─ C1, C2 (communes)
///                ─ S (department)
///                ─ N (commune from 2025-07-01, successor of C1)
/// and procedures PR1 (Đất đai), PR2 (Hộ tịch), PR3 (Đất đai).
struct Province {
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  UnitId P = 0, D = 0, C1 = 0, C2 = 0, S = 0, N = 0;
  ProcedureId PR1 = 0, PR2 = 0, PR3 = 0;
};

inline Unit unit(std::string code, std::string level, std::string parent) {
  Unit u;
  u.code = code;
  u.name = "Unit " + code;
  u.level = std::move(level);
  u.parent = std::move(parent);
  return u;
}

inline Province province_units() {
  Province p;
  p.P = p.units.add(unit("P", "province", ""));
  p.D = p.units.add(unit("D", "district", "P"));
  Unit c1 = unit("C1", "commune", "D");
  c1.valid_to = day(2025, 6, 30);
  c1.successors = {"N"};
  p.C1 = p.units.add(c1);
  p.C2 = p.units.add(unit("C2", "commune", "D"));
  p.S = p.units.add(unit("S", "department", "P"));
  Unit n = unit("N", "commune", "P");
  n.valid_from = day(2025, 7, 1);
  p.N = p.units.add(n);
  p.units.resolve();
  auto proc = [&](std::string code, std::string field) {
    Procedure pr;
    pr.code = code;
    pr.name = "Procedure " + code;
    pr.field = std::move(field);
    pr.duration = StatutoryTime::working_days(3);
    return p.procedures.add(pr);
  };
  p.PR1 = proc("PR1", "Đất đai");
  p.PR2 = proc("PR2", "Hộ tịch");
  p.PR3 = proc("PR3", "Đất đai");
  return p;
}

}  // namespace parmetrics::test
