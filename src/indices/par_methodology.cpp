// PAR INDEX methodologies are scorecard methodologies: this is their PAR-named door.

#include <parmetrics/indices/par_methodology.hpp>

namespace parmetrics {

ParMethodology::ParMethodology(scorecard::Methodology methodology) : m_(std::move(methodology)) {}

ParMethodology ParMethodology::parse(std::string_view json, std::string_view origin) {
  return ParMethodology(scorecard::parse_methodology(json, origin));
}

ParMethodology ParMethodology::load(const std::filesystem::path& file) {
  return ParMethodology(scorecard::load_methodology(file));
}

void ParMethodology::check_metrics(const MetricTable& table) const {
  scorecard::check_metrics(m_, table);
}

}  // namespace parmetrics
