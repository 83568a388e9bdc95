#pragma once
// A testing kit for systems that embed parmetrics (target parmetrics::testing, opt-in: link it in
// your test suites only): a small world of units, procedures and dossiers in a line or two each,
// with times written as people write them, and the report or one dossier's evaluation in one call.
//
//   parmetrics::testing::World w;
//   const auto commune = w.unit("X1", "commune");
//   w.procedure("1.001", "3d");
//   w.add(dossier("X1-240304-0001").unit(commune).procedure("1.001")
//             .received("2024-03-04T08:00").ended("2024-03-08T09:00"));
//   BOOST_TEST(w.evaluate("X1-240304-0001", "2024-04-01T00:00").timeliness == Timeliness::late);
//
// Every enum and value type of the library prints on a stream, so BOOST_TEST shows them.
// Thread-safety: a World is a plain value; use one per test.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <parmetrics/calendar/calendar_data.hpp>
#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics::testing {

/// "2024-03-04T08:00" (or a space for the T); ArgumentError otherwise.
inline MinuteStamp at(std::string_view text) {
  std::string iso(text);
  if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
  const auto t = parse_iso_datetime(iso);
  if (!t) throw ArgumentError("testing::at", "'" + std::string(text) + "' is not YYYY-MM-DDTHH:MM");
  return *t;
}

/// "2024-03-04"; ArgumentError otherwise.
inline DayNumber day(std::string_view text) {
  const auto d = parse_iso_date(text);
  if (!d) throw ArgumentError("testing::day", "'" + std::string(text) + "' is not YYYY-MM-DD");
  return *d;
}

/// A dossier, field by field. The procedure is named by its code and found when the world adds
/// the dossier; an appointment left out is computed from the procedure's statutory time.
class DossierBuilder {
 public:
  explicit DossierBuilder(std::string code) { dossier_.code = std::move(code); }

  DossierBuilder& unit(UnitId id) { return set(dossier_.unit, id); }
  DossierBuilder& procedure(std::string code) { return set(procedure_, std::move(code)); }
  DossierBuilder& channel(Channel c) { return set(dossier_.channel, c); }
  DossierBuilder& received(std::string_view t) { return set(dossier_.received, at(t)); }
  DossierBuilder& due(std::string_view t) {
    dossier_.appointment = at(t);
    return *this;
  }
  DossierBuilder& ended(std::string_view t, EndKind kind = EndKind::finished) {
    dossier_.ended = at(t);
    dossier_.end_kind = kind;
    return *this;
  }
  DossierBuilder& returned(std::string_view t) {
    dossier_.returned = at(t);
    return *this;
  }
  /// dossier_flag bits: digitised, e_result, vneid, …
  DossierBuilder& flags(std::uint8_t bits) { return set(dossier_.flags, bits); }
  DossierBuilder& feedback(Feedback f) { return set(dossier_.feedback, f); }
  /// A supplement request (yêu cầu bổ sung), completed or still open.
  DossierBuilder& supplement(std::string_view requested, std::string_view completed = {}) {
    dossier_.supplements.push_back(
        {at(requested), completed.empty() ? std::nullopt : std::optional(at(completed))});
    return *this;
  }
  /// An apology (văn bản xin lỗi), with the new appointment it announces.
  DossierBuilder& apology(std::string_view issued, std::string_view new_appointment = {},
                          bool is_public = false) {
    dossier_.apologies.push_back(
        {at(issued), new_appointment.empty() ? std::nullopt : std::optional(at(new_appointment)),
         is_public});
    return *this;
  }

  const Dossier& draft() const noexcept { return dossier_; }
  const std::string& procedure_code() const noexcept { return procedure_; }

 private:
  template <class T, class V>
  DossierBuilder& set(T& field, V&& value) {
    field = std::forward<V>(value);
    return *this;
  }
  Dossier dossier_;
  std::string procedure_;
};

inline DossierBuilder dossier(std::string code) {
  return DossierBuilder(std::move(code));
}

/// Units, procedures, dossiers and a calendar (the official one, plus layers given).
struct World {
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  WorkingCalendar calendar;

  World() = default;
  /// With a layer over the official calendar (CalendarData::Builder makes one in a few lines).
  explicit World(CalendarData layer) : calendar(options_with(std::move(layer))) {}

  /// A unit under `parent` (a code added before or after: the hierarchy is resolved when read).
  UnitId unit(std::string code, std::string level = "commune", std::string parent = {},
              std::string name = {}) {
    Unit u;
    u.name = name.empty() ? code : std::move(name);
    u.code = std::move(code);
    u.level = std::move(level);
    u.parent = std::move(parent);
    return units.add(std::move(u));
  }

  /// A procedure with a statutory time as parse() reads it ("3d", "4h", "30cd").
  ProcedureId procedure(std::string code, std::string_view duration = "3d", std::string field = {},
                        OnlineLevel online = OnlineLevel::none) {
    Procedure p;
    p.name = code;
    p.code = std::move(code);
    p.duration = StatutoryTime::parse(duration);
    p.field = std::move(field);
    p.online = online;
    return procedures.add(std::move(p));
  }

  /// Appends the dossier; its appointment, when not given, from its procedure and the calendar.
  DossierStore::Index add(const DossierBuilder& b) {
    Dossier d = b.draft();
    if (!b.procedure_code().empty()) {
      const auto p = procedures.find(b.procedure_code());
      if (!p) throw ArgumentError("testing::World::add", "no procedure " + b.procedure_code());
      d.procedure = *p;
      if (!d.appointment && procedures[*p].has_statutory_time()) {
        d.appointment = calendar.appointment(d.received, procedures[*p].duration);
      }
    }
    return store.append(d);
  }

  /// The report of [from, to] (as of the end of `to`), by unit rolled up unless told otherwise.
  Report report(std::string_view from, std::string_view to, GroupBy by = GroupBy::unit) {
    units.resolve();
    ReportOptions o;
    o.period = ReportPeriod::of(day(from), day(to));
    o.by = by;
    return compute_report(store, units, procedures, calendar, o);
  }

  /// One dossier's evaluation as of an instant.
  DossierEvaluation evaluate(std::string_view code, std::string_view as_of,
                             const TimelinessPolicy& policy = {}) const {
    const auto i = store.find(code);
    if (!i) throw ArgumentError("testing::World::evaluate", "no dossier " + std::string(code));
    return evaluate_dossier(DossierFacts::of(store, *i), at(as_of), calendar, policy);
  }

 private:
  static CalendarOptions options_with(CalendarData layer) {
    CalendarOptions o;
    o.data.push_back(std::move(layer));
    return o;
  }
};

}  // namespace parmetrics::testing
