// pm_form and pm_dossiers: the official forms, the register and the worklists (parmetrics form,
// parmetrics dossiers), as JSON or in the formats the CLI writes.

#include <fmt/format.h>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/worklist.hpp>
#include <parmetrics/model/live_store.hpp>

#include "capi/capi.hpp"

namespace parmetrics::capi {

namespace {

std::string dump(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

nlohmann::ordered_json period_json(const ReportPeriod& p) {
  return {{"from", format_iso_date(p.from)},
          {"to", format_iso_date(p.to)},
          {"as_of", format_iso_datetime(p.as_of)}};
}

/// A built-in definition by id ("form", "layout"), or the caller's JSON text
/// ("form_definition", "layout_definition").
template <class Definition>
Definition definition_of(Options& o, std::string_view id_key, std::string_view text_key,
                         const std::string& fallback) {
  if (const auto text = o.text(text_key)) {
    if (o.has(id_key))
      o.fail(text_key, fmt::format("give \"{}\" or \"{}\", not both", id_key, text_key));
    return Definition::parse(*text, text_key);
  }
  const std::string id = o.text(id_key).value_or(fallback);
  auto builtin = Definition::builtin(id);
  if (!builtin) {
    throw UsageError(PM_USAGE_NOT_FOUND,
                     fmt::format("{}: '{}' is not one parmetrics ships", id_key, id));
  }
  return std::move(*builtin);
}

// The fields of a dossier in a list's JSON, in the order of the header's description.
constexpr std::string_view kListFields[] = {
    "code",           "unit",     "unit_name", "procedure",   "procedure_name",
    "field",          "channel",  "received",  "appointment", "effective_appointment",
    "ended",          "returned", "status",    "late",        "apology",
    "new_appointment"};

std::string list_text(const Data& c, const DossierList& list, const DossierListLayout& layout,
                      const std::string& format, Language language) {
  if (format != "json") {
    return format_dossier_list(list, layout, c.units, c.procedures,
                               format == "csv" ? DossierListFormat::csv : DossierListFormat::table,
                               language);
  }
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < list.rows.size(); ++i) {
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (const std::string_view field : kListFields) {
      const std::string cell =
          dossier_list_cell(list.rows[i], i + 1, field, c.units, c.procedures, true);
      const std::string key = field == "late" ? "late_minutes" : std::string(field);
      if (cell.empty()) {
        row[key] = nullptr;
      } else if (field == "late") {
        row[key] = *list.rows[i].late_minutes;
      } else {
        row[key] = cell;
      }
    }
    rows.push_back(std::move(row));
  }
  nlohmann::ordered_json j = {{"status", to_string(list.options.status)}};
  j.update(period_json(list.options.period));
  j["count"] = list.rows.size();
  j["dossiers"] = std::move(rows);
  return dump(j);
}

std::string form_json(const Form& form, Language language) {
  const FormDefinition& d = form.definition;
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (const FormColumn& col : d.columns) {
    if (col.kind == FormColumn::Kind::count) {
      columns.push_back({{"key", col.key}, {"number", col.number}, {"label", col.label}});
    }
  }
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  constexpr std::string_view kKinds[] = {"section", "group", "total"};
  for (const FormRow& row : form.rows) {
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < d.columns.size(); ++i) {
      if (d.columns[i].kind == FormColumn::Kind::count) values[d.columns[i].key] = row.values[i];
    }
    rows.push_back({{"kind", kKinds[static_cast<std::size_t>(row.kind)]},
                    {"stt", row.stt},
                    {"key", row.key},
                    {"label", row.label},
                    {"section", row.section},
                    {"values", std::move(values)}});
  }
  nlohmann::ordered_json j = {{"form", d.id}, {"code", d.code}};
  j.update(period_json(form.options.period));
  j["reporting_unit"] = form.reporting_unit;
  j["columns"] = std::move(columns);
  j["rows"] = std::move(rows);
  j["notes"] = form_notes(form, language);
  return dump(j);
}

}  // namespace

std::string form(const Data& c, const char* options_json, std::string_view caller) {
  Options o(options_json, std::string_view(fmt::format("{} options", caller)));
  const Scope scope = read_scope(o, c);
  const TimelinessPolicy policy = read_profile(o);
  const std::string by = o.choice("by", {"unit", "field", "level"}).value_or("unit");
  if (o.text("form").value_or("") == "register" && !o.has("form_definition")) {
    const std::string format = read_format(o, {"json", "csv", "table"});
    o.done();
    DossierListOptions lo;
    lo.period = scope.period;
    lo.policy = policy;
    lo.filter = scope.filter;
    lo.order = DossierListOrder::receipt;
    const DossierList list = c.on_dossiers([&](const auto& dossiers) {
      return list_dossiers(dossiers, c.units, c.procedures, c.calendar, lo);
    });
    return list_text(c, list, *DossierListLayout::builtin("register"), format, scope.language);
  }
  const auto definition = definition_of<FormDefinition>(o, "form", "form_definition", "vpcp-06");
  FormOptions options;
  options.period = scope.period;
  options.by = by == "field"   ? FormGrouping::field
               : by == "level" ? FormGrouping::level
                               : FormGrouping::unit;
  options.policy = policy;
  options.filter = scope.filter;
  options.threads = scope.threads;
  options.reporting_unit = o.text("reporting_unit").value_or("");
  options.receiving_unit = o.text("receiving_unit").value_or("");
  const std::string format = read_format(o, {"json", "csv", "table", "markdown", "html"});
  o.done();
  const Form f = c.on_dossiers([&](const auto& dossiers) {
    return compute_form(definition, dossiers, c.units, c.procedures, c.calendar, options);
  });
  if (format == "json") return form_json(f, scope.language);
  return format_form(f,
                     format == "csv"        ? FormFormat::csv
                     : format == "markdown" ? FormFormat::markdown
                     : format == "html"     ? FormFormat::html
                                            : FormFormat::table,
                     scope.language);
}

std::string dossiers(const Data& c, const char* options_json, std::string_view caller) {
  Options o(options_json, std::string_view(fmt::format("{} options", caller)));
  const Scope scope = read_scope(o, c);
  DossierListOptions lo;
  lo.period = scope.period;
  lo.filter = scope.filter;
  lo.policy = read_profile(o);
  const std::string status = o.text("status").value_or("all");
  const auto s = parse_dossier_list_status(status);
  if (!s) {
    o.fail("status", fmt::format("'{}' is not late, overdue, due-within, apology-missing, "
                                 "pending or all",
                                 status));
  }
  lo.status = *s;
  if (const auto within = o.text("within")) {
    if (lo.status != DossierListStatus::due_within) o.fail("within", "only with due-within");
    try {
      lo.due_within = StatutoryTime::parse(*within);
    } catch (const std::exception& e) {
      o.fail("within", fmt::format("'{}': {}", *within, e.what()));
    }
  }
  const auto layout =
      definition_of<DossierListLayout>(o, "layout", "layout_definition", "worklist");
  const std::string format = read_format(o, {"json", "csv", "table"});
  o.done();
  const DossierList list = c.on_dossiers([&](const auto& dossiers) {
    return list_dossiers(dossiers, c.units, c.procedures, c.calendar, lo);
  });
  return list_text(c, list, layout, format, scope.language);
}

}  // namespace parmetrics::capi

using namespace parmetrics::capi;

extern "C" {

PM_API pm_status pm_form(pm_context* context, const char* options_json, char** out_text) {
  return result(context, out_text,
                [&](const pm_context& c) { return form(c, options_json, "pm_form"); });
}

PM_API pm_status pm_dossiers(pm_context* context, const char* options_json, char** out_text) {
  return result(context, out_text,
                [&](const pm_context& c) { return dossiers(c, options_json, "pm_dossiers"); });
}

}  // extern "C"
