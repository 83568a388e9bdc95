#pragma once
// The service index as a table (for people), CSV (one row per unit) or JSON (everything).
// CSV: header "unit,<group codes>,total,rank,ranked,level,grade,name,<item codes>" — with the
// portal profile it starts "unit,transparency,progress,online,payment,satisfaction,digitisation,
// total" — scores with the methodology's decimals. docs/index766.md shows each format.

#include <span>
#include <string>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_derive.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>

namespace parmetrics {

enum class ServiceIndexFormat { table, csv, json };

/// Renders scored units (in the order given).
PARMETRICS_API std::string format_service_index(const ServiceIndexMethodology& methodology,
                                                std::span<const UnitScore> units,
                                                ServiceIndexFormat format);

/// The drill-down by procedure: for each unit, each dossier-based item of the methodology and each
/// procedure with something to count, the counts, the ratio and how many missed (denominator −
/// numerator), the procedures that missed most first. CSV header:
/// "unit,procedure,item,numerator,denominator,ratio,missed,name".
PARMETRICS_API std::string format_service_index_drilldown(
    const ServiceIndexMethodology& methodology, std::span<const ProcedureCounts> procedures,
    ServiceIndexFormat format);

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
PARMETRICS_API std::string csv_field(std::string_view value);

}  // namespace parmetrics
