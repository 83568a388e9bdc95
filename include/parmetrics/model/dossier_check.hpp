#pragma once
// Consistency of a dossier on its own and against the units and procedures it names: the rules
// the importers apply to every record (docs/formats.md), for programs that build dossiers
// themselves before appending them to a DossierStore.
//
// Thread-safety: the checks only read the dossier, units and procedures; safe to call
// concurrently on const inputs.

#include <optional>
#include <string>

#include <parmetrics/export.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

/// What is wrong with a dossier: the field at fault, with the native CSV's column names
/// (`ended_at`, `appointment_at`, `supplements[1].completed`, …), and why, in the importers' words
/// ("end before receipt").
struct DossierProblem {
  std::string field;
  std::string reason;
  friend bool operator==(const DossierProblem&, const DossierProblem&) = default;
};

/// The first problem of `dossier`, or nullopt: empty code; unknown unit or procedure; end,
/// returned time or appointment before receipt; a supplement request or an apology before receipt
/// or after the end; a supplement completed before it was requested or after the end; a new
/// appointment before its apology. Times equal to receipt or end are allowed. What is only
/// missing is no problem (docs/formats.md, "reject only what cannot be placed"): without an
/// appointment or a statutory time to compute one, or with an end kind but no end time, the
/// dossier is kept and not judged for timeliness (Timeliness::no_appointment, end_unknown).
PARMETRICS_API std::optional<DossierProblem> check_dossier(const Dossier& dossier,
                                                           const UnitRegistry& units,
                                                           const ProcedureCatalog& procedures);

}  // namespace parmetrics
