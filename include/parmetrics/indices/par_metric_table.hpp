#pragma once
// The metric table under its former name: indices/metric_table.hpp.
//
// Thread-safety: as indices/metric_table.hpp.

#include <parmetrics/indices/metric_table.hpp>
