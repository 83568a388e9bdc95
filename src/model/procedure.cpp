#include <parmetrics/model/procedure.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace parmetrics {

ProcedureId ProcedureCatalog::add(Procedure procedure) {
  if (procedure.code.empty()) throw std::invalid_argument("procedure: empty code");
  if (by_code_.contains(procedure.code)) {
    throw std::invalid_argument(fmt::format("procedure: duplicate code {}", procedure.code));
  }
  const auto id = static_cast<ProcedureId>(procedures_.size());
  by_code_.emplace(procedure.code, id);
  procedures_.push_back(std::move(procedure));
  return id;
}

std::optional<ProcedureId> ProcedureCatalog::find(std::string_view code) const {
  const auto it = by_code_.find(std::string(code));
  if (it == by_code_.end()) return std::nullopt;
  return it->second;
}

}  // namespace parmetrics
