#pragma once
// The service index as a table (for people), CSV (one row per unit) or JSON (everything).
// CSV: header "unit,<group codes>,total,rank,ranked,level,grade,name,<item codes>" — with the
// portal profile it starts "unit,transparency,progress,online,payment,satisfaction,digitisation,
// total" — scores with the methodology's decimals. docs/index766.md shows each format.
//
// Thread-safety: formatters of const scores; safe to call concurrently.

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_derive.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics {

enum class ServiceIndexFormat { table, csv, json, html };

/// Renders scored units (in the order given). The table and HTML are in `language`: labels from
/// the message catalogue, numbers as the language writes them (the item codes and names as the
/// methodology gives them); HTML is one self-contained page with the units ranked and the points
/// lost per item as charts, each with its table.
PARMETRICS_API std::string format_service_index(const ServiceIndexMethodology& methodology,
                                                std::span<const UnitScore> units,
                                                ServiceIndexFormat format,
                                                Language language = Language::en);

/// The drill-down by procedure: for each unit, each dossier-based item of the methodology and each
/// procedure with something to count, the counts, the ratio and how many missed (denominator −
/// numerator), the procedures that missed most first. CSV header:
/// "unit,procedure,item,numerator,denominator,ratio,missed,name". Text, CSV or JSON; html throws
/// ArgumentError (the page is for units).
PARMETRICS_API std::string format_service_index_drilldown(
    const ServiceIndexMethodology& methodology, std::span<const ProcedureCounts> procedures,
    ServiceIndexFormat format);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a ServiceIndexFormat: "table", …
PARMETRICS_API std::string_view to_string(ServiceIndexFormat value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, ServiceIndexFormat value);

}  // namespace parmetrics
