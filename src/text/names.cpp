// The names of the library's enums and the text of its value types for streams: what BOOST_TEST
// and logs print. One switch per enum, so that -Wswitch catches a value added without its name.

#include <fmt/format.h>

#include <ostream>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/calendar/day_kind.hpp>
#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/lunar_calendar.hpp>
#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/calendar/working_hours.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/worklist.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/scorecard/engine.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>
#include <parmetrics/indices/scorecard/output.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/indices/service_index_output.hpp>
#include <parmetrics/indices/target.hpp>
#include <parmetrics/metrics/comparison.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/report_context.hpp>
#include <parmetrics/metrics/report_format.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

std::string_view to_string(EventKind value) noexcept {
  switch (value) {
    case EventKind::supplement:
      return "supplement";
    case EventKind::apology:
      return "apology";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, EventKind value) {
  return out << to_string(value);
}

std::string_view to_string(OnlineLevel value) noexcept {
  switch (value) {
    case OnlineLevel::none:
      return "none";
    case OnlineLevel::partial:
      return "partial";
    case OnlineLevel::full:
      return "full";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, OnlineLevel value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, Channel value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, EndKind value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, Feedback value) {
  return out << to_string(value);
}

std::string_view to_string(Granularity value) noexcept {
  switch (value) {
    case Granularity::minute:
      return "minute";
    case Granularity::day:
      return "day";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, Granularity value) {
  return out << to_string(value);
}

std::string_view to_string(WithdrawnPolicy value) noexcept {
  switch (value) {
    case WithdrawnPolicy::evaluate:
      return "evaluate";
    case WithdrawnPolicy::exclude:
      return "exclude";
    case WithdrawnPolicy::on_time:
      return "on_time";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, WithdrawnPolicy value) {
  return out << to_string(value);
}

std::string_view to_string(Scope value) noexcept {
  switch (value) {
    case Scope::out:
      return "out";
    case Scope::received:
      return "received";
    case Scope::carried_over:
      return "carried_over";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, Scope value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, Timeliness value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, ApologyStatus value) {
  return out << to_string(value);
}

std::string_view to_string(NewAppointment value) noexcept {
  switch (value) {
    case NewAppointment::none:
      return "none";
    case NewAppointment::kept:
      return "kept";
    case NewAppointment::missed:
      return "missed";
    case NewAppointment::pending:
      return "pending";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, NewAppointment value) {
  return out << to_string(value);
}

std::string_view to_string(ReportFormat value) noexcept {
  switch (value) {
    case ReportFormat::table:
      return "table";
    case ReportFormat::csv:
      return "csv";
    case ReportFormat::json:
      return "json";
    case ReportFormat::markdown:
      return "markdown";
    case ReportFormat::html:
      return "html";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, ReportFormat value) {
  return out << to_string(value);
}

std::string_view to_string(CompareTo value) noexcept {
  switch (value) {
    case CompareTo::previous:
      return "previous";
    case CompareTo::last_year:
      return "last_year";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, CompareTo value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, GroupBy value) {
  return out << to_string(value);
}

std::string_view to_string(RateId value) noexcept {
  return rate_info(value).name;
}

std::ostream& operator<<(std::ostream& out, RateId value) {
  return out << to_string(value);
}

std::string_view to_string(RankOrder value) noexcept {
  switch (value) {
    case RankOrder::highest:
      return "highest";
    case RankOrder::lowest:
      return "lowest";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, RankOrder value) {
  return out << to_string(value);
}

std::string_view to_string(ItemRule value) noexcept {
  switch (value) {
    case ItemRule::linear:
      return "linear";
    case ItemRule::capped:
      return "capped";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, ItemRule value) {
  return out << to_string(value);
}

std::string_view to_string(ZeroDenominator value) noexcept {
  switch (value) {
    case ZeroDenominator::zero:
      return "zero";
    case ZeroDenominator::full:
      return "full";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, ZeroDenominator value) {
  return out << to_string(value);
}

std::string_view to_string(TotalsRule value) noexcept {
  switch (value) {
    case TotalsRule::unrounded:
      return "unrounded";
    case TotalsRule::rounded_items:
      return "rounded_items";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, TotalsRule value) {
  return out << to_string(value);
}

std::string_view to_string(ServiceIndexFormat value) noexcept {
  switch (value) {
    case ServiceIndexFormat::table:
      return "table";
    case ServiceIndexFormat::csv:
      return "csv";
    case ServiceIndexFormat::json:
      return "json";
    case ServiceIndexFormat::html:
      return "html";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, ServiceIndexFormat value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, DayKind value) {
  return out << to_string(value);
}

std::string_view to_string(StatutoryTime::Unit value) noexcept {
  switch (value) {
    case StatutoryTime::Unit::working_hours:
      return "working_hours";
    case StatutoryTime::Unit::working_days:
      return "working_days";
    case StatutoryTime::Unit::calendar_days:
      return "calendar_days";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, StatutoryTime::Unit value) {
  return out << to_string(value);
}

std::string_view to_string(PausePolicy value) noexcept {
  switch (value) {
    case PausePolicy::working_time:
      return "working_time";
    case PausePolicy::elapsed:
      return "elapsed";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, PausePolicy value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, DossierListStatus value) {
  return out << to_string(value);
}

std::string_view to_string(DossierListOrder value) noexcept {
  switch (value) {
    case DossierListOrder::urgency:
      return "urgency";
    case DossierListOrder::receipt:
      return "receipt";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, DossierListOrder value) {
  return out << to_string(value);
}

std::string_view to_string(DossierListFormat value) noexcept {
  switch (value) {
    case DossierListFormat::table:
      return "table";
    case DossierListFormat::csv:
      return "csv";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, DossierListFormat value) {
  return out << to_string(value);
}

std::string_view to_string(FormColumn::Kind value) noexcept {
  switch (value) {
    case FormColumn::Kind::stt:
      return "stt";
    case FormColumn::Kind::group:
      return "group";
    case FormColumn::Kind::count:
      return "count";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, FormColumn::Kind value) {
  return out << to_string(value);
}

std::string_view to_string(FormRow::Kind value) noexcept {
  switch (value) {
    case FormRow::Kind::section:
      return "section";
    case FormRow::Kind::group:
      return "group";
    case FormRow::Kind::total:
      return "total";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, FormRow::Kind value) {
  return out << to_string(value);
}

std::string_view to_string(FormGrouping value) noexcept {
  switch (value) {
    case FormGrouping::unit:
      return "unit";
    case FormGrouping::field:
      return "field";
    case FormGrouping::level:
      return "level";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, FormGrouping value) {
  return out << to_string(value);
}

std::string_view to_string(FormFormat value) noexcept {
  switch (value) {
    case FormFormat::table:
      return "table";
    case FormFormat::csv:
      return "csv";
    case FormFormat::markdown:
      return "markdown";
    case FormFormat::html:
      return "html";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, FormFormat value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, TargetComparison value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, TargetReference value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, TargetStatus value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, MetricKind value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, const Rate& value) {
  if (!value.defined()) return out << "n/a (0/0)";
  return out << fmt::format("{} % ({}/{})", value.to_string(), value.numerator, value.denominator);
}

std::ostream& operator<<(std::ostream& out, const CivilDate& value) {
  return out << fmt::format("{:04}-{:02}-{:02}", value.year, value.month, value.day);
}

std::ostream& operator<<(std::ostream& out, const LunarDate& value) {
  return out << fmt::format("{}/{}{}/{}", value.day, value.month, value.leap ? "+" : "",
                            value.year);
}

std::ostream& operator<<(std::ostream& out, const StatutoryTime& value) {
  return out << value.to_string();
}

std::ostream& operator<<(std::ostream& out, const TimeInterval& value) {
  return out << fmt::format("{:02}:{:02}-{:02}:{:02}", value.start / 60, value.start % 60,
                            value.end / 60, value.end % 60);
}

std::ostream& operator<<(std::ostream& out, const DayInfo& value) {
  out << to_string(value.kind);
  if (!value.name.empty()) out << ' ' << value.name;
  return out;
}

std::ostream& operator<<(std::ostream& out, const MetricCounts& value) {
  std::string text;
  for (const CountField& f : count_fields()) {
    const std::uint64_t n = value.*f.member;
    if (n != 0) text += fmt::format("{}{}: {}", text.empty() ? "" : ", ", f.name, n);
  }
  return out << '{' << text << '}';
}

std::ostream& operator<<(std::ostream& out, const DossierEvaluation& value) {
  out << '{' << to_string(value.timeliness);
  if (value.apology != ApologyStatus::not_needed) out << ", apology " << to_string(value.apology);
  if (value.new_appointment != NewAppointment::none) {
    out << ", new appointment " << to_string(value.new_appointment);
  }
  if (value.processing_minutes >= 0) out << ", " << value.processing_minutes << " working minutes";
  return out << '}';
}

std::ostream& operator<<(std::ostream& out, const ReportPeriod& value) {
  return out << format_iso_date(value.from) << ".." << format_iso_date(value.to) << " as of "
             << format_iso_datetime(value.as_of);
}

std::ostream& operator<<(std::ostream& out, const Unit& value) {
  return out << value.code;
}

std::ostream& operator<<(std::ostream& out, const Procedure& value) {
  return out << value.code;
}

std::ostream& operator<<(std::ostream& out, const Dossier& value) {
  return out << value.code;
}

}  // namespace parmetrics

namespace parmetrics::scorecard {

std::string_view to_string(Basis value) noexcept {
  switch (value) {
    case Basis::index:
      return "index";
    case Basis::points:
      return "points";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, Basis value) {
  return out << to_string(value);
}

std::string_view to_string(Format value) noexcept {
  switch (value) {
    case Format::table:
      return "table";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
    case Format::markdown:
      return "markdown";
    case Format::html:
      return "html";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, Format value) {
  return out << to_string(value);
}

std::string_view to_string(IndexScale value) noexcept {
  switch (value) {
    case IndexScale::percent:
      return "percent";
    case IndexScale::fraction:
      return "fraction";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, IndexScale value) {
  return out << to_string(value);
}

std::string_view to_string(Outcome value) noexcept {
  switch (value) {
    case Outcome::scored:
      return "scored";
    case Outcome::not_applicable:
      return "not_applicable";
    case Outcome::informational:
      return "informational";
    case Outcome::no_score:
      return "no_score";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, Outcome value) {
  return out << to_string(value);
}

std::string_view to_string(Report value) noexcept {
  switch (value) {
    case Report::par:
      return "par";
    case Report::scorecard:
      return "scorecard";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, Report value) {
  return out << to_string(value);
}

std::string_view to_string(Totals value) noexcept {
  switch (value) {
    case Totals::rounded_items:
      return "rounded_items";
    case Totals::unrounded:
      return "unrounded";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, Totals value) {
  return out << to_string(value);
}

std::string_view to_string(WhenMissing value) noexcept {
  switch (value) {
    case WhenMissing::empty:
      return "empty";
    case WhenMissing::no_score:
      return "no_score";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, WhenMissing value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, RuleKind value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, Source value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, WhenEmpty value) {
  return out << to_string(value);
}

std::ostream& operator<<(std::ostream& out, const Shown& value) {
  return out << value.to_string();
}

}  // namespace parmetrics::scorecard
