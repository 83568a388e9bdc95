#include "dossier_inputs.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <string>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/indices/sipas.hpp>

#include "bundled_data.hpp"
#include "cli.hpp"
#include "generator.hpp"
#include "input_files.hpp"

namespace parmetrics::cli {

namespace {

MinuteStamp horizon_of(const DossierStore& store) {
  StoredTime last = kNoTime;
  for (const auto column : {store.received(), store.ended(), store.returned()}) {
    for (const StoredTime t : column) last = std::max(last, t);
  }
  return last == kNoTime ? 0 : to_minutes(day_of(last) + 1);
}

}  // namespace

std::optional<MinuteStamp> as_of_for(DayNumber from, DayNumber to, std::optional<MinuteStamp> given,
                                     MinuteStamp horizon) {
  if (given) return given;
  if (horizon > to_minutes(from) && horizon < to_minutes(to + 1)) return horizon;
  return std::nullopt;
}

std::optional<DossierData> load_dossiers(const ParsedOptions& o, bool need_dossiers,
                                         ImportSummary& summary) {
  const bool files = o.has("dossiers") || o.has("portal");
  if (!files && !need_dossiers && !o.has("units")) return std::nullopt;
  std::optional<DossierData> data(std::in_place);
  if (!files && need_dossiers) {
    for (std::string_view flag : {"units", "procedures", "events"}) {
      if (o.has(flag)) throw UsageError(fmt::format("--{} needs --dossiers or --portal", flag));
    }
    const generator::DataSet sample;
    generator::fill(sample, data->units, data->procedures, data->store);
    data->calendar = sample.calendar();
    data->from = sample.first_day();
    data->to = sample.last_day();
    data->horizon = sample.horizon();
    data->sample = true;
    return data;
  }
  data->calendar = calendar_from(o);
  const LoadSettings settings{"", data->calendar, threads_from(o), o.has("strict")};
  load_inputs(InputFiles::of(o), settings,
              {data->units, data->procedures, &data->store, &data->facts}, summary);
  data->units.resolve();
  if (!data->store.empty()) {
    const auto received = data->store.received();
    const auto [lo, hi] = std::minmax_element(received.begin(), received.end());
    data->from = day_of(*lo);
    data->to = day_of(*hi);
    data->horizon = horizon_of(data->store);
  }
  return data;
}

std::filesystem::path default_sipas_questionnaire() {
  constexpr std::string_view kQuestionnaire = "sipas/questionnaire-service.csv";
  const std::filesystem::path dir = bundled_data_dir(kQuestionnaire);
  if (dir.empty()) {
    throw Error(fmt::format(
        "the default questionnaire {} is not installed; give one with --questionnaire FILE",
        kQuestionnaire));
  }
  return dir / kQuestionnaire;
}

MetricTable external_metrics(const ParsedOptions& o, ImportSummary& summary) {
  if (o.has("questionnaire") && !o.has("sipas")) {
    throw UsageError("--questionnaire goes with --sipas");
  }
  MetricTable metrics;
  for (const std::string& f : o.values("metrics")) {
    load_metric_values_csv(std::filesystem::path(f), metrics);
  }
  for (const std::string& f : o.values("facts")) {
    load_metric_facts_csv(std::filesystem::path(f), metrics);
  }
  const auto responses_file = o.value("sipas");
  if (!responses_file) return metrics;
  const std::filesystem::path q = o.value("questionnaire")
                                      ? std::filesystem::path(*o.value("questionnaire"))
                                      : default_sipas_questionnaire();
  SipasLoadOptions load;
  load.strict = o.has("strict");
  const SipasResponses responses =
      SipasResponses::load_csv(*responses_file, SipasQuestionnaire::load_csv(q), load);
  summary.add(*responses_file, responses.report());
  SipasOptions options;
  options.by_unit = true;
  options.bootstrap_replicates = 0;  // the indices only: intervals are not scored
  add_sipas_metrics(metrics, compute_sipas(responses, options));
  return metrics;
}

std::pair<DayNumber, DayNumber> period_days(const ParsedOptions& o, const DossierData& data) {
  if (data.sample && !o.has("from") && !o.has("to")) {
    return {generator::kSampleReportFrom, generator::kSampleReportTo};
  }
  const DayNumber from = o.has("from") ? date_option(o, "from") : data.from;
  const DayNumber to = o.has("to") ? date_option(o, "to") : data.to;
  if (to < from) throw UsageError("--to is before --from");
  return {from, to};
}

ReportPeriod period_of(const ParsedOptions& o, const DossierData& data) {
  const auto [from, to] = period_days(o, data);
  std::optional<MinuteStamp> as_of;
  if (const auto a = o.value("as-of")) {
    as_of = parse_iso_datetime(*a);
    if (!as_of) throw UsageError(fmt::format("--as-of: '{}' is not YYYY-MM-DDTHH:MM", *a));
  }
  try {
    return ReportPeriod::of(from, to, as_of_for(from, to, as_of, data.horizon));
  } catch (const ArgumentError& e) {
    throw UsageError(e.reason());
  }
}

ReportFilter filter_of(const ParsedOptions& o, const UnitRegistry& units,
                       const ProcedureCatalog& procedures) {
  ReportFilter filter;
  for (const std::string& code : o.values("unit")) {
    const auto u = units.find(code);
    if (!u) throw UsageError(fmt::format("--unit: no unit has the code '{}'", code));
    filter.units.push_back(*u);
  }
  for (const std::string& level : o.values("level")) {
    bool known = false;
    for (std::size_t l = 0; l < units.level_count(); ++l) {
      known = known || units.level_name(static_cast<LevelId>(l)) == level;
    }
    if (!known) throw UsageError(fmt::format("--level: no unit has the level '{}'", level));
    filter.levels.push_back(level);
  }
  for (const std::string& field : o.values("field")) {
    bool known = false;
    for (ProcedureId p = 0; p < procedures.size(); ++p)
      known = known || procedures[p].field == field;
    if (!known) throw UsageError(fmt::format("--field: no procedure has the field '{}'", field));
    filter.fields.push_back(field);
  }
  for (const std::string& code : o.values("procedure")) {
    const auto p = procedures.find(code);
    if (!p) throw UsageError(fmt::format("--procedure: no procedure has the code '{}'", code));
    filter.procedures.push_back(*p);
  }
  for (const std::string& c : o.values("channel")) {
    if (c == "direct") {
      filter.channels.push_back(Channel::direct);
    } else if (c == "online") {
      filter.channels.push_back(Channel::online);
    } else if (c == "postal") {
      filter.channels.push_back(Channel::postal);
    } else {
      throw UsageError(fmt::format("--channel: '{}' is not direct, online or postal", c));
    }
  }
  return filter;
}

}  // namespace parmetrics::cli
