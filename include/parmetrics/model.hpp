#pragma once
// The model module: units, procedures, dossiers, their columnar store and the live store.

#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_check.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/live_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>
