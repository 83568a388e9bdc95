// parmetrics targets: directive targets (chỉ tiêu giao) checked against the dossiers' metrics —
// each target met / not met with the values compared. docs/targets.md.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/target.hpp>
#include <parmetrics/indices/target_check.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/text/messages.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "dossier_inputs.hpp"
#include "flags.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

// Computes each period's metrics once.
class Periods {
 public:
  Periods(const DossierData* data, const MetricTable& external, TargetPeriod run,
          std::optional<MinuteStamp> as_of)
      : data_(data), external_(external), run_(std::move(run)), as_of_(as_of) {}

  const TargetPeriod& run() const noexcept { return run_; }

  const MetricTable& operator()(const std::optional<TargetPeriod>& p) {
    if (!data_) return external_;
    const TargetPeriod& period = p ? *p : run_;
    const auto key = std::make_pair(period.from, period.to);
    if (const auto it = tables_.find(key); it != tables_.end()) return it->second;
    MetricTable table = external_;
    ReportOptions options;
    // --as-of applies to every period it falls in; a period that starts after it is evaluated at
    // its own end (or the data's horizon).
    std::optional<MinuteStamp> given;
    if (as_of_ && *as_of_ >= to_minutes(period.from)) given = as_of_;
    options.period = ReportPeriod::of(period.from, period.to,
                                      as_of_for(period.from, period.to, given, data_->horizon));
    options.by = GroupBy::unit;
    options.processing_quantiles = false;
    add_report_metrics(table, compute_report(data_->store, data_->units, data_->procedures,
                                             data_->calendar, options));
    return tables_.emplace(key, std::move(table)).first->second;
  }

 private:
  const DossierData* data_;
  const MetricTable& external_;
  TargetPeriod run_;
  std::optional<MinuteStamp> as_of_;
  std::map<std::pair<DayNumber, DayNumber>, MetricTable> tables_;
};

// ---- Output. ----------------------------------------------------------------------------------

std::string num(double x) {
  return fmt::format("{}", x);
}

// The compared value: a rate's percent with 2 decimals, a count as is, "n/a" for an empty rate.
std::string shown(const MetricValue& v) {
  const auto x = v.value();
  if (!x) return "n/a";
  return shown_value(v);
}

void print_csv(const TargetList& list, const std::vector<TargetCheck>& checks,
               const TargetPeriod& run, std::ostream& out) {
  std::string s =
      "target,unit,period,metric,actual,comparison,reference,reference_value,status,numerator,"
      "denominator,reference_unit,name,explanation,text\n";
  for (const TargetCheck& c : checks) {
    const Target& t = list.targets()[c.target];
    const bool rate = c.actual.kind == MetricKind::rate;
    std::string reference_value = "n/a";
    if (t.reference == TargetReference::number) {
      reference_value = num(t.value);
    } else if (c.reference) {
      reference_value = shown(*c.reference);
    }
    s += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(t.id), csv_field(c.unit),
        csv_field(t.period ? t.period->label : run.label), csv_field(t.metric), shown(c.actual),
        to_string(t.comparison),
        t.reference == TargetReference::number ? num(t.value) : std::string(to_string(t.reference)),
        reference_value, to_string(c.status), num(c.actual.numerator),
        rate ? num(c.actual.denominator) : std::string(), csv_field(c.reference_unit),
        csv_field(c.unit_name), csv_field(c.explanation), csv_field(t.text));
  }
  out << s;
}

void print_table(const TargetList& list, const std::vector<TargetCheck>& checks,
                 const TargetPeriod& run, std::ostream& out, Language l) {
  std::string s = message("targets.title", l, {{"file", list.origin()}}) + "\n";
  std::size_t met = 0, not_met = 0, na = 0;
  // The states in a column as wide as the longest of them in the language ("NOT MET": 7).
  std::size_t width = 0;
  for (const char* key : {"targets.met", "targets.not_met", "targets.not_applicable"}) {
    const std::string_view text = message(key, l);
    width = std::max<std::size_t>(
        width, static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
          return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
        })));
  }
  std::optional<std::size_t> last;
  for (const TargetCheck& c : checks) {
    const Target& t = list.targets()[c.target];
    if (c.target != last) {
      last = c.target;
      s += fmt::format("\n{} ({}){}\n", t.id, t.period ? t.period->label : run.label,
                       t.text.empty() ? "" : ": " + t.text);
    }
    const std::string status(message(c.status == TargetStatus::met       ? "targets.met"
                                     : c.status == TargetStatus::not_met ? "targets.not_met"
                                                                         : "targets.not_applicable",
                                     l));
    (c.status == TargetStatus::met ? met : c.status == TargetStatus::not_met ? not_met : na)++;
    s += fmt::format("  {:<{}}  {:<16} {}{}\n", status, width, c.unit, c.explanation,
                     c.unit_name.empty() ? "" : "  [" + c.unit_name + "]");
  }
  s += '\n' +
       message("targets.summary", l,
               {{"met", std::to_string(met)},
                {"not_met", std::to_string(not_met)},
                {"na", std::to_string(na)}}) +
       "\n";
  out << s;
}

}  // namespace

int run_targets(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::targets);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const OutputFormat format = output_format(o);
  const TargetList list = TargetList::load_csv(o.required("targets"));

  ImportSummary summary("targets", err);
  const MetricTable external = external_metrics(o, summary);
  // Without dossier files, external values (--metrics, --facts, --sipas) replace the bundled
  // sample.
  const bool need_dossiers = !o.has("metrics") && !o.has("facts") && !o.has("sipas");
  const std::optional<DossierData> data = load_dossiers(o, need_dossiers, summary);
  if (data && data->sample) {
    fmt::print(err, "parmetrics targets: no dossier file given: the bundled sample\n");
  }
  const bool dossiers = data && (data->sample || o.has("dossiers") || o.has("portal"));
  if (!dossiers) {
    for (std::string_view flag : {"from", "to", "as-of", "events", "procedures"}) {
      if (o.has(flag)) throw UsageError(fmt::format("--{} goes with dossier inputs", flag));
    }
  }

  TargetPeriod run;
  std::optional<MinuteStamp> as_of;
  if (dossiers) {
    std::tie(run.from, run.to) = period_days(o, *data);
    run.label = fmt::format("{}..{}", format_iso_date(run.from), format_iso_date(run.to));
    if (const auto a = o.value("as-of")) {
      as_of = parse_iso_datetime(*a);
      if (!as_of) throw UsageError(fmt::format("--as-of: '{}' is not YYYY-MM-DDTHH:MM", *a));
      if (*as_of < to_minutes(run.from)) throw UsageError("--as-of is before --from");
    }
  } else if (std::any_of(list.targets().begin(), list.targets().end(),
                         [](const Target& t) { return t.period.has_value(); })) {
    fmt::print(err,
               "parmetrics targets: external values carry no period: they are compared for "
               "every target's period as given\n");
  }
  Periods periods(dossiers ? &*data : nullptr, external, run, as_of);
  const UnitRegistry* units = data ? &data->units : nullptr;
  const std::vector<TargetCheck> checks = check_targets(
      list, units,
      [&](const std::optional<TargetPeriod>& p) -> const MetricTable& { return periods(p); });
  switch (format) {
    case OutputFormat::csv:
      print_csv(list, checks, run, out);
      break;
    case OutputFormat::json:
      out << to_json(list, checks, run.label);
      break;
    case OutputFormat::table:
      print_table(list, checks, run, out, language_arg(o));
      break;
  }
  return summary.exit_status();
}

}  // namespace parmetrics::cli
