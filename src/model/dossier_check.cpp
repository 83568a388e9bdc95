#include <parmetrics/model/dossier_check.hpp>

#include <fmt/format.h>

namespace parmetrics {

std::optional<DossierProblem> check_dossier(const Dossier& d, const UnitRegistry& units,
                                            const ProcedureCatalog& procedures) {
  const auto problem = [](std::string field, std::string reason) {
    return std::optional<DossierProblem>(DossierProblem{std::move(field), std::move(reason)});
  };
  if (d.code.empty()) return problem("code", "required value missing");
  if (d.unit >= units.size()) return problem("unit", "unknown unit");
  if (d.procedure && *d.procedure >= procedures.size()) {
    return problem("procedure", "unknown procedure");
  }
  if (d.ended && *d.ended < d.received) return problem("ended_at", "end before receipt");
  if (d.returned && *d.returned < d.received) {
    return problem("returned_at", "returned before receipt");
  }
  if (d.appointment && *d.appointment < d.received) {
    return problem("appointment_at", "appointment before receipt");
  }
  const auto after_end = [&](MinuteStamp t) { return d.ended && t > *d.ended; };
  for (std::size_t i = 0; i < d.supplements.size(); ++i) {
    const SupplementRequest& s = d.supplements[i];
    const std::string at = fmt::format("supplements[{}].requested", i);
    if (s.requested < d.received) return problem(at, "event before receipt");
    if (after_end(s.requested)) return problem(at, "supplement requested after the end");
    if (s.completed) {
      const std::string done = fmt::format("supplements[{}].completed", i);
      if (*s.completed < s.requested) return problem(done, "supplement completed before requested");
      if (after_end(*s.completed)) return problem(done, "supplement completed after the end");
    }
  }
  for (std::size_t i = 0; i < d.apologies.size(); ++i) {
    const Apology& a = d.apologies[i];
    const std::string at = fmt::format("apologies[{}].issued", i);
    if (a.issued < d.received) return problem(at, "event before receipt");
    if (after_end(a.issued)) return problem(at, "apology after the end");
    if (a.new_appointment && *a.new_appointment < a.issued) {
      return problem(fmt::format("apologies[{}].new_appointment", i),
                     "new appointment before the apology");
    }
  }
  return std::nullopt;
}

}  // namespace parmetrics
