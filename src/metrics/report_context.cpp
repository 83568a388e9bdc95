#include <parmetrics/metrics/report_context.hpp>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/metrics/rates.hpp>

namespace parmetrics {

namespace {

bool whole_months(const ReportPeriod& p) {
  const CivilDate a = civil_from_days(p.from);
  const CivilDate b = civil_from_days(p.to + 1);
  return a.day == 1 && b.day == 1;
}

/// The first day of the month `months` before the month of `day` (`day` a first of month).
DayNumber months_before(DayNumber day, int months) {
  CivilDate c = civil_from_days(day);
  const int index = c.year * 12 + (static_cast<int>(c.month) - 1) - months;
  c.year = index / 12;
  c.month = static_cast<unsigned>(index % 12 + 1);
  return days_from_civil(c);
}

DayNumber year_before(DayNumber day) {
  CivilDate c = civil_from_days(day);
  c.year -= 1;
  if (c.month == 2 && c.day == 29) c.day = 28;
  return days_from_civil(c);
}

}  // namespace

ReportPeriod earlier_period(const ReportPeriod& now, CompareTo how) {
  if (how == CompareTo::last_year) {
    // Whole months map to the same whole months (February 2024 to 1–28 February 2023);
    // other periods to the same dates, 29 February to the 28th.
    if (whole_months(now)) return ReportPeriod::of(months_before(now.from, 12), months_before(now.to + 1, 12) - 1);
    return ReportPeriod::of(year_before(now.from), year_before(now.to));
  }
  if (whole_months(now)) {
    const CivilDate a = civil_from_days(now.from), b = civil_from_days(now.to + 1);
    const int months =
        (b.year - a.year) * 12 + static_cast<int>(b.month) - static_cast<int>(a.month);
    return ReportPeriod::of(months_before(now.from, months), now.from - 1);
  }
  const DayNumber days = now.to - now.from + 1;
  return ReportPeriod::of(now.from - days, now.from - 1);
}

std::optional<ReportPeriod> parse_compare_to(std::string_view text, const ReportPeriod& now) {
  std::optional<ReportPeriod> p;
  if (text == "previous") {
    p = earlier_period(now, CompareTo::previous);
  } else if (text == "last-year") {
    p = earlier_period(now, CompareTo::last_year);
  } else if (const std::size_t dots = text.find(".."); dots != std::string_view::npos) {
    const auto from = parse_iso_date(text.substr(0, dots));
    const auto to = parse_iso_date(text.substr(dots + 2));
    if (from && to && *from <= *to) p = ReportPeriod::of(*from, *to);
  }
  // The calendar's range bounds an earlier period as it bounds --from and --to.
  if (p && (p->from < kFirstSupportedDay || p->to > kLastSupportedDay)) return std::nullopt;
  return p;
}

namespace {

/// The context, each report computed by `compute(options)` on the caller's dossiers.
template <class Compute>
ReportContext context_of(const Report& report, std::optional<ReportPeriod> earlier, bool monthly,
                         Compute&& compute) {
  ReportContext context;
  if (earlier) {
    ReportOptions o = report.options;
    o.period = *earlier;
    context.previous = compute(o);
  }
  const ReportPeriod& p = report.options.period;
  const CivilDate a = civil_from_days(p.from), b = civil_from_days(p.to);
  if (monthly && (a.year != b.year || a.month != b.month)) {
    if (report.options.by == GroupBy::month) {
      context.monthly = report;
    } else {
      ReportOptions o = report.options;
      o.by = GroupBy::month;
      o.processing_quantiles = false;
      context.monthly = compute(o);
    }
  }
  return context;
}

}  // namespace

ReportContext compute_report_context(const DossierStore& store, const UnitRegistry& units,
                                     const ProcedureCatalog& procedures,
                                     const WorkingCalendar& calendar, const Report& report,
                                     std::optional<ReportPeriod> earlier, bool monthly) {
  return context_of(report, earlier, monthly, [&](const ReportOptions& o) {
    return compute_report(store, units, procedures, calendar, o);
  });
}

ReportContext compute_report_context(const StoreSnapshot& snapshot, const UnitRegistry& units,
                                     const ProcedureCatalog& procedures,
                                     const WorkingCalendar& calendar, const Report& report,
                                     std::optional<ReportPeriod> earlier, bool monthly) {
  return context_of(report, earlier, monthly, [&](const ReportOptions& o) {
    return compute_report(snapshot, units, procedures, calendar, o);
  });
}

std::optional<std::int64_t> change_hundredths(const Rate& then, const Rate& now) {
  const auto a = then.hundredths(), b = now.hundredths();
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

}  // namespace parmetrics
