#pragma once
// Everything parmetrics offers, in one include.

#include <parmetrics/calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/model.hpp>
#include <parmetrics/version.hpp>
