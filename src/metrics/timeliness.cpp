#include <parmetrics/metrics/timeliness.hpp>

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>

#include "metrics/evaluate.hpp"

namespace parmetrics {

ReportPeriod ReportPeriod::of(DayNumber from, DayNumber to, std::optional<MinuteStamp> as_of) {
  if (to < from) {
    throw ArgumentError("ReportPeriod::of",
                        fmt::format("{} is before {}", format_iso_date(to), format_iso_date(from)));
  }
  ReportPeriod p;
  p.from = from;
  p.to = to;
  p.as_of = as_of ? *as_of : p.end();
  if (p.as_of < p.start()) {
    throw ArgumentError("ReportPeriod::of",
                        fmt::format("as-of {} is before the period starts ({})",
                                    format_iso_datetime(p.as_of), format_iso_date(from)));
  }
  return p;
}

namespace {

DayNumber first_day_of_year(int year, const char* where) {
  if (year < 1900 || year > 2199) {
    throw RangeError(where, fmt::format("year {} outside 1900..2199", year));
  }
  return days_from_civil(year, 1, 1);
}

}  // namespace

ReportPeriod ReportPeriod::month(int year, unsigned month, std::optional<MinuteStamp> as_of) {
  if (month < 1 || month > 12) {
    throw ArgumentError("ReportPeriod::month", fmt::format("month {} is not 1..12", month));
  }
  (void)first_day_of_year(year, "ReportPeriod::month");
  return of(days_from_civil(year, month, 1),
            days_from_civil(year, month, days_in_month(year, month)), as_of);
}

ReportPeriod ReportPeriod::quarter(int year, unsigned quarter, std::optional<MinuteStamp> as_of) {
  if (quarter < 1 || quarter > 4) {
    throw ArgumentError("ReportPeriod::quarter", fmt::format("quarter {} is not 1..4", quarter));
  }
  (void)first_day_of_year(year, "ReportPeriod::quarter");
  const unsigned last = 3 * quarter;
  return of(days_from_civil(year, last - 2, 1),
            days_from_civil(year, last, days_in_month(year, last)), as_of);
}

ReportPeriod ReportPeriod::year(int year, std::optional<MinuteStamp> as_of) {
  return of(first_day_of_year(year, "ReportPeriod::year"), days_from_civil(year, 12, 31), as_of);
}

DossierEvaluation evaluate_dossier(const DossierFacts& d, MinuteStamp as_of,
                                   const WorkingCalendar& calendar,
                                   const TimelinessPolicy& policy) {
  return detail::evaluate_inline(d.received, d.appointment, d.ended, d.status, d.events, as_of,
                                 calendar, policy);
}

DossierEvaluation evaluate_dossier(const Dossier& d, MinuteStamp as_of,
                                   const WorkingCalendar& calendar,
                                   const TimelinessPolicy& policy) {
  const auto stored = [](const std::optional<MinuteStamp>& t) {
    return t ? to_stored_time(*t) : kNoTime;
  };
  DossierFacts facts;
  facts.received = to_stored_time(d.received);
  facts.appointment = stored(d.appointment);
  facts.ended = d.ended                       ? to_stored_time(*d.ended)
                : d.end_kind != EndKind::none ? kEndUnknown
                                              : kNoTime;
  facts.status = dossier_status::pack(d.channel, d.end_kind, d.feedback, false);
  // Requests, then apologies, each by time, stably merged: as DossierStore::append orders them.
  std::vector<StoredEvent> events;
  events.reserve(d.supplements.size() + d.apologies.size());
  for (const SupplementRequest& s : d.supplements) {
    events.push_back(
        {to_stored_time(s.requested), stored(s.completed), EventKind::supplement, false});
  }
  for (const Apology& a : d.apologies) {
    events.push_back(
        {to_stored_time(a.issued), stored(a.new_appointment), EventKind::apology, a.is_public});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const StoredEvent& a, const StoredEvent& b) { return a.at < b.at; });
  facts.events = events;
  return evaluate_dossier(facts, as_of, calendar, policy);
}

std::string_view to_string(Timeliness t) noexcept {
  switch (t) {
    case Timeliness::early:
      return "early";
    case Timeliness::on_time:
      return "on_time";
    case Timeliness::late:
      return "late";
    case Timeliness::within_time:
      return "within_time";
    case Timeliness::overdue:
      return "overdue";
    case Timeliness::no_appointment:
      return "no_appointment";
    case Timeliness::end_unknown:
      return "end_unknown";
    case Timeliness::excluded:
      return "excluded";
  }
  return "";
}

std::string_view to_string(ApologyStatus a) noexcept {
  switch (a) {
    case ApologyStatus::not_needed:
      return "not_needed";
    case ApologyStatus::on_time:
      return "on_time";
    case ApologyStatus::late:
      return "late";
    case ApologyStatus::missing:
      return "missing";
  }
  return "";
}

std::optional<TimelinessPolicy> timeliness_profile(std::string_view name) noexcept {
  if (name == "default") return TimelinessPolicy{};
  if (name == "td") {
    // As the TD system's ThongKeWhereBuilder counts Biểu 06 (docs/forms.md, "Profiles").
    TimelinessPolicy p;
    p.granularity = Granularity::day;
    p.withdrawn = WithdrawnPolicy::on_time;
    p.open_supplement_within_time = true;
    p.stopped_within_time = true;
    return p;
  }
  return std::nullopt;
}

}  // namespace parmetrics
