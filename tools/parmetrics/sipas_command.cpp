// parmetrics sipas: SIPAS satisfaction indices (Chỉ số hài lòng) from survey responses, or the
// sample size for a margin of error. Formats and rules: docs/sipas.md.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/sipas.hpp>
#include <parmetrics/io/csv_field.hpp>

#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "dossier_inputs.hpp"
#include "flags.hpp"
#include "import_summary.hpp"
#include "json_text.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

std::uint64_t parse_unsigned(std::string_view flag, const std::string& text, std::uint64_t max) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || v > max) {
    throw UsageError(fmt::format("--{}: '{}' is not a whole number from 0 to {}", flag, text, max));
  }
  return v;
}

/// "0.05" or "5%".
double parse_margin(const std::string& text) {
  std::string_view s = text;
  const bool percent = s.ends_with('%');
  if (percent) s.remove_suffix(1);
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
    throw UsageError(fmt::format("--margin: '{}' is not a number (e.g. 0.05 or 5%)", text));
  }
  if (percent) v /= 100.0;
  if (!(v > 0.0 && v < 1.0)) {
    throw UsageError(fmt::format("--margin: '{}' must be between 0 and 1 (or 0% and 100%)", text));
  }
  return v;
}

/// A fraction as a percentage with 2 decimals, "" when not available.
/// "83.00" → "83,00": a number as Vietnamese writes it (these have no thousands).
std::string comma(std::string text) {
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string pct(bool available, double fraction) {
  return available ? fmt::format("{:.2f}", fraction * 100.0) : std::string();
}
std::string score(bool available, double value) {
  return available ? fmt::format("{:.2f}", value) : std::string();
}
std::string json_pct(bool available, double fraction) {
  return available ? fmt::format("{:.2f}", fraction * 100.0) : std::string("null");
}
std::string json_score(bool available, double value) {
  return available ? fmt::format("{:.2f}", value) : std::string("null");
}

void write_csv(std::ostream& out, const SipasResult& result, const SipasQuestionnaire& q) {
  fmt::print(out,
             "group,element,respondents,satisfied_share,ci_low,ci_high,weighted_score,"
             "valid_answers,name\n");
  // Without bootstrap replicates, elements and overall have no interval: empty cells.
  const bool interval = result.bootstrap_replicates != 0;
  for (const auto& g : result.groups) {
    auto row = [&](std::string_view element, std::uint64_t respondents, const SipasEstimate& e,
                   std::uint64_t valid, std::string_view name) {
      fmt::print(out, "{},{},{},{},{},{},{},{},{}\n", csv_field(g.group), element, respondents,
                 pct(e.available, e.satisfied_share), pct(e.available && interval, e.ci_low),
                 pct(e.available && interval, e.ci_high), score(e.available, e.weighted_score),
                 valid, csv_field(name));
    };
    for (const auto& el : g.elements) {
      row(el.code, el.respondents, el.estimate, el.valid_answers, q.elements()[el.element].name);
    }
    row("overall", g.respondents, g.overall, g.valid_answers, "");
  }
}

void write_items_csv(std::ostream& out, const SipasResult& result, const SipasQuestionnaire& q) {
  fmt::print(out,
             "group,item,element,respondents,valid_answers,no_opinion,satisfied,satisfied_share,"
             "ci_low,ci_high,weighted_score,answers_1,answers_2,answers_3,answers_4,answers_5\n");
  for (const auto& g : result.groups) {
    for (const auto& el : g.elements) {
      for (const auto& it : el.items) {
        const SipasEstimate& e = it.estimate;
        fmt::print(out, "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(g.group),
                   q.items()[it.item].id, el.code, it.respondents, it.valid_answers, it.no_opinion,
                   it.satisfied, pct(e.available, e.satisfied_share), pct(e.available, e.ci_low),
                   pct(e.available, e.ci_high), score(e.available, e.weighted_score), it.counts[0],
                   it.counts[1], it.counts[2], it.counts[3], it.counts[4]);
      }
    }
  }
}

void write_table(std::ostream& out, const SipasResult& result, const SipasQuestionnaire& q,
                 bool items, Language l) {
  const bool bootstrap = result.bootstrap_replicates != 0;
  // Vietnamese writes decimals with a comma.
  const auto local = [&](std::string text) { return l == Language::vi ? comma(text) : text; };
  const auto head = [&](std::string_view c) {
    return std::string(message(fmt::format("sipas.column.{}", c), l));
  };
  std::size_t width = 5;
  for (const auto& g : result.groups) width = std::max(width, g.group.size());
  out << message("sipas.title", l,
                 {{"replicates", std::to_string(result.bootstrap_replicates)},
                  {"seed", std::to_string(result.seed)}})
      << '\n';
  fmt::print(out, "{:<{}}  {:<8} {:>11} {:>10} {:>17} {:>9} {:>7}  {}\n", head("group"), width,
             head("element"), head("respondents"), head("satisfied"), head("interval"),
             head("weighted"), head("valid"), head("name"));
  auto row = [&](const std::string& group, std::string_view element, std::uint64_t respondents,
                 const SipasEstimate& e, std::uint64_t valid, std::string_view name,
                 bool has_interval) {
    const std::string interval =
        e.available && has_interval
            ? local(fmt::format("{:.2f} – {:.2f}", e.ci_low * 100.0, e.ci_high * 100.0))
            : std::string("-");
    fmt::print(out, "{:<{}}  {:<8} {:>11} {:>10} {:>17} {:>9} {:>7}  {}\n", group, width, element,
               respondents, e.available ? local(pct(true, e.satisfied_share)) : "-", interval,
               e.available ? local(score(true, e.weighted_score)) : "-", valid, name);
  };
  for (const auto& g : result.groups) {
    for (const auto& el : g.elements) {
      row(g.group, el.code, el.respondents, el.estimate, el.valid_answers,
          q.elements()[el.element].name, bootstrap);
      if (!items) continue;
      for (const auto& it : el.items) {
        row(g.group, "  " + q.items()[it.item].id, it.respondents, it.estimate, it.valid_answers,
            q.items()[it.item].text, true);
      }
    }
    row(g.group, head("overall"), g.respondents, g.overall, g.valid_answers, "", bootstrap);
  }
}

void write_json(std::ostream& out, const SipasResult& result, const SipasResponses& responses) {
  const SipasQuestionnaire& q = responses.questionnaire();
  const SipasLoadReport& r = responses.report();
  const bool bootstrap = result.bootstrap_replicates != 0;
  auto estimate = [](const SipasEstimate& e, bool interval) {
    return fmt::format(
        "\"satisfied_share\": {}, \"ci_low\": {}, \"ci_high\": {}, \"weighted_score\": {}",
        json_pct(e.available, e.satisfied_share), json_pct(e.available && interval, e.ci_low),
        json_pct(e.available && interval, e.ci_high), json_score(e.available, e.weighted_score));
  };
  fmt::print(out, "{{\n  \"unit_of_shares\": \"percent\",\n");
  fmt::print(out, "  \"bootstrap\": {{\"replicates\": {}, \"seed\": {}, \"confidence\": 0.95}},\n",
             result.bootstrap_replicates, result.seed);
  fmt::print(
      out,
      "  \"import\": {{\"read\": {}, \"loaded\": {}, \"rejected\": {}, \"no_opinion\": {}}},\n",
      r.read, r.loaded, r.rejected, r.no_opinion);
  fmt::print(out, "  \"groups\": [");
  for (std::size_t gi = 0; gi < result.groups.size(); ++gi) {
    const auto& g = result.groups[gi];
    fmt::print(out, "{}\n    {{\"group\": {}, \"respondents\": {}, \"valid_answers\": {}, ",
               gi ? "," : "", json_string(g.group), g.respondents, g.valid_answers);
    fmt::print(out, "\"no_opinion\": {}, \"undefined_replicates\": {},\n", g.no_opinion,
               g.undefined_replicates);
    fmt::print(out, "     \"overall\": {{{}}},\n     \"elements\": [",
               estimate(g.overall, bootstrap));
    for (std::size_t ei = 0; ei < g.elements.size(); ++ei) {
      const auto& el = g.elements[ei];
      fmt::print(out,
                 "{}\n      {{\"element\": {}, \"name\": {}, \"respondents\": {}, "
                 "\"valid_answers\": {}, {},\n       \"items\": [",
                 ei ? "," : "", json_string(el.code), json_string(q.elements()[el.element].name),
                 el.respondents, el.valid_answers, estimate(el.estimate, bootstrap));
      for (std::size_t ii = 0; ii < el.items.size(); ++ii) {
        const auto& it = el.items[ii];
        fmt::print(out,
                   "{}\n        {{\"item\": {}, \"respondents\": {}, \"valid_answers\": {}, "
                   "\"no_opinion\": {}, \"answers\": [{}, {}, {}, {}, {}], {}}}",
                   ii ? "," : "", json_string(q.items()[it.item].id), it.respondents,
                   it.valid_answers, it.no_opinion, it.counts[0], it.counts[1], it.counts[2],
                   it.counts[3], it.counts[4], estimate(it.estimate, true));
      }
      fmt::print(out, "]}}");
    }
    fmt::print(out, "]}}");
  }
  fmt::print(out, "\n  ]\n}}\n");
}

int sample_size_mode(const ParsedOptions& opts, OutputFormat format, std::ostream& out) {
  const std::uint64_t population =
      parse_unsigned("population", opts.required("population"), 1'000'000'000'000ULL);
  if (population == 0) throw UsageError("--population must be at least 1");
  const double margin = parse_margin(opts.value("margin").value_or("0.05"));
  const std::uint64_t n = sipas_sample_size(population, margin);
  if (format == OutputFormat::csv) {
    fmt::print(out, "population,margin,sample_size\n{},{},{}\n", population, margin, n);
  } else if (format == OutputFormat::json) {
    fmt::print(out, "{{\"population\": {}, \"margin\": {}, \"sample_size\": {}}}\n", population,
               margin, n);
  } else {
    const Language l = language_arg(opts);
    const std::string e = fmt::format("{}", margin * 100.0);
    const auto count = [&](std::uint64_t v) {
      return l == Language::vi ? format_count(static_cast<std::int64_t>(v), l) : std::to_string(v);
    };
    out << message("sipas.sample_size", l,
                   {{"population", count(population)},
                    {"margin", l == Language::vi ? comma(e) : e},
                    {"n", count(n)}})
        << '\n';
  }
  return kExitOk;
}

}  // namespace

int run_sipas(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions opts(args, flags::sipas_survey);
  if (!opts.positional().empty()) {
    throw UsageError("unexpected argument '" + opts.positional().front() + "'");
  }
  const OutputFormat format = output_format(opts);
  if (opts.has("population") || opts.has("margin")) {
    if (opts.has("responses")) {
      throw UsageError("--population/--margin compute a sample size and take no --responses");
    }
    return sample_size_mode(opts, format, out);
  }

  SipasOptions options;
  if (const auto by = opts.value("by")) {
    if (*by != "unit") throw UsageError("--by takes only 'unit', not '" + *by + "'");
    options.by_unit = true;
  }
  if (const auto seed = opts.value("seed")) {
    options.seed = parse_unsigned("seed", *seed, UINT64_MAX);
  }
  if (const auto b = opts.value("bootstrap")) {
    options.bootstrap_replicates =
        static_cast<std::uint32_t>(parse_unsigned("bootstrap", *b, 1'000'000));
  }
  const bool items = opts.has("items");
  if (items && format == OutputFormat::json)
    throw UsageError("--items is for table and csv (json has items)");

  const std::string responses_file = opts.required("responses");
  const std::filesystem::path questionnaire_file =
      opts.value("questionnaire") ? std::filesystem::path(*opts.value("questionnaire"))
                                  : default_sipas_questionnaire();
  SipasLoadOptions load;
  load.strict = opts.has("strict");
  SipasQuestionnaire questionnaire = SipasQuestionnaire::load_csv(questionnaire_file);
  const SipasResponses responses =
      SipasResponses::load_csv(responses_file, std::move(questionnaire), load);

  ImportSummary summary("sipas", err);
  summary.add(responses_file, responses.report());

  const SipasResult result = compute_sipas(responses, options);
  const SipasQuestionnaire& q = responses.questionnaire();
  if (format == OutputFormat::csv) {
    items ? write_items_csv(out, result, q) : write_csv(out, result, q);
  } else if (format == OutputFormat::json) {
    write_json(out, result, responses);
  } else {
    write_table(out, result, q, items, language_arg(opts));
  }
  return summary.exit_status();
}

}  // namespace parmetrics::cli
