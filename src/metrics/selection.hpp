#pragma once
// Which dossiers a ReportFilter lets through, as tables by unit, procedure and channel, so that
// the report's scan and the worklists (forms/worklist.hpp) select by the very same rules.
// Internal.

#include <cstdint>
#include <vector>

#include <parmetrics/metrics/report.hpp>

namespace parmetrics::detail {

struct Selection {
  /// Per unit id: the filter's units (with their subtrees unless `subtrees` is off).
  std::vector<bool> in_units;
  /// Per unit id: in_units and of the filter's levels.
  std::vector<bool> unit;
  /// Per procedure id, then one for a dossier with no procedure: the procedure and field filters.
  std::vector<bool> procedure;
  /// Bit 1 << Channel of each channel let through.
  std::uint8_t channels = 0b111;
  /// Some filter is on procedures or fields: the procedure column decides.
  bool by_procedure = false;
};

/// Checks the filter's ids (ArgumentError for an unknown one, `what` naming the caller).
Selection select(const UnitRegistry& units, const ProcedureCatalog& procedures,
                 const ReportFilter& filter, const char* what);

}  // namespace parmetrics::detail
