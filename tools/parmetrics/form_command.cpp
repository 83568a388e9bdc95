// parmetrics form: the official report forms (Biểu số 06/VPCP/KSTT, or a form file) over the
// same dossier inputs as `report`. docs/forms.md describes the forms, profiles and checks.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include <parmetrics/error.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/metrics.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "dossier_inputs.hpp"
#include "import_summary.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

constexpr FlagSpec kFlags[] = {{"form"},
                               {"form-file"},
                               {"dossiers", true, true},
                               {"portal", true, true},
                               {"events"},
                               {"units"},
                               {"procedures"},
                               {"from"},
                               {"to"},
                               {"as-of"},
                               {"by"},
                               {"profile"},
                               {"level", true, true},
                               {"threads"},
                               {"format"},
                               {"out"},
                               {"strict", false}};

FormDefinition definition_of(const ParsedOptions& o) {
  if (const auto file = o.value("form-file")) {
    if (o.has("form")) throw UsageError("--form and --form-file: give one");
    std::ifstream in(*file, std::ios::binary);
    if (!in) throw UsageError(fmt::format("--form-file: cannot read {}", *file));
    std::ostringstream text;
    text << in.rdbuf();
    return FormDefinition::parse(text.str(), *file);
  }
  const std::string id = o.value("form").value_or("vpcp-06");
  if (auto def = FormDefinition::builtin(id)) return std::move(*def);
  throw UsageError(fmt::format("--form: '{}' is not a form parmetrics ships (vpcp-06, vpcp-06a, handover-2025, register)", id));
}

}  // namespace

int run_form(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, kFlags);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const std::string format_name = o.value("format").value_or("table");
  FormFormat format = FormFormat::table;
  if (format_name == "csv") {
    format = FormFormat::csv;
  } else if (format_name == "markdown") {
    format = FormFormat::markdown;
  } else if (format_name != "table") {
    throw UsageError(fmt::format("--format: '{}' is not table, csv or markdown", format_name));
  }
  FormOptions options;
  const std::string by = o.value("by").value_or("unit");
  if (by == "unit") {
    options.by = FormGrouping::unit;
  } else if (by == "field") {
    options.by = FormGrouping::field;
  } else if (by == "level") {
    options.by = FormGrouping::level;
  } else {
    throw UsageError(fmt::format("--by: '{}' is not unit, field or level", by));
  }
  const std::string profile = o.value("profile").value_or("default");
  const auto policy = timeliness_profile(profile);
  if (!policy) throw UsageError(fmt::format("--profile: '{}' is not default or td", profile));
  options.policy = *policy;
  options.filter.levels = o.values("level");
  if (const auto t = o.value("threads")) {
    unsigned long n = 0;
    try {
      n = std::stoul(*t);
    } catch (const std::exception&) {
      throw UsageError(fmt::format("--threads: '{}' is not a whole number", *t));
    }
    options.threads = static_cast<unsigned>(std::min<unsigned long>(n, 1024));
  }
  const FormDefinition definition = definition_of(o);

  ImportSummary summary("form", err);
  const std::optional<DossierData> data = load_dossiers(o, true, summary);
  if (data->sample) fmt::print(err, "parmetrics form: no dossier file given: the bundled sample\n");
  options.period = period_of(o, *data);
  note_computed_years(data->calendar, options.period.from, options.period.to, "form", err);
  const Form form =
      compute_form(definition, data->store, data->units, data->procedures, data->calendar, options);
  const std::string text = format_form(form, format);
  if (const auto file = o.value("out")) {
    std::ofstream f(*file, std::ios::binary);
    f << text;
    if (!f.flush()) throw Error(fmt::format("cannot write {}", *file));
  } else {
    out << text;
  }
  return summary.exit_status();
}

}  // namespace parmetrics::cli
