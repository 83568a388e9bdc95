#include "metrics/selection.hpp"

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace parmetrics::detail {

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Selection select(const UnitRegistry& units, const ProcedureCatalog& procedures,
                 const ReportFilter& filter, const char* what) {
  for (UnitId u : filter.units) {
    if (u >= units.size())
      throw ArgumentError(std::string(what), fmt::format("unknown unit id {}", u));
  }
  for (ProcedureId p : filter.procedures) {
    if (p >= procedures.size()) {
      throw ArgumentError(std::string(what), fmt::format("unknown procedure id {}", p));
    }
  }
  Selection s;
  s.unit.assign(units.size(), filter.units.empty());
  for (UnitId u : filter.units) s.unit[u] = true;
  if (filter.subtrees && !filter.units.empty()) {
    for (UnitId u = 0; u < units.size(); ++u) {
      const auto chain = units.ancestors_and_self(u);
      s.unit[u] = std::any_of(chain.begin(), chain.end(), [&](UnitId a) {
        return std::find(filter.units.begin(), filter.units.end(), a) != filter.units.end();
      });
    }
  }
  s.in_units = s.unit;
  if (!filter.levels.empty()) {
    for (UnitId u = 0; u < units.size(); ++u) {
      s.unit[u] = s.unit[u] && contains(filter.levels, units.level_name(units.level(u)));
    }
  }
  s.by_procedure = !filter.procedures.empty() || !filter.fields.empty();
  s.procedure.assign(procedures.size() + 1, !s.by_procedure);
  for (ProcedureId p = 0; p < procedures.size(); ++p) {
    s.procedure[p] =
        (filter.procedures.empty() || std::find(filter.procedures.begin(), filter.procedures.end(),
                                                p) != filter.procedures.end()) &&
        (filter.fields.empty() || contains(filter.fields, procedures[p].field));
  }
  if (!filter.channels.empty()) {
    s.channels = 0;
    for (Channel c : filter.channels) {
      s.channels |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(c));
    }
  }
  return s;
}

}  // namespace parmetrics::detail
