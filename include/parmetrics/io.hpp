#pragma once
// The io module: importers of the native CSV files and of the national portal's sync records.
//
// Thread-safety: as each importer's header says: an import writes its registry and store alone;
// imports into different stores may run at once.

#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/io/portal_import.hpp>
#include <parmetrics/io/units_layer.hpp>
