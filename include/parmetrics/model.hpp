#pragma once
// The model module: units, procedures, dossiers, their columnar store and the live store.
// Thread-safety: as each header of the module says: const stores and registries may be shared;
// a live store takes calls from any thread (its writes one at a time), its snapshots are immutable.

#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_check.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/live_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>
