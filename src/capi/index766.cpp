// pm_index766: the QĐ 766 service index (parmetrics index766), from the context's dossiers and
// facts, or from item counts given in the options.

#include <fmt/format.h>

#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_derive.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/indices/service_index_output.hpp>
#include <parmetrics/model/live_store.hpp>
#include <parmetrics/text/language.hpp>

#include "capi/capi.hpp"

namespace parmetrics::capi {

std::string index766(const Data& c, const char* options_json, std::string_view caller) {
  Options o(options_json, std::string_view(fmt::format("{} options", caller)));
  const ServiceIndexMethodology methodology =
      document(
          o, "methodology",
          [](const std::string& text, const std::string& origin) {
            return parse_service_index_methodology(text, origin);
          },
          [](const std::string& file) { return load_service_index_methodology(file); })
          .value_or(qd766_portal_methodology());
  const auto counts = document(
      o, "counts",
      [&](const std::string& text, const std::string& origin) {
        return parse_service_index_counts(text, origin, methodology);
      },
      [&](const std::string& file) { return load_service_index_counts(file, methodology); });
  const std::string name = read_format(o, {"json", "csv", "table", "html"});
  const ServiceIndexFormat format = name == "json"   ? ServiceIndexFormat::json
                                    : name == "csv"  ? ServiceIndexFormat::csv
                                    : name == "html" ? ServiceIndexFormat::html
                                                     : ServiceIndexFormat::table;
  if (counts) {
    for (const std::string_view key : {"from", "to", "as_of", "filters", "by", "own"}) {
      if (o.has(key)) o.fail(key, "goes with the context's dossiers, not with counts");
    }
    Language language = Language::vi;
    if (const auto l = o.choice("language", {"vi", "en"})) language = *parse_language(*l);
    o.done();
    return format_service_index(methodology, score_units(methodology, counts->units), format,
                                language);
  }
  const Scope scope = read_scope(o, c, true);
  if (!scope.filter.empty()) o.fail("filters", "the index is computed for every unit");
  ServiceIndexDeriveOptions derive;
  derive.period = scope.period;
  derive.roll_up = !o.flag("own").value_or(false);
  const std::string by = o.choice("by", {"unit", "procedure"}).value_or("unit");
  if (by == "procedure" && format == ServiceIndexFormat::html) {
    o.fail("format", "html is for \"by\": \"unit\"");
  }
  o.done();
  const DerivedServiceIndex derived = c.on_dossiers([&](const auto& dossiers) {
    return derive_service_index(dossiers, c.units, c.procedures, c.calendar, c.facts, derive);
  });
  if (by == "procedure") {
    return format_service_index_drilldown(methodology, derived.by_procedure, format);
  }
  return format_service_index(
      methodology, score_units(methodology, derived_counts_for(methodology, derived.units)), format,
      scope.language);
}

}  // namespace parmetrics::capi

using namespace parmetrics::capi;

extern "C" {

PM_API pm_status pm_index766(pm_context* context, const char* options_json, char** out_text) {
  return result(context, out_text,
                [&](const pm_context& c) { return index766(c, options_json, "pm_index766"); });
}

}  // extern "C"
