#include <parmetrics/metrics/timeliness.hpp>

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#include <stdexcept>

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

DossierEvaluation evaluate_dossier(const DossierFacts& d, MinuteStamp as_of,
                                   const WorkingCalendar& calendar,
                                   const TimelinessPolicy& policy) {
  return detail::evaluate_inline(d.received, d.appointment, d.ended, d.status, d.events, as_of,
                                 calendar, policy);
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
