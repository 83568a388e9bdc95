#include <parmetrics/model/procedure.hpp>

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace parmetrics {

ProcedureId ProcedureCatalog::add(Procedure procedure) {
  if (procedure.code.empty()) throw ArgumentError("ProcedureCatalog", "empty code");
  if (find(procedure.code)) {
    throw ArgumentError("ProcedureCatalog", fmt::format("duplicate code {}", procedure.code));
  }
  const auto id = static_cast<ProcedureId>(procedures_.size());
  by_code_.insert(id, procedure.code);
  procedures_.push_back(std::move(procedure));
  return id;
}

void ProcedureCatalog::no_procedure(ProcedureId id, const char* where) const {
  throw RangeError(where,
                   fmt::format("no procedure {} in a catalogue of {}", id, procedures_.size()));
}

std::optional<ProcedureId> ProcedureCatalog::find(std::string_view code) const {
  return by_code_.find(
      code, [this](ProcedureId id) -> const std::string& { return procedures_[id].code; });
}

}  // namespace parmetrics
