#pragma once
// The appraised points of PAR INDEX criteria (điểm thẩm định) under their PAR names: the
// scorecard engine's Appraisals (indices/scorecard/appraisals.hpp).

#include <parmetrics/indices/scorecard/appraisals.hpp>

namespace parmetrics {

using ParScore = scorecard::Appraisal;
using ParScores = scorecard::Appraisals;

}  // namespace parmetrics
