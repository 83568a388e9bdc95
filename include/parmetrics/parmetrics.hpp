#pragma once
// Everything parmetrics offers, in one include.
// Thread-safety: as each module's header says.

#include <parmetrics/calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/worklist.hpp>
#include <parmetrics/indices.hpp>
#include <parmetrics/io.hpp>
#include <parmetrics/metrics.hpp>
#include <parmetrics/model.hpp>
#include <parmetrics/text.hpp>
#include <parmetrics/thread_pool.hpp>
#include <parmetrics/version.hpp>
