#pragma once
// Scorecard results as one self-contained HTML page (output.hpp). Internal.

#include <string>

#include <parmetrics/indices/scorecard/output.hpp>

namespace parmetrics::detail {

std::string scorecard_html(const scorecard::Methodology& m, const scorecard::Results& results,
                           scorecard::Report report, Language language);

}  // namespace parmetrics::detail
