#pragma once
// The metrics module: timeliness, apologies and digitisation of dossiers, aggregated into reports.
// Thread-safety: as each header of the module says: reports are pure functions of const inputs;
// a LiveReport needs its object to itself.

#include <parmetrics/metrics/comparison.hpp>
#include <parmetrics/metrics/live_report.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/processing_time.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/report_context.hpp>
#include <parmetrics/metrics/report_format.hpp>
#include <parmetrics/metrics/report_summary.hpp>
#include <parmetrics/metrics/timeliness.hpp>
