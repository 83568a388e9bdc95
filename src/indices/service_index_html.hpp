#pragma once
// The service index as one self-contained HTML page (service_index_output.hpp). Internal.

#include <span>
#include <string>

#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics::detail {

/// The units ranked by total (bars, by level), the points lost per item on average (bars), each
/// chart with its table, then each unit's groups and items.
std::string service_index_html(const ServiceIndexMethodology& m, std::span<const UnitScore> units,
                               Language language);

}  // namespace parmetrics::detail
