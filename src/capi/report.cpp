// pm_report: the report of parmetrics report, with its options as JSON.

#include <fmt/format.h>

#include <sstream>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/metrics/report_context.hpp>
#include <parmetrics/metrics/report_format.hpp>
#include <parmetrics/model/live_store.hpp>

#include "capi/capi.hpp"

namespace parmetrics::capi {

namespace {

RateId rate_option(Options& o, std::string_view key, RateId fallback) {
  const auto name = o.text(key);
  if (!name) return fallback;
  const auto rate = find_rate(*name);
  if (!rate) o.fail(key, fmt::format("'{}' is no rate (docs/metrics.md §7 lists them)", *name));
  return *rate;
}

TimelinessPolicy read_policy(Options& options) {
  TimelinessPolicy policy;
  auto p = options.object("policy");
  if (!p) return policy;
  if (const auto v = p->choice("pause", {"working", "elapsed"})) {
    policy.pause = *v == "working" ? PausePolicy::working_time : PausePolicy::elapsed;
  }
  if (const auto v = p->choice("granularity", {"minute", "day"})) {
    policy.granularity = *v == "minute" ? Granularity::minute : Granularity::day;
  }
  if (const auto v = p->choice("multiple_supplements", {"late", "ignore"})) {
    policy.multiple_supplements_late = *v == "late";
  }
  if (const auto v = p->choice("withdrawn", {"evaluate", "exclude"})) {
    policy.withdrawn = *v == "evaluate" ? WithdrawnPolicy::evaluate : WithdrawnPolicy::exclude;
  }
  if (const auto v = p->integer("apology_lead_days", 0, 30)) {
    policy.apology_lead_days = static_cast<int>(*v);
  }
  p->done();
  return policy;
}

}  // namespace

std::string report(const Data& c, const char* options_json, std::string_view caller) {
  Options o(options_json, std::string_view(fmt::format("{} options", caller)));
  const Scope scope = read_scope(o, c);
  ReportOptions options;
  options.period = scope.period;
  options.filter = scope.filter;
  options.threads = scope.threads;
  const auto by = parse_group_by(o.text("by").value_or("unit"));
  if (!by || *by == GroupBy::none) {
    o.fail("by", "not unit, level, field, procedure, channel, month, quarter or year");
  }
  options.by = *by;
  options.roll_up = o.flag("roll_up").value_or(true);
  // "successors_as_of" is the name of 0.1, kept as the CLI keeps --successors-as-of.
  for (const char* key : {"hierarchy_as_of", "successors_as_of"}) {
    if (const auto day = o.text(key)) options.hierarchy_as_of = day_of_option(o, key, *day);
  }
  options.policy = read_policy(o);
  std::optional<ReportPeriod> earlier;
  if (const auto text = o.text("compare_to")) {
    earlier = parse_compare_to(*text, options.period);
    if (!earlier) o.fail("compare_to", "not previous, last-year or FROM..TO (ISO dates)");
  }
  ReportFormatOptions print;
  print.language = scope.language;
  print.compare = rate_option(o, "compare", RateId::online_rate);
  print.rank = rate_option(o, "rank", RateId::late_rate);
  print.top = static_cast<std::size_t>(o.integer("top", 0, 1000).value_or(3));
  print.summary = o.flag("summary").value_or(true);
  print.columns = o.texts("columns");
  for (const std::string& column : print.columns) {
    if (!is_report_column(column))
      o.fail("columns", fmt::format("'{}' is no count or rate", column));
  }
  const ReportFormat format =
      *parse_report_format(read_format(o, {"json", "table", "csv", "markdown", "html"}));
  o.done();

  const bool people = format != ReportFormat::csv && format != ReportFormat::json;
  const auto [r, context] = c.on_dossiers([&](const auto& dossiers) {
    Report report = compute_report(dossiers, c.units, c.procedures, c.calendar, options);
    ReportContext more =
        compute_report_context(dossiers, c.units, c.procedures, c.calendar, report, earlier,
                               people && (print.summary || format == ReportFormat::html));
    return std::pair(std::move(report), std::move(more));
  });
  std::ostringstream out;
  write_report(out, r, format, print, context);
  return std::move(out).str();
}

}  // namespace parmetrics::capi

using namespace parmetrics::capi;

extern "C" {

PM_API pm_status pm_report(pm_context* context, const char* options_json, char** out_text) {
  return result(context, out_text,
                [&](const pm_context& c) { return report(c, options_json, "pm_report"); });
}

}  // extern "C"
