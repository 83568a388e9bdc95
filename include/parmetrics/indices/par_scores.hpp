#pragma once
// The appraised points of PAR INDEX criteria (điểm thẩm định) under their PAR names: the
// scorecard engine's Appraisals (indices/scorecard/appraisals.hpp).
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <parmetrics/indices/scorecard/appraisals.hpp>

namespace parmetrics {

using ParScore = scorecard::Appraisal;
using ParScores = scorecard::Appraisals;

}  // namespace parmetrics
