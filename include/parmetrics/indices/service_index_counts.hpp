#pragma once
// Item counts given directly (input (a) of the service index): a JSON document
//   {"units": [{"unit": CODE, "name": ..., "level": ..., "items": {CODE: [numerator,
//   denominator]}}]}
// as a provincial system exports them, or as read off the national portal. docs/index766.md
// describes every key.
//
// Thread-safety: parsers and loaders share nothing; results are values.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>

namespace parmetrics {

/// Scores a source published for a unit (group codes, item codes or "total" → points), kept to
/// compare with what the counts give.
struct PublishedScores {
  std::string unit;
  std::map<std::string, double, std::less<>> scores;
};

struct ServiceIndexCountsDocument {
  std::string source;  ///< where the counts come from (optional)
  std::string period;  ///< what period they cover (optional)
  std::vector<UnitCounts> units;
  std::vector<PublishedScores> published;  ///< for the units that carry "published"
};

/// Parses a counts document, checked against `methodology`: every item of the methodology present
/// for every unit, no unknown item, whole counts with numerator <= denominator, unit codes
/// unique. Throws DataError naming `origin`, the JSON path, the field and the reason.
PARMETRICS_API ServiceIndexCountsDocument parse_service_index_counts(
    std::string_view json, std::string_view origin, const ServiceIndexMethodology& methodology);
PARMETRICS_API ServiceIndexCountsDocument load_service_index_counts(
    const std::filesystem::path& file, const ServiceIndexMethodology& methodology);

}  // namespace parmetrics
