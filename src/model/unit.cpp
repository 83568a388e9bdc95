#include <parmetrics/model/unit.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>

namespace parmetrics {

UnitId UnitRegistry::add(Unit unit) {
  if (unit.code.empty()) throw ArgumentError("UnitRegistry", "empty code");
  if (find(unit.code)) {
    throw ArgumentError("UnitRegistry", fmt::format("duplicate code {}", unit.code));
  }
  if (unit.valid_to < unit.valid_from) {
    throw ArgumentError("UnitRegistry", fmt::format("unit {}: valid_to {} is before valid_from {}",
                                                    unit.code, format_iso_date(unit.valid_to),
                                                    format_iso_date(unit.valid_from)));
  }
  const auto id = static_cast<UnitId>(units_.size());
  const auto [level, inserted] =
      level_by_name_.try_emplace(unit.level, static_cast<LevelId>(level_names_.size()));
  if (inserted) level_names_.push_back(unit.level);
  by_code_.insert(id, unit.code);
  levels_.push_back(level->second);
  units_.push_back(std::move(unit));
  parents_.emplace_back();
  successors_.emplace_back();
  resolved_ = false;
  return id;
}

void UnitRegistry::resolve() {
  for (UnitId id = 0; id < units_.size(); ++id) {
    const Unit& u = units_[id];
    parents_[id].reset();
    successors_[id].clear();
    if (!u.parent.empty()) {
      const auto p = find(u.parent);
      if (!p)
        throw DataError("units", fmt::format("unit {}", u.code), "parent",
                        fmt::format("unknown unit {}", u.parent));
      parents_[id] = *p;
    }
    for (const std::string& s : u.successors) {
      const auto p = find(s);
      if (!p)
        throw DataError("units", fmt::format("unit {}", u.code), "successor",
                        fmt::format("unknown unit {}", s));
      successors_[id].push_back(*p);
    }
  }
  // Loops in the parent links, in one pass over the units (a walk per unit would be quadratic
  // on a long chain): each walk stops at a unit already known to reach a root, and meeting a
  // unit of the walk itself is a loop. The unit named is the first, in registry order, whose
  // chain loops.
  enum : std::uint8_t { unseen, on_walk, reaches_root };
  std::vector<std::uint8_t> state(units_.size(), unseen);
  for (UnitId id = 0; id < units_.size(); ++id) {
    std::optional<UnitId> p = id;
    while (p && state[*p] == unseen) {
      state[*p] = on_walk;
      p = parents_[*p];
    }
    if (p && state[*p] == on_walk) {
      throw DataError("units", fmt::format("unit {}", units_[id].code), "parent",
                      "the parent chain loops");
    }
    for (p = id; p && state[*p] == on_walk; p = parents_[*p]) state[*p] = reaches_root;
  }
  resolved_ = true;
}

std::optional<UnitId> UnitRegistry::find(std::string_view code) const {
  return by_code_.find(code, [this](UnitId id) -> const std::string& { return units_[id].code; });
}

void UnitRegistry::check_readable(UnitId id, const char* where) const {
  if (!resolved_) throw MisuseError(where, "resolve() was not called after the last add()");
  if (id >= units_.size()) {
    throw RangeError(where, fmt::format("no unit {} in a registry of {}", id, units_.size()));
  }
}

std::optional<UnitId> UnitRegistry::parent(UnitId id) const {
  check_readable(id, "UnitRegistry::parent");
  return parents_[id];
}

std::vector<UnitId> UnitRegistry::ancestors_and_self(UnitId id) const {
  std::vector<UnitId> chain{id};
  for (auto p = parent(id); p; p = parent(*p)) chain.push_back(*p);
  return chain;
}

UnitId UnitRegistry::successor_as_of(UnitId id, DayNumber day) const {
  check_readable(id, "UnitRegistry::successor_as_of");
  for (std::size_t steps = 0; steps <= units_.size(); ++steps) {
    const Unit& u = units_[id];
    if (day <= u.valid_to || successors_[id].empty()) return id;
    id = successors_[id].front();
  }
  throw DataError("units", fmt::format("unit {}", units_[id].code), "successor",
                  "the successor chain loops");
}

}  // namespace parmetrics
