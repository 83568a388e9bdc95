#include <parmetrics/metrics/report_summary.hpp>

#include <fmt/format.h>

#include <algorithm>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/metrics/comparison.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include "metrics/report_text.hpp"
#include "text/layout.hpp"
#include "text/say.hpp"

namespace parmetrics {

namespace {

SummaryUnit unit_of(const ReportRow& row, Rate r) {
  return SummaryUnit{row.key, row.name, r};
}

/// The rate's first and last month within the period, from the by-month report.
void tell_months(RateStory& story, const Report& monthly, const ReportPeriod& period) {
  std::vector<std::pair<DayNumber, Rate>> months;
  for (const auto& [day, row] : detail::period_months(monthly, period)) {
    const Rate r = rate(row->counts, story.id);
    if (r.defined()) months.emplace_back(day, r);
  }
  if (months.size() < 2) return;
  story.first_month_day = months.front().first;
  story.first_month = months.front().second;
  story.last_month_day = months.back().first;
  story.last_month = months.back().second;
}

RateStory story_of(RateId id, const Report& report, const ReportContext& context) {
  RateStory s;
  s.id = id;
  s.now = rate(report.total.counts, id);
  if (context.monthly) tell_months(s, *context.monthly, report.options.period);
  if (context.previous) s.then = rate(context.previous->total.counts, id);
  return s;
}

void tell_units(ReportSummary& s, const Report& report, RateId ranked, std::size_t top) {
  if (const auto p = province_row(report)) {
    const ReportRow& root = report.rows[*p];
    s.province = unit_of(root, rate(root.subtree, RateId::online_rate));
    for (const UnitComparison& c : compare_units(report, RateId::online_rate)) {
      if (c.row != *p && report.rows[c.row].root_row == p && c.vs_root && *c.vs_root < 0) {
        s.below_province.push_back(unit_of(report.rows[c.row], c.own));
      }
    }
    std::stable_sort(s.below_province.begin(), s.below_province.end(),
                     [](const SummaryUnit& a, const SummaryUnit& b) {
                       const int c = compare(a.rate, b.rate);
                       return c != 0 ? c < 0 : a.code < b.code;
                     });
  }
  for (std::size_t i : units_without_online(report)) {
    s.without_online.push_back(
        unit_of(report.rows[i], rate(report.rows[i].subtree, RateId::online_rate)));
  }
  const auto level = most_common_level(report);
  if (!level || top == 0) return;
  s.ranked = ranked;
  s.rank_level = *level;
  const RankedEnds ends = rank_ends(report, ranked, top, *level);
  for (std::size_t i : ends.lowest) {
    s.lowest.push_back(unit_of(report.rows[i], rate(report.rows[i].counts, ranked)));
  }
  for (std::size_t i : ends.highest) {
    s.highest.push_back(unit_of(report.rows[i], rate(report.rows[i].counts, ranked)));
  }
}

}  // namespace

ReportSummary summarize(const Report& report, const ReportContext& context, RateId ranked,
                        std::size_t top) {
  ReportSummary s;
  s.period = report.options.period;
  if (context.previous) s.then = context.previous->options.period;
  s.total = report.total.counts;
  s.late = story_of(RateId::late_rate, report, context);
  s.online = story_of(RateId::online_rate, report, context);
  if (report.options.by == GroupBy::unit) tell_units(s, report, ranked, top);
  return s;
}

namespace {

using detail::say;
using fmt::arg;

std::string count(std::uint64_t n, Language l) {
  return format_count(static_cast<std::int64_t>(n), l);
}

std::string percent(const Rate& r, Language l) {
  return detail::rate_text(r, l);
}

std::string month_text(DayNumber first_day, Language l) {
  return say("month", l, arg("month", detail::month_text(first_day, l)));
}

std::string name_of(const SummaryUnit& u) {
  return u.name.empty() ? u.code : detail::spoken_name(u.name);
}

std::string names(const std::vector<SummaryUnit>& units, Language l, bool with_rates) {
  std::string out;
  for (const SummaryUnit& u : units) {
    if (!out.empty()) out += ", ";
    out += name_of(u);
    if (with_rates) out += fmt::format(" {}\u00a0%", percent(u.rate, l));
  }
  return out;
}

void tell_rate(std::vector<std::string>& out, const ReportSummary& s, const RateStory& r,
               Language l) {
  const std::string subject(message(fmt::format("summary.subject.{}", rate_info(r.id).name), l));
  if (r.first_month && r.last_month) {
    const int c = compare(*r.last_month, *r.first_month);
    out.push_back(say(c < 0   ? "summary.trend_down"
                      : c > 0 ? "summary.trend_up"
                              : "summary.trend_same",
                      l, arg("subject", subject), arg("first", percent(*r.first_month, l)),
                      arg("last", percent(*r.last_month, l)),
                      arg("first_month", month_text(r.first_month_day, l)),
                      arg("last_month", month_text(r.last_month_day, l))));
  }
  if (r.then && s.then) {
    const auto change = change_hundredths(*r.then, r.now);
    if (!change) return;
    const char* key = *change < 0   ? "summary.compare_down"
                      : *change > 0 ? "summary.compare_up"
                                    : "summary.compare_same";
    out.push_back(say(key, l, arg("subject_lc", detail::lowercase_first(subject)),
                      arg("then_from", format_day(s.then->from, l)),
                      arg("then_to", format_day(s.then->to, l)), arg("then", percent(*r.then, l)),
                      arg("now", percent(r.now, l)),
                      arg("change", format_hundredths(*change < 0 ? -*change : *change, l))));
  }
}

void tell_units(std::vector<std::string>& out, const ReportSummary& s, Language l) {
  // With nothing received the province has no online rate to be below of.
  if (s.province && s.province->rate.defined()) {
    const std::string province = name_of(*s.province);
    const std::string province_rate = percent(s.province->rate, l);
    if (s.below_province.empty()) {
      out.push_back(say("summary.none_below_province", l, arg("province", province),
                        arg("province_rate", province_rate)));
    } else {
      out.push_back(say("summary.below_province", l, arg("province", province),
                        arg("province_rate", province_rate),
                        arg("count", count(s.below_province.size(), l)),
                        arg("units", names(s.below_province, l, true))));
    }
  }
  if (!s.without_online.empty()) {
    out.push_back(
        say("summary.without_online", l, arg("units", names(s.without_online, l, false))));
  }
}

}  // namespace

std::vector<std::string> summary_sentences(const ReportSummary& s, Language l) {
  std::vector<std::string> out;
  const MetricCounts& t = s.total;
  const std::uint64_t resolved =
      t.early + t.on_time + t.late + t.no_appointment_ended + t.end_unknown;
  const std::uint64_t pending =
      t.within_time + t.overdue + t.no_appointment - t.no_appointment_ended;
  out.push_back(say("summary.scope", l, arg("from", format_day(s.period.from, l)),
                    arg("to", format_day(s.period.to, l)), arg("received", count(t.received, l)),
                    arg("online", count(t.online, l)), arg("direct", count(t.direct, l)),
                    arg("postal", count(t.postal, l)),
                    arg("carried_over", count(t.carried_over, l)),
                    arg("resolved", count(resolved, l)), arg("pending", count(pending, l))));
  if (s.late.now.defined()) {
    out.push_back(say("summary.late_rate", l, arg("rate", percent(s.late.now, l)),
                      arg("late", count(t.late, l)), arg("overdue", count(t.overdue, l)),
                      arg("judged", count(s.late.now.denominator, l))));
    tell_rate(out, s, s.late, l);
  } else {
    out.push_back(say("summary.no_judged", l));
  }
  if (s.online.now.defined()) {
    out.push_back(say("summary.online_rate", l, arg("rate", percent(s.online.now, l)),
                      arg("online", count(t.online, l)), arg("received", count(t.received, l))));
    tell_rate(out, s, s.online, l);
  } else {
    out.push_back(say("summary.no_received", l));
  }
  tell_units(out, s, l);
  if (t.apology_needed == 0) {
    out.push_back(say("summary.no_apology_needed", l));
  } else {
    out.push_back(say("summary.apologies", l, arg("missing", count(t.apology_missing, l)),
                      arg("needed", count(t.apology_needed, l)),
                      arg("share", percent(rate(t, RateId::apology_missing_rate), l)),
                      arg("on_time", count(t.apology_on_time, l)),
                      arg("late", count(t.apology_late, l))));
  }
  if (t.received != 0) {
    out.push_back(say("summary.digitisation", l,
                      arg("digitised", percent(rate(t, RateId::digitised_rate), l)),
                      arg("e_result", percent(rate(t, RateId::e_result_rate), l)),
                      arg("reused", percent(rate(t, RateId::reused_rate), l)),
                      arg("from_store", percent(rate(t, RateId::from_store_rate), l)),
                      arg("vneid", percent(rate(t, RateId::vneid_rate), l))));
  }
  if (!s.lowest.empty()) {
    out.push_back(say("summary.ranking", l,
                      arg("subject", message(fmt::format("rate.{}", rate_info(s.ranked).name), l)),
                      arg("level", detail::level_name(s.rank_level, l)),
                      arg("lowest", names(s.lowest, l, true)),
                      arg("highest", names(s.highest, l, true))));
  }
  return out;
}

}  // namespace parmetrics
