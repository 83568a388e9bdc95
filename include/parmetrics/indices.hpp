#pragma once
// The indices module: the QĐ 766 service index, PAR INDEX, SIPAS satisfaction and directive
// targets.
//
// Thread-safety: as each header of the module says.

#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/par_index.hpp>
#include <parmetrics/indices/par_methodology.hpp>
#include <parmetrics/indices/par_scores.hpp>
#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_derive.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/indices/service_index_output.hpp>
#include <parmetrics/indices/sipas.hpp>
#include <parmetrics/indices/sipas_questionnaire.hpp>
#include <parmetrics/indices/sipas_responses.hpp>
#include <parmetrics/indices/sipas_statistics.hpp>
#include <parmetrics/indices/target.hpp>
#include <parmetrics/indices/target_check.hpp>
