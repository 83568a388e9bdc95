#include "metrics/attribution.hpp"

#include <algorithm>

namespace parmetrics::detail {

namespace {

// A unit's chains of ancestors over its life: (first day, chain), by day; a chain holds until
// the next one's first day.
using Segments = std::vector<std::pair<DayNumber, std::vector<UnitId>>>;

void append_segment(Segments& out, DayNumber from, std::vector<UnitId> chain) {
  if (!out.empty() && out.back().second == chain) return;
  out.emplace_back(from, std::move(chain));
}

// The unit's segments from its periods and its parents' segments (a parent's first and last
// chains stand for the days before and after its life).
Segments segments_of(UnitId u, const std::vector<UnitPeriod>& periods,
                     const std::vector<Segments>& done) {
  Segments out;
  for (const UnitPeriod& p : periods) {
    if (!p.parent) {
      append_segment(out, p.from, {u});
      continue;
    }
    const Segments& ps = done[*p.parent];
    auto it = std::upper_bound(ps.begin(), ps.end(), p.from,
                               [](DayNumber d, const auto& s) { return d < s.first; });
    if (it != ps.begin()) --it;
    for (bool first = true; it != ps.end() && (first || it->first <= p.to); ++it, first = false) {
      std::vector<UnitId> chain{u};
      chain.insert(chain.end(), it->second.begin(), it->second.end());
      append_segment(out, first ? p.from : it->first, std::move(chain));
    }
  }
  return out;
}

// Every unit's segments, parents before children (iteratively: chains may be long); resolve()
// has rejected loops.
std::vector<Segments> chain_segments(const UnitRegistry& units) {
  const std::size_t n = units.size();
  std::vector<Segments> done(n);
  std::vector<bool> ready(n, false);
  std::vector<UnitId> stack;
  for (UnitId s = 0; s < n; ++s) {
    stack.push_back(s);
    while (!stack.empty()) {
      const UnitId u = stack.back();
      if (ready[u]) {
        stack.pop_back();
        continue;
      }
      const std::vector<UnitPeriod> periods = units.periods(u);
      bool waiting = false;
      for (const UnitPeriod& p : periods) {
        if (p.parent && !ready[*p.parent]) {
          stack.push_back(*p.parent);
          waiting = true;
        }
      }
      if (waiting) continue;
      done[u] = segments_of(u, periods, done);
      ready[u] = true;
      stack.pop_back();
    }
  }
  return done;
}

std::uint32_t add_node(Attribution& a, AttributionNode node) {
  a.nodes.push_back(std::move(node));
  return static_cast<std::uint32_t>(a.nodes.size() - 1);
}

// As it was: each unit's nodes, one per chain of ancestors over its life.
void as_it_was(const UnitRegistry& units, Attribution& a) {
  if (!units.has_history()) {
    for (UnitId u = 0; u < units.size(); ++u) {
      a.unit_node[u] = add_node(a, {u, units.ancestors_and_self(u), units[u].valid_to, false});
    }
    return;
  }
  std::vector<Segments> segments = chain_segments(units);
  for (UnitId u = 0; u < units.size(); ++u) {
    Segments& s = segments[u];
    if (s.size() == 1) {
      a.unit_node[u] = add_node(a, {u, std::move(s.front().second), s.front().first, false});
      continue;
    }
    Route r;
    r.by_day = true;
    for (auto& [from, chain] : s) r.steps.emplace_back(from, add_node(a, {u, chain, from, false}));
    a.unit_node[u] = kRouted | static_cast<std::uint32_t>(a.routes.size());
    a.routes.push_back(std::move(r));
  }
}

// Whether some unit the history passes through on its way to `day` hands it over by commune.
bool by_commune(const UnitRegistry& units, UnitId u, DayNumber day) {
  std::vector<UnitId> work{u};
  std::vector<bool> seen(units.size(), false);
  while (!work.empty()) {
    const UnitId x = work.back();
    work.pop_back();
    if (seen[x] || units.valid_on(x, day) || day < units[x].valid_from) continue;
    seen[x] = true;
    if (units[x].succession == SuccessionRule::commune && !units[x].successors.empty()) {
      return true;
    }
    for (const UnitShare& s : units.successors(x)) work.push_back(s.unit);
  }
  return false;
}

// As of a date: each unit's carriers on that day, under that day's hierarchy.
void as_of(const UnitRegistry& units, DayNumber day, Attribution& a) {
  const std::size_t n = units.size();
  std::vector<std::uint32_t> node_of(n, kNoNode);
  const auto carrier_node = [&](UnitId c) {
    if (node_of[c] == kNoNode)
      node_of[c] = add_node(a, {c, units.ancestors_on(c, day), day, false});
    return node_of[c];
  };
  a.commune_node.assign(n, kNoNode);
  for (UnitId u = 0; u < n; ++u) {
    const std::vector<UnitShare> carriers = units.carriers(u, day);
    if (carriers.size() == 1 && carriers.front().share == kShareWhole) {
      a.unit_node[u] = a.commune_node[u] = carrier_node(carriers.front().unit);
      continue;
    }
    const auto own = [&] { return add_node(a, {u, {u}, day, true}); };
    if (carriers.empty()) {
      a.unit_node[u] = own();
      continue;
    }
    Route r;
    r.by_commune = by_commune(units, u, day);
    std::int64_t end = 0;
    for (const UnitShare& c : carriers) {
      end += c.share;
      r.steps.emplace_back(end, carrier_node(c.unit));
    }
    if (end < kShareWhole) r.steps.emplace_back(kShareWhole, own());
    a.unit_node[u] = kRouted | static_cast<std::uint32_t>(a.routes.size());
    a.routes.push_back(std::move(r));
  }
}

}  // namespace

Attribution attribute(const UnitRegistry& units, const ReportOptions& options) {
  Attribution a;
  a.unit_node.assign(units.size(), kNoNode);
  if (options.hierarchy_as_of) {
    as_of(units, *options.hierarchy_as_of, a);
  } else {
    as_it_was(units, a);
  }
  return a;
}

std::uint32_t share_bucket(std::string_view code) noexcept {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : code) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return static_cast<std::uint32_t>(h % kShareWhole);
}

std::uint32_t route_node(const Attribution& a, std::uint32_t entry, DayNumber received,
                         UnitId commune) noexcept {
  const Route& r = a.routes[entry & ~kRouted];
  if (r.by_day) {
    auto it = std::upper_bound(r.steps.begin(), r.steps.end(), std::int64_t{received},
                               [](std::int64_t d, const auto& s) { return d < s.first; });
    return it == r.steps.begin() ? it->second : std::prev(it)->second;
  }
  if (r.by_commune && commune != kNoCommune && commune < a.commune_node.size()) {
    const std::uint32_t node = a.commune_node[commune];
    for (const auto& [end, n] : r.steps) {
      if (n == node) return node;
    }
  }
  return kNoNode;
}

std::uint32_t share_node(const Attribution& a, std::uint32_t entry, std::uint32_t bucket) noexcept {
  const Route& r = a.routes[entry & ~kRouted];
  for (const auto& [end, n] : r.steps) {
    if (bucket < end) return n;
  }
  return r.steps.back().second;
}

bool node_selected(const UnitRegistry& units, const ReportFilter& filter,
                   const AttributionNode& node) {
  const auto listed = [&](UnitId u) {
    return std::find(filter.units.begin(), filter.units.end(), u) != filter.units.end();
  };
  if (!filter.units.empty()) {
    const bool in = filter.subtrees ? std::any_of(node.chain.begin(), node.chain.end(), listed)
                                    : listed(node.unit);
    if (!in) return false;
  }
  if (filter.levels.empty()) return true;
  const std::string& level = units.level_name(units.level(node.unit));
  return std::find(filter.levels.begin(), filter.levels.end(), level) != filter.levels.end();
}

}  // namespace parmetrics::detail
