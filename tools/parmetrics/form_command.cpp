// parmetrics form: the official report forms (Biểu số 06/VPCP/KSTT, II.06a, the 2025 forms, or a
// form file) and the register of dossiers, over the same dossier inputs as `report`; and
// parmetrics dossiers: the worklists. docs/forms.md describes the forms, profiles and checks.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include <parmetrics/error.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/worklist.hpp>
#include <parmetrics/forms/xlsx.hpp>
#include <parmetrics/metrics.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "dossier_inputs.hpp"
#include "flags.hpp"
#include "import_summary.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

std::string read_file(const std::string& flag, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError(fmt::format("--{}: cannot read {}", flag, file));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

enum class Output { table, csv, markdown, html, xlsx };

/// The output format; `form`: a form of counts, which also has Markdown and HTML.
Output output_of(const ParsedOptions& o, bool form) {
  const std::string f = o.value("format").value_or("table");
  if (f == "table") return Output::table;
  if (f == "csv") return Output::csv;
  if (f == "markdown" && form) return Output::markdown;
  if (f == "html" && form) return Output::html;
  if (f == "xlsx") {
    if (!o.has("out")) throw UsageError("--format xlsx: give the file with --out FILE");
    return Output::xlsx;
  }
  throw UsageError(
      fmt::format("--format: '{}' is not table, csv{} or xlsx", f, form ? ", markdown, html" : ""));
}

TimelinessPolicy policy_of(const ParsedOptions& o) {
  const std::string profile = o.value("profile").value_or("default");
  const auto policy = timeliness_profile(profile);
  if (!policy) throw UsageError(fmt::format("--profile: '{}' is not default or td", profile));
  return *policy;
}

void write_text(const ParsedOptions& o, std::ostream& out, const std::string& text) {
  if (const auto file = o.value("out")) {
    std::ofstream f(*file, std::ios::binary);
    f << text;
    if (!f.flush()) throw Error(fmt::format("cannot write {}", *file));
  } else {
    out << text;
  }
}

/// Loads the dossier inputs (or the sample), then the period and the filters.
struct Inputs {
  DossierData data;
  ReportPeriod period;
  ReportFilter filter;
};

Inputs load(const ParsedOptions& o, std::string_view command, ImportSummary& summary,
            std::ostream& err) {
  std::optional<DossierData> data = load_dossiers(o, true, summary);
  if (data->sample) {
    fmt::print(err, "parmetrics {}: no dossier file given: the bundled sample\n", command);
  }
  Inputs in{std::move(*data), {}, {}};
  in.period = period_of(o, in.data);
  in.filter = filter_of(o, in.data.units, in.data.procedures);
  note_computed_years(in.data.calendar, in.period.from, in.period.to, command, err);
  return in;
}

/// A list (a worklist or the register) in the format asked for.
void print_list(const ParsedOptions& o, Output format, const DossierList& list,
                const DossierListLayout& layout, const DossierData& data, std::ostream& out) {
  const Language language = language_arg(o);
  if (format == Output::xlsx) {
    write_xlsx(list, layout, data.units, data.procedures, *o.value("out"), language);
    return;
  }
  write_text(
      o, out,
      format_dossier_list(list, layout, data.units, data.procedures,
                          format == Output::csv ? DossierListFormat::csv : DossierListFormat::table,
                          language));
}

FormDefinition definition_of(const ParsedOptions& o, const std::string& id) {
  if (const auto file = o.value("form-file")) {
    if (o.has("form")) throw UsageError("--form and --form-file: give one");
    return FormDefinition::parse(read_file("form-file", *file), *file);
  }
  if (auto def = FormDefinition::builtin(id)) return std::move(*def);
  throw UsageError(fmt::format(
      "--form: '{}' is not a form parmetrics ships (vpcp-06, vpcp-06a, handover-2025, register)",
      id));
}

}  // namespace

int run_form(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::form);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const std::string id = o.value("form").value_or("vpcp-06");
  const bool reg = id == "register" && !o.has("form-file");
  const Output format = output_of(o, !reg);
  const TimelinessPolicy policy = policy_of(o);
  const std::string by = o.value("by").value_or("unit");
  FormGrouping grouping = FormGrouping::unit;
  if (by == "field") {
    grouping = FormGrouping::field;
  } else if (by == "level") {
    grouping = FormGrouping::level;
  } else if (by != "unit") {
    throw UsageError(fmt::format("--by: '{}' is not unit, field or level", by));
  }
  const std::optional<FormDefinition> definition =
      reg ? std::nullopt : std::optional<FormDefinition>(definition_of(o, id));
  unsigned threads = 0;
  if (const auto t = o.value("threads"))
    threads = static_cast<unsigned>(number_arg("threads", *t, 0, 1024));

  ImportSummary summary("form", err);
  const Inputs in = load(o, "form", summary, err);
  if (reg) {
    DossierListOptions lo;
    lo.period = in.period;
    lo.policy = policy;
    lo.filter = in.filter;
    lo.order = DossierListOrder::receipt;
    const DossierList list =
        list_dossiers(in.data.store, in.data.units, in.data.procedures, in.data.calendar, lo);
    print_list(o, format, list, *DossierListLayout::builtin("register"), in.data, out);
    return summary.exit_status();
  }
  FormOptions options;
  options.period = in.period;
  options.by = grouping;
  options.policy = policy;
  options.filter = in.filter;
  options.threads = threads;
  options.reporting_unit = o.value("reporting-unit").value_or("");
  options.receiving_unit = o.value("receiving-unit").value_or("");
  const Form form = compute_form(*definition, in.data.store, in.data.units, in.data.procedures,
                                 in.data.calendar, options);
  if (format == Output::xlsx) {
    write_xlsx(form, *o.value("out"), language_arg(o));
  } else {
    write_text(o, out,
               format_form(form,
                           format == Output::csv        ? FormFormat::csv
                           : format == Output::markdown ? FormFormat::markdown
                           : format == Output::html     ? FormFormat::html
                                                        : FormFormat::table,
                           language_arg(o)));
  }
  return summary.exit_status();
}

int run_dossiers(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::dossier_list);
  DossierListOptions lo;
  const std::string status = o.value("status").value_or("all");
  const auto s = parse_dossier_list_status(status);
  if (!s) {
    throw UsageError(fmt::format(
        "--status: '{}' is not late, overdue, due-within, apology-missing, pending or all",
        status));
  }
  lo.status = *s;
  // "--status due-within 2d", as the synopsis writes it, or "--within 2d".
  std::optional<std::string> within = o.value("within");
  std::size_t positional = 0;
  if (lo.status == DossierListStatus::due_within && !within && !o.positional().empty()) {
    within = o.positional()[0];
    positional = 1;
  }
  if (o.positional().size() > positional) {
    throw UsageError("unexpected argument '" + o.positional()[positional] + "'");
  }
  if (within) {
    if (lo.status != DossierListStatus::due_within) {
      throw UsageError("--within: only with --status due-within");
    }
    try {
      lo.due_within = StatutoryTime::parse(*within);
    } catch (const std::exception& e) {
      throw UsageError(fmt::format("due-within: '{}': {}", *within, e.what()));
    }
  }
  const Output format = output_of(o, false);
  lo.policy = policy_of(o);
  DossierListLayout layout;
  if (const auto file = o.value("layout-file")) {
    layout = DossierListLayout::parse(read_file("layout-file", *file), *file);
  } else {
    layout = *DossierListLayout::builtin("worklist");
  }

  ImportSummary summary("dossiers", err);
  const Inputs in = load(o, "dossiers", summary, err);
  lo.period = in.period;
  lo.filter = in.filter;
  const DossierList list =
      list_dossiers(in.data.store, in.data.units, in.data.procedures, in.data.calendar, lo);
  print_list(o, format, list, layout, in.data, out);
  return summary.exit_status();
}

}  // namespace parmetrics::cli
