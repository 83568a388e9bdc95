#pragma once
// Timeliness of one dossier as of an instant: is it in a report's scope, when did it end, what was
// its effective appointment (ngày hẹn trả after the supplement pauses), was it early (trước hạn),
// on time (đúng hạn), late (trễ hạn), within time (trong hạn) or overdue (quá hạn), and was its
// lateness apologised for (văn bản xin lỗi). A pure function of the dossier's columns, the
// calendar and the policy, so that every rule is testable dossier by dossier. docs/metrics.md
// states each rule and why its default was chosen.
//
// Thread-safety: evaluation is a pure function of a dossier, its policy, the calendar and the
// as-of; safe from any number of threads on const inputs.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string_view>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/model/dossier_store.hpp>

namespace parmetrics {

class WorkingCalendar;

/// Whether lateness compares instants or dates. The portal compares instants
/// (NgayKetThucXuLy ≤ NgayHenTra); some provincial software compares dates.
enum class Granularity : std::uint8_t { minute, day };

/// What a dossier the applicant withdrew (rút hồ sơ) counts for.
enum class WithdrawnPolicy : std::uint8_t {
  /// The withdrawal ends processing (as on the portal) and is judged like any other end.
  evaluate,
  /// Withdrawn dossiers leave the report; only `withdrawn_excluded` counts them.
  exclude,
  /// A withdrawal is an end on time, whatever the dates (the TD system's Biểu 06: "Đúng hạn (bao
  /// gồm cả hồ sơ trả lại/xin rút)").
  on_time,
};

/// The documented policies of the timeliness rules; each default is the issue's.
struct TimelinessPolicy {
  /// How a completed supplement pause moves the appointment later.
  PausePolicy pause = PausePolicy::working_time;
  /// More than one supplement request makes the dossier late (overdue while pending), as on the
  /// national portal's service index.
  bool multiple_supplements_late = true;
  Granularity granularity = Granularity::minute;
  /// An apology is on time when issued on or before the `apology_lead_days`-th working day before
  /// the appointment's day; 0 means no later than the appointment itself.
  int apology_lead_days = 1;
  WithdrawnPolicy withdrawn = WithdrawnPolicy::evaluate;
  /// A dossier waiting for the applicant's supplement at as-of is within time whatever its clock
  /// (the TD system). Off: it is judged at the request's instant, when its clock stopped.
  bool open_supplement_within_time = false;
  /// A stopped dossier (dừng xử lý) is pending within time, not ended (the TD system).
  bool stopped_within_time = false;

  friend bool operator==(const TimelinessPolicy&, const TimelinessPolicy&) = default;
};

/// The named sets of policies of the official forms (docs/forms.md): "default" (the rules of
/// docs/metrics.md) and "td" (the TD one-stop system's Biểu 06: dates not times, a withdrawal on
/// time, a dossier waiting for a supplement or stopped within time). nullopt for another name.
PARMETRICS_API std::optional<TimelinessPolicy> timeliness_profile(std::string_view name) noexcept;

/// A report's period [from, to] (whole days) and the instant it is evaluated at.
struct ReportPeriod {
  DayNumber from = 0;
  DayNumber to = 0;
  /// The instant of evaluation; by default the end of `to` (24:00 of `to`, i.e. 00:00 of the
  /// next day), so that everything that happened on `to` counts.
  MinuteStamp as_of = kMinutesPerDay;

  /// Checks to >= from and as_of >= the start of `from`; throws ArgumentError.
  static ReportPeriod of(DayNumber from, DayNumber to, std::optional<MinuteStamp> as_of = {});
  /// A calendar month (1..12), quarter (1..4) or year, as of its end unless told; throws
  /// ArgumentError for a month or quarter out of range, RangeError for a year outside
  /// 1900..2199, and as of() for `as_of`.
  static ReportPeriod month(int year, unsigned month, std::optional<MinuteStamp> as_of = {});
  static ReportPeriod quarter(int year, unsigned quarter, std::optional<MinuteStamp> as_of = {});
  static ReportPeriod year(int year, std::optional<MinuteStamp> as_of = {});

  constexpr MinuteStamp start() const noexcept { return to_minutes(from); }
  /// 24:00 of `to` (exclusive end of receipts in the period).
  constexpr MinuteStamp end() const noexcept { return to_minutes(to + 1); }
};

/// Why a dossier is in a report.
enum class Scope : std::uint8_t {
  out,           ///< received after as-of or outside the period, or ended before it started
  received,      ///< received in the period (and no later than as-of)
  carried_over,  ///< received before the period and not ended before it started
};

constexpr Scope scope_of(StoredTime received, StoredTime ended, const ReportPeriod& p) noexcept {
  if (received > p.as_of) return Scope::out;
  if (received >= p.start()) return received < p.end() ? Scope::received : Scope::out;
  return ended == kNoTime || ended >= p.start() ? Scope::carried_over : Scope::out;
}

enum class Timeliness : std::uint8_t {
  early,           ///< ended, not late, on a date before the appointment's date
  on_time,         ///< ended, not late, on the appointment's date
  late,            ///< ended after the appointment (or after two supplement requests)
  within_time,     ///< pending at as-of, not past the appointment
  overdue,         ///< pending at as-of and past the appointment
  no_appointment,  ///< neither recorded nor computable: cannot be judged
  end_unknown,     ///< ended at a time not recorded (DossierStore's kEndUnknown): cannot be judged
  excluded,        ///< withdrawn under WithdrawnPolicy::exclude
};

enum class ApologyStatus : std::uint8_t {
  not_needed,  ///< not late nor overdue
  on_time,     ///< issued by the lead before the appointment
  late,        ///< issued after that
  missing,     ///< none issued by as-of
};

/// The apology's new appointment (hẹn lại), judged like the first one.
/// The latest new appointment an apology announced: kept (ended by it), missed (the end, or as-of
/// for a dossier still open, is after it) or pending (still open, and the date has not come).
enum class NewAppointment : std::uint8_t { none, kept, missed, pending };

/// What the rules say about one dossier as of an instant.
struct DossierEvaluation {
  Timeliness timeliness = Timeliness::no_appointment;
  ApologyStatus apology = ApologyStatus::not_needed;
  NewAppointment new_appointment = NewAppointment::none;
  bool ended = false;                     ///< ended at or before as-of
  bool open_supplement = false;           ///< a supplement request still open at as-of
  bool apology_public = false;            ///< needed, and an apology issued by as-of was public
  std::uint32_t supplement_requests = 0;  ///< requested at or before as-of
  /// The end time when ended by as-of; else the open supplement's request time; else as-of (also
  /// for an end whose time is unknown).
  MinuteStamp end_instant = 0;
  /// The appointment moved by the completed pauses; meaningless for no_appointment.
  MinuteStamp effective_appointment = 0;
  /// Working minutes from receipt to the end, without the completed pauses' working minutes;
  /// -1 unless ended by as-of with a kind other than withdrawn.
  std::int64_t processing_minutes = -1;

  friend bool operator==(const DossierEvaluation&, const DossierEvaluation&) = default;
};

/// The columns of one dossier that the rules read.
struct DossierFacts {
  StoredTime received = 0;
  StoredTime appointment = kNoTime;  ///< recorded or computed
  StoredTime ended = kNoTime;
  std::uint8_t status = 0;              ///< dossier_status bits
  std::span<const StoredEvent> events;  ///< sorted by `at`

  static DossierFacts of(const DossierStore& store, DossierStore::Index i) {
    return {store.received()[i], store.appointment()[i], store.ended()[i], store.status()[i],
            store.events_of(i)};
  }
};

/// Evaluates one dossier as of `as_of` (the caller decides scope with scope_of).
PARMETRICS_API DossierEvaluation evaluate_dossier(const DossierFacts& dossier, MinuteStamp as_of,
                                                  const WorkingCalendar& calendar,
                                                  const TimelinessPolicy& policy = {});
/// As evaluate_dossier(facts, …) for the dossier as a DossierStore would hold it once appended:
/// the appointment as recorded (a missing one is not computed here: see
/// WorkingCalendar::appointment; LiveStore::append computes it), an end kind without an end time
/// an end at a time not known. Throws RangeError for a time the store could not hold.
PARMETRICS_API DossierEvaluation evaluate_dossier(const Dossier& dossier, MinuteStamp as_of,
                                                  const WorkingCalendar& calendar,
                                                  const TimelinessPolicy& policy = {});

PARMETRICS_API std::string_view to_string(Timeliness t) noexcept;
PARMETRICS_API std::string_view to_string(ApologyStatus a) noexcept;

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a Granularity: "minute", …
PARMETRICS_API std::string_view to_string(Granularity value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Granularity value);
/// The name of a WithdrawnPolicy: "evaluate", …
PARMETRICS_API std::string_view to_string(WithdrawnPolicy value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, WithdrawnPolicy value);
/// The name of a Scope: "out", …
PARMETRICS_API std::string_view to_string(Scope value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Scope value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Timeliness value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, ApologyStatus value);
/// The name of a NewAppointment: "none", …
PARMETRICS_API std::string_view to_string(NewAppointment value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, NewAppointment value);
/// Writes "{late, apology missing, 180 working minutes}".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const DossierEvaluation& value);
/// Writes "2023-01-01..2023-08-31 as of 2023-09-01T00:00".
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const ReportPeriod& value);

}  // namespace parmetrics
