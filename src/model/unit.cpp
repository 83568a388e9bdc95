#include <parmetrics/model/unit.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>

namespace parmetrics {

namespace {

DataError unit_error(const Unit& u, std::string field, std::string reason) {
  return DataError("units", fmt::format("unit {}", u.code), std::move(field), std::move(reason));
}

}  // namespace

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
  periods_.emplace_back();
  successors_.emplace_back();
  resolved_.reset();
  return id;
}

void UnitRegistry::replace(UnitId id, Unit unit) {
  if (id >= units_.size()) no_unit(id, "UnitRegistry::replace");
  Unit& old = units_[id];
  if (unit.code != old.code) {
    throw ArgumentError("UnitRegistry::replace",
                        fmt::format("unit {}: cannot change the code to {}", old.code, unit.code));
  }
  if (unit.valid_to < unit.valid_from) {
    throw ArgumentError(
        "UnitRegistry::replace",
        fmt::format("unit {}: valid_to {} is before valid_from {}", unit.code,
                    format_iso_date(unit.valid_to), format_iso_date(unit.valid_from)));
  }
  if (unit.level != old.level) {
    const auto [level, inserted] =
        level_by_name_.try_emplace(unit.level, static_cast<LevelId>(level_names_.size()));
    if (inserted) level_names_.push_back(unit.level);
    levels_[id] = level->second;
  }
  old = std::move(unit);
  resolved_.reset();
}

void UnitRegistry::link_periods(UnitId id) const {
  const Unit& u = units_[id];
  const auto parent_id = [&](const std::string& code) -> std::optional<UnitId> {
    if (code.empty()) return std::nullopt;
    const auto p = find(code);
    if (!p) throw unit_error(u, "parent", fmt::format("unknown unit {}", code));
    return p;
  };
  std::vector<std::int32_t> order(u.history.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    return u.history[static_cast<std::size_t>(a)].from <
           u.history[static_cast<std::size_t>(b)].from;
  });
  std::vector<Period>& out = periods_[id];
  out.clear();
  const std::optional<UnitId> own_parent = parent_id(u.parent);
  DayNumber cursor = u.valid_from;
  for (const std::int32_t i : order) {
    const UnitVersion& v = u.history[static_cast<std::size_t>(i)];
    if (v.to < v.from || v.from < u.valid_from || v.to > u.valid_to) {
      throw unit_error(u, "history",
                       fmt::format("the version {}..{} is not within the unit's life {}..{}",
                                   format_iso_date(v.from), format_iso_date(v.to),
                                   format_iso_date(u.valid_from), format_iso_date(u.valid_to)));
    }
    if (v.from < cursor) {
      throw unit_error(
          u, "history",
          fmt::format("the version from {} overlaps another", format_iso_date(v.from)));
    }
    if (v.from > cursor) out.push_back({cursor, v.from - 1, own_parent, -1});
    out.push_back({v.from, v.to, parent_id(v.parent), i});
    cursor = v.to + 1;
  }
  if (cursor <= u.valid_to || out.empty()) out.push_back({cursor, u.valid_to, own_parent, -1});
}

void UnitRegistry::check_shares(UnitId id) const {
  const Unit& u = units_[id];
  if (u.successor_shares.empty()) return;
  if (u.successor_shares.size() != u.successors.size()) {
    throw unit_error(
        u, "successor",
        fmt::format("{} shares for {} successors", u.successor_shares.size(), u.successors.size()));
  }
  std::uint64_t sum = 0;
  for (const std::uint32_t s : u.successor_shares) sum += s;
  if (sum != kShareWhole) {
    throw unit_error(u, "successor",
                     fmt::format("the successors' shares sum to {}/{}, not 1", sum, kShareWhole));
  }
}

void UnitRegistry::check_loops() const {
  // Parent links of every period and successor links, each graph checked for a cycle with an
  // iterative depth-first search (white, grey on the path, black done). The unit named is the
  // first, in registry order, whose chain loops.
  const auto check = [&](const auto& edges_of, const char* field, const char* what) {
    enum : std::uint8_t { white, grey, black };
    std::vector<std::uint8_t> colour(units_.size(), white);
    std::vector<std::pair<UnitId, std::size_t>> stack;
    for (UnitId s = 0; s < units_.size(); ++s) {
      if (colour[s] != white) continue;
      colour[s] = grey;
      stack.emplace_back(s, 0);
      while (!stack.empty()) {
        auto& [v, next] = stack.back();
        const std::vector<UnitId> edges = edges_of(v);
        if (next < edges.size()) {
          const UnitId w = edges[next++];
          if (colour[w] == grey) throw unit_error(units_[s], field, what);
          if (colour[w] == white) {
            colour[w] = grey;
            stack.emplace_back(w, 0);
          }
          continue;
        }
        colour[v] = black;
        stack.pop_back();
      }
    }
  };
  check(
      [&](UnitId v) {
        std::vector<UnitId> e;
        for (const Period& p : periods_[v]) {
          if (p.parent) e.push_back(*p.parent);
        }
        return e;
      },
      "parent", "the parent chain loops");
  check(
      [&](UnitId v) {
        std::vector<UnitId> e;
        for (const UnitShare& s : successors_[v]) e.push_back(s.unit);
        return e;
      },
      "successor", "the successor chain loops");
}

void UnitRegistry::index_gso_codes() const {
  by_gso_.clear();
  for (UnitId id = 0; id < units_.size(); ++id) {
    for (const Period& p : periods_[id]) {
      const std::string_view code =
          p.version < 0 ? units_[id].gso_code
                        : units_[id].history[static_cast<std::size_t>(p.version)].gso_code;
      if (!code.empty()) by_gso_[std::string(code)].push_back({p.from, p.to, id});
    }
  }
  for (auto& [code, spans] : by_gso_) {
    std::sort(spans.begin(), spans.end(),
              [](const GsoSpan& a, const GsoSpan& b) { return a.from < b.from; });
    DayNumber reach = kFirstSupportedDay - 1;
    UnitId holder = 0;
    for (const GsoSpan& s : spans) {
      if (s.from <= reach && s.unit != holder) {
        throw DataError("units", fmt::format("GSO code {}", code), "gso_code",
                        fmt::format("held by units {} and {} on {}", units_[holder].code,
                                    units_[s.unit].code, format_iso_date(s.from)));
      }
      if (s.to > reach) {
        reach = s.to;
        holder = s.unit;
      }
    }
  }
}

void UnitRegistry::resolve() {
  resolved();
}

void UnitRegistry::resolved() const {
  resolved_.ensure([this] { resolve_now(); });
}

void UnitRegistry::resolve_now() const {
  has_history_ = false;
  for (UnitId id = 0; id < units_.size(); ++id) {
    const Unit& u = units_[id];
    has_history_ = has_history_ || !u.history.empty();
    link_periods(id);
    check_shares(id);
    std::vector<UnitShare>& out = successors_[id];
    out.clear();
    const auto n = static_cast<std::uint32_t>(u.successors.size());
    for (std::uint32_t k = 0; k < n; ++k) {
      const auto p = find(u.successors[k]);
      if (!p) throw unit_error(u, "successor", fmt::format("unknown unit {}", u.successors[k]));
      const std::uint32_t share = !u.successor_shares.empty() ? u.successor_shares[k]
                                  : k == 0 ? kShareWhole - (n - 1) * (kShareWhole / n)
                                           : kShareWhole / n;
      out.push_back({*p, share});
    }
  }
  check_loops();
  index_gso_codes();
}

std::optional<UnitId> UnitRegistry::find(std::string_view code) const {
  return by_code_.find(code, [this](UnitId id) -> const std::string& { return units_[id].code; });
}

void UnitRegistry::check_readable(UnitId id, const char* where) const {
  if (id >= units_.size()) no_unit(id, where);
  resolved();
}

void UnitRegistry::no_unit(UnitId id, const char* where) const {
  throw RangeError(where, fmt::format("no unit {} in a registry of {}", id, units_.size()));
}

void UnitRegistry::no_level(LevelId level) const {
  throw RangeError("UnitRegistry::level_name",
                   fmt::format("no level {} among {}", level, level_names_.size()));
}

std::optional<UnitId> UnitRegistry::find_gso(std::string_view gso_code, DayNumber day) const {
  resolved();
  const auto it = by_gso_.find(std::string(gso_code));
  if (it == by_gso_.end()) return std::nullopt;
  for (const GsoSpan& s : it->second) {
    if (s.from <= day && day <= s.to) return s.unit;
  }
  return std::nullopt;
}

const UnitRegistry::Period& UnitRegistry::period_on(UnitId id, DayNumber day) const {
  check_readable(id, "UnitRegistry::period_on");
  const std::vector<Period>& ps = periods_[id];
  for (const Period& p : ps) {
    if (day <= p.to) return p;
  }
  return ps.back();
}

std::optional<UnitId> UnitRegistry::parent(UnitId id) const {
  check_readable(id, "UnitRegistry::parent");
  return periods_[id].back().parent;
}

std::optional<UnitId> UnitRegistry::parent_on(UnitId id, DayNumber day) const {
  return period_on(id, day).parent;
}

std::string_view UnitRegistry::name_on(UnitId id, DayNumber day) const {
  const Period& p = period_on(id, day);
  const Unit& u = units_[id];
  if (p.version < 0) return u.name;
  const std::string& name = u.history[static_cast<std::size_t>(p.version)].name;
  return name.empty() ? std::string_view(u.name) : std::string_view(name);
}

std::string_view UnitRegistry::gso_code_on(UnitId id, DayNumber day) const {
  const Period& p = period_on(id, day);
  const Unit& u = units_[id];
  return p.version < 0 ? std::string_view(u.gso_code)
                       : std::string_view(u.history[static_cast<std::size_t>(p.version)].gso_code);
}

std::vector<UnitPeriod> UnitRegistry::periods(UnitId id) const {
  check_readable(id, "UnitRegistry::periods");
  std::vector<UnitPeriod> out;
  for (const Period& p : periods_[id]) {
    out.push_back({p.from, p.to, p.parent, name_on(id, p.from), gso_code_on(id, p.from)});
  }
  return out;
}

std::vector<UnitId> UnitRegistry::ancestors_and_self(UnitId id) const {
  std::vector<UnitId> chain{id};
  for (auto p = parent(id); p; p = parent(*p)) chain.push_back(*p);
  return chain;
}

std::vector<UnitId> UnitRegistry::ancestors_on(UnitId id, DayNumber day) const {
  std::vector<UnitId> chain{id};
  for (auto p = parent_on(id, day); p; p = parent_on(*p, day)) chain.push_back(*p);
  return chain;
}

std::vector<UnitShare> UnitRegistry::successors(UnitId id) const {
  check_readable(id, "UnitRegistry::successors");
  return successors_[id];
}

UnitId UnitRegistry::successor_as_of(UnitId id, DayNumber day) const {
  check_readable(id, "UnitRegistry::successor_as_of");
  for (std::size_t steps = 0; steps <= units_.size(); ++steps) {
    const Unit& u = units_[id];
    if (day <= u.valid_to || successors_[id].empty()) return id;
    id = successors_[id].front().unit;
  }
  throw unit_error(units_[id], "successor", "the successor chain loops");
}

std::vector<UnitShare> UnitRegistry::carriers(UnitId id, DayNumber day) const {
  check_readable(id, "UnitRegistry::carriers");
  std::vector<UnitShare> out;
  // (unit, share, depth): resolve() rejected loops, the depth bound is a guard.
  std::vector<std::pair<UnitShare, std::size_t>> work{{{id, kShareWhole}, 0}};
  while (!work.empty()) {
    const UnitShare s = work.back().first;
    const std::size_t depth = work.back().second;
    work.pop_back();
    if (depth > units_.size()) throw unit_error(units_[s.unit], "successor", "the chain loops");
    const Unit& u = units_[s.unit];
    if (valid_on(s.unit, day)) {
      const auto it = std::find_if(out.begin(), out.end(),
                                   [&](const UnitShare& o) { return o.unit == s.unit; });
      if (it == out.end()) {
        out.push_back(s);
      } else {
        it->share += s.share;
      }
      continue;
    }
    if (day < u.valid_from) continue;
    const std::vector<UnitShare>& next = successors_[s.unit];
    std::uint32_t given = 0;
    std::vector<std::pair<UnitShare, std::size_t>> parts;
    for (std::size_t k = 0; k < next.size(); ++k) {
      const std::uint32_t part =
          k + 1 == next.size()
              ? s.share - given
              : static_cast<std::uint32_t>(std::uint64_t{s.share} * next[k].share / kShareWhole);
      given += part;
      if (part != 0) parts.push_back({{next[k].unit, part}, depth + 1});
    }
    // Successors in their order: the work list is a stack.
    work.insert(work.end(), parts.rbegin(), parts.rend());
  }
  return out;
}

}  // namespace parmetrics
