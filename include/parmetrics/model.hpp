#pragma once
// The model module: units, procedures, dossiers and their columnar store.

#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_check.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>
