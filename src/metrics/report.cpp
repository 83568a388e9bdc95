// The aggregation engine. One pass over the columns, split by index range over the threads; each
// thread sums into its own table of counts per "key" (a unit, a procedure, a channel, a month…),
// then the tables are added up and turned into groups (the report's rows: a unit and its
// ancestors with roll-up, fields from procedures, labels) and the total. Per dossier: a few column
// reads, table look-ups for the key and the filters, evaluate_inline(), and additions: no
// allocation, no loop over days.
//
// Median and p90 of processing times are exact without a 2,048-bucket histogram per key in the
// hot loop (1,000 units × 8 KiB would miss the caches on every dossier): the first pass keeps a
// coarse histogram per key (32 buckets of 64 fine ones) and each dossier's fine bucket (2 bytes);
// a second, light pass counts the fine buckets of only those dossiers that fall in the coarse
// bucket holding each group's median or p90; a third collects the exact minutes of the dossiers
// in the fine bucket holding it, when that bucket spans more than one minute.

#include <parmetrics/error.hpp>
#include <parmetrics/metrics/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <thread>

#include <parmetrics/calendar/working_calendar.hpp>

#include "metrics/engine.hpp"
#include "metrics/selection.hpp"

namespace parmetrics {

std::string_view to_string(GroupBy by) noexcept {
  switch (by) {
    case GroupBy::none:
      return "none";
    case GroupBy::unit:
      return "unit";
    case GroupBy::level:
      return "level";
    case GroupBy::field:
      return "field";
    case GroupBy::procedure:
      return "procedure";
    case GroupBy::channel:
      return "channel";
    case GroupBy::month:
      return "month";
    case GroupBy::quarter:
      return "quarter";
    case GroupBy::year:
      return "year";
  }
  return "";
}

std::optional<GroupBy> parse_group_by(std::string_view text) noexcept {
  for (GroupBy g :
       {GroupBy::none, GroupBy::unit, GroupBy::level, GroupBy::field, GroupBy::procedure,
        GroupBy::channel, GroupBy::month, GroupBy::quarter, GroupBy::year}) {
    if (to_string(g) == text) return g;
  }
  return std::nullopt;
}

namespace {

using namespace detail;

KeySource key_source(GroupBy by) {
  switch (by) {
    case GroupBy::none:
      return KeySource::constant;
    case GroupBy::unit:
    case GroupBy::level:
      return KeySource::unit;
    case GroupBy::field:
    case GroupBy::procedure:
      return KeySource::procedure;
    case GroupBy::channel:
      return KeySource::channel;
    case GroupBy::month:
    case GroupBy::quarter:
    case GroupBy::year:
      return KeySource::day;
  }
  return KeySource::constant;
}

/// Which groups (rows, then the total) a key counts in: key k's groups are
/// group_ids[group_begin[k] .. group_begin[k + 1]).
struct KeyGroups {
  std::vector<std::uint32_t> group_begin{0};
  std::vector<std::uint32_t> group_ids;
  void add_key(std::initializer_list<std::uint32_t> groups) {
    group_ids.insert(group_ids.end(), groups);
    group_begin.push_back(static_cast<std::uint32_t>(group_ids.size()));
  }
  void add_key(const std::vector<std::uint32_t>& groups) {
    group_ids.insert(group_ids.end(), groups.begin(), groups.end());
    group_begin.push_back(static_cast<std::uint32_t>(group_ids.size()));
  }
  std::span<const std::uint32_t> of(std::size_t k) const {
    return std::span<const std::uint32_t>(group_ids).subspan(group_begin[k],
                                                             group_begin[k + 1] - group_begin[k]);
  }
};

/// The coarse bucket holding a group's quantile and the rank left inside it.
struct Target {
  std::uint32_t coarse = kNoTarget;  ///< none when the group has no processing time
  std::uint64_t rank = 0;            ///< 1-based rank within the coarse bucket
};

Target find_target(std::span<const std::uint32_t> coarse, std::uint64_t n, std::uint64_t num,
                   std::uint64_t den) {
  Target t;
  if (n == 0) return t;
  std::uint64_t rank = (num * n + den - 1) / den;
  if (rank == 0) rank = 1;
  std::uint64_t seen = 0;
  for (std::size_t c = 0; c < coarse.size(); ++c) {
    if (seen + coarse[c] >= rank) {
      t.coarse = static_cast<std::uint32_t>(c);
      t.rank = rank - seen;
      return t;
    }
    seen += coarse[c];
  }
  return t;
}

/// Runs fn(first, last, t) over [0, n) in blocks that `threads` threads take in turn (fn adds
/// into thread t's partial), and rethrows the first error. Blocks, not one share each: the work
/// is uneven along the store (dossiers come in receipt order, so a period is one stretch of
/// them), and equal shares left one thread with the whole period (issue 13).
template <class Fn>
void parallel_for(DossierStore::Index n, unsigned threads, Fn fn) {
  constexpr std::uint64_t kBlock = 1u << 15;
  std::vector<std::exception_ptr> errors(threads);
  std::atomic<std::uint64_t> next{0};  // 64 bits: it passes n by up to threads blocks
  auto work = [&](unsigned t) {
    try {
      for (;;) {
        const std::uint64_t first = next.fetch_add(kBlock, std::memory_order_relaxed);
        if (first >= n) return;
        fn(static_cast<DossierStore::Index>(first),
           static_cast<DossierStore::Index>(std::min<std::uint64_t>(n, first + kBlock)), t);
      }
    } catch (...) {
      errors[t] = std::current_exception();
      next.store(n, std::memory_order_relaxed);  // the others stop at their next block
    }
  };
  if (threads <= 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (std::thread& th : pool) th.join();
  }
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

/// The unit that carries u's history (itself without successor attribution).
std::vector<UnitId> attribution(const UnitRegistry& units, const ReportOptions& o) {
  std::vector<UnitId> a(units.size());
  for (UnitId u = 0; u < units.size(); ++u) {
    a[u] = o.successors_as_of ? units.successor_as_of(u, *o.successors_as_of) : u;
  }
  return a;
}

int month_index(DayNumber d) {
  const CivilDate c = civil_from_days(d);
  return c.year * 12 + static_cast<int>(c.month) - 1;
}

int floor_div(int a, int b) {
  return a >= 0 ? a / b : (a - b + 1) / b;
}

int time_key(GroupBy by, DayNumber d) {
  const int m = month_index(d);
  switch (by) {
    case GroupBy::month:
      return m;
    case GroupBy::quarter:
      return floor_div(m, 3);
    default:
      return floor_div(m, 12);
  }
}

std::string time_label(GroupBy by, int k) {
  switch (by) {
    case GroupBy::month:
      return fmt::format("{:04}-{:02}", floor_div(k, 12), k - floor_div(k, 12) * 12 + 1);
    case GroupBy::quarter:
      return fmt::format("{:04}-Q{}", floor_div(k, 4), k - floor_div(k, 4) * 4 + 1);
    default:
      return fmt::format("{:04}", k);
  }
}

bool has_dossiers(const MetricCounts& c) {
  return c.in_scope != 0 || c.withdrawn_excluded != 0;
}

/// The report's rows for the keys, and each key's groups.
struct Layout {
  std::vector<ReportRow> rows;
  KeyGroups groups;  ///< group ids: row indices, then rows.size() for the total
};

Layout unit_layout(const UnitRegistry& units, const ReportOptions& options,
                   const std::vector<UnitId>& carrier, const std::vector<bool>& selected,
                   const std::vector<MetricCounts>& own) {
  const std::size_t nu = units.size();
  std::vector<int> depth(nu, 0);
  std::vector<std::optional<UnitId>> parent(nu);
  std::vector<UnitId> root(nu);
  for (UnitId u = 0; u < nu; ++u) {
    const auto chain = units.ancestors_and_self(u);
    depth[u] = static_cast<int>(chain.size()) - 1;
    parent[u] = units.parent(u);
    root[u] = chain.back();
  }
  // Subtree figures: children before parents (deepest first).
  std::vector<MetricCounts> subtree(own);
  std::vector<UnitId> by_depth(nu);
  for (UnitId u = 0; u < nu; ++u) by_depth[u] = u;
  std::stable_sort(by_depth.begin(), by_depth.end(),
                   [&](UnitId a, UnitId b) { return depth[a] > depth[b]; });
  for (UnitId u : by_depth) {
    if (parent[u]) subtree[*parent[u]] += subtree[u];
  }
  // Rows: units that exist (as of the attribution day), in the selected subtrees and their
  // ancestors, valid during the period or holding dossiers; in hierarchy order.
  const ReportPeriod& period = options.period;
  std::vector<bool> visible(nu, false);
  for (UnitId u = 0; u < nu; ++u) {
    const Unit& unit = units[u];
    const bool valid = unit.valid_from <= period.to && unit.valid_to >= period.from;
    visible[u] = carrier[u] == u && selected[u] && (valid || has_dossiers(subtree[u]));
  }
  for (UnitId u = 0; u < nu; ++u) {
    if (!visible[u]) continue;
    for (auto p = parent[u]; p && carrier[*p] == *p && !visible[*p]; p = parent[*p]) {
      visible[*p] = true;
    }
  }
  std::vector<std::vector<UnitId>> children(nu);
  std::vector<UnitId> roots;
  for (UnitId u = 0; u < nu; ++u) {
    if (!visible[u]) continue;
    if (parent[u] && visible[*parent[u]]) {
      children[*parent[u]].push_back(u);
    } else {
      roots.push_back(u);
    }
  }
  auto by_code = [&](UnitId a, UnitId b) { return units[a].code < units[b].code; };
  std::sort(roots.begin(), roots.end(), by_code);
  for (auto& c : children) std::sort(c.begin(), c.end(), by_code);

  Layout l;
  constexpr std::size_t kNoRow = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> row_of(nu, kNoRow);
  std::vector<UnitId> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    const UnitId u = stack.back();
    stack.pop_back();
    ReportRow row;
    row.key = units[u].code;
    row.name = units[u].name;
    row.unit = u;
    row.level = units.level_name(units.level(u));
    row.depth = depth[u];
    row.subtree = subtree[u];
    row_of[u] = l.rows.size();
    if (parent[u] && row_of[*parent[u]] != kNoRow) row.parent_row = row_of[*parent[u]];
    if (row_of[root[u]] != kNoRow) row.root_row = row_of[root[u]];
    l.rows.push_back(std::move(row));
    for (auto it = children[u].rbegin(); it != children[u].rend(); ++it) stack.push_back(*it);
  }
  // A key (an attributed unit) counts in its own row, in its ancestors' rows when rolled up, and
  // in the total.
  const auto total = static_cast<std::uint32_t>(l.rows.size());
  std::vector<std::uint32_t> groups;
  for (UnitId u = 0; u < nu; ++u) {
    groups.clear();
    if (options.roll_up) {
      for (UnitId a : units.ancestors_and_self(u)) {
        if (row_of[a] != kNoRow) groups.push_back(static_cast<std::uint32_t>(row_of[a]));
      }
    } else if (row_of[u] != kNoRow) {
      groups.push_back(static_cast<std::uint32_t>(row_of[u]));
    }
    groups.push_back(total);
    l.groups.add_key(groups);
  }
  // An empty registry still has one key (the engine never counts zero keys), which no dossier
  // can reach: it counts in the total alone.
  for (std::size_t k = nu; k < own.size(); ++k) l.groups.add_key({total});
  return l;
}

/// One row per key (those listed in `order`), then the total.
Layout flat_layout(std::size_t keys, const std::vector<std::size_t>& order,
                   const std::function<std::string(std::size_t)>& key_name,
                   const std::function<std::string(std::size_t)>& name) {
  Layout l;
  constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::vector<std::uint32_t> row_of(keys, kNone);
  for (std::size_t k : order) {
    row_of[k] = static_cast<std::uint32_t>(l.rows.size());
    ReportRow row;
    row.key = key_name(k);
    row.name = name(k);
    l.rows.push_back(std::move(row));
  }
  const auto total = static_cast<std::uint32_t>(l.rows.size());
  for (std::size_t k = 0; k < keys; ++k) {
    if (row_of[k] == kNone) {
      l.groups.add_key({total});
    } else {
      l.groups.add_key({row_of[k], total});
    }
  }
  return l;
}

}  // namespace

ReportPeriod default_report_period(const DossierStore& store, std::optional<DayNumber> from,
                                   std::optional<DayNumber> to, std::optional<MinuteStamp> as_of) {
  if (!from || !to) {
    if (store.empty()) {
      throw ArgumentError("default_report_period", "no dossier to take the period's bounds from");
    }
    const auto received = store.received();
    const auto [first, last] = std::minmax_element(received.begin(), received.end());
    if (!from) {
      CivilDate month = civil_from_days(day_of(*first));
      month.day = 1;
      from = std::min(days_from_civil(month), to.value_or(days_from_civil(month)));
    }
    if (!to) to = std::max(day_of(*last), *from);
  }
  return ReportPeriod::of(*from, *to, as_of);
}

Report compute_report(const DossierStore& store, const UnitRegistry& units,
                      const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                      const ReportOptions& options) {
  const ReportPeriod& period = options.period;
  if (period.to < period.from || period.as_of < period.start()) {
    throw ArgumentError("compute_report", "invalid period (use ReportPeriod::of)");
  }
  const detail::Selection selection = detail::select(units, procedures, options.filter, "report");

  Plan plan;
  plan.as_of = period.as_of;
  plan.start = period.start();
  plan.end = period.end();
  plan.calendar = &calendar;
  plan.policy = options.policy;
  plan.quantiles = options.processing_quantiles;
  plan.units = units.size();
  plan.procedures = procedures.size();
  const KeySource source = key_source(options.by);

  // Units: attribution, unit and level filters, the key.
  const std::vector<UnitId> carrier = attribution(units, options);
  plan.unit_key.resize(units.size());
  for (UnitId u = 0; u < units.size(); ++u) {
    const UnitId a = carrier[u];
    const bool ok = selection.unit[a];
    if (!ok) {
      plan.unit_key[u] = kSkip;
    } else if (options.by == GroupBy::unit) {
      plan.unit_key[u] = a;
    } else if (options.by == GroupBy::level) {
      plan.unit_key[u] = units.level(a);
    } else {
      plan.unit_key[u] = 0;
    }
  }
  // Procedures: procedure and field filters, the key ("none" is the last slot).
  const bool procedure_filter = selection.by_procedure;
  const bool read_procedure = procedure_filter || source == KeySource::procedure;
  plan.proc_key.resize(procedures.size() + 1);
  for (ProcedureId p = 0; p <= procedures.size(); ++p) {
    const std::uint32_t key = source != KeySource::procedure ? 0 : static_cast<std::uint32_t>(p);
    plan.proc_key[p] = selection.procedure[p] ? key : kSkip;
  }
  plan.online_level.assign(procedures.size() + 1, 0);
  for (ProcedureId p = 0; p < procedures.size(); ++p) {
    const OnlineLevel level = procedures[p].online;
    plan.online_level[p] = level == OnlineLevel::full ? 2 : level == OnlineLevel::partial ? 1 : 0;
    plan.any_online_level = plan.any_online_level || plan.online_level[p] != 0;
  }
  plan.channel_mask = selection.channels;

  const auto n = static_cast<DossierStore::Index>(store.size());
  const Columns col{store.procedure().data(),   store.unit().data(),        store.received().data(),
                    store.appointment().data(), store.ended().data(),       store.flags().data(),
                    store.status().data(),      store.event_begin().data(), store.events().data()};

  // Keys.
  int first_time_key = 0;
  switch (source) {
    case KeySource::constant:
      plan.keys = 1;
      break;
    case KeySource::unit:
      plan.keys = options.by == GroupBy::unit ? std::max<std::size_t>(units.size(), 1)
                                              : std::max<std::size_t>(units.level_count(), 1);
      break;
    case KeySource::procedure:
      plan.keys = procedures.size() + 1;
      break;
    case KeySource::channel:
      plan.keys = 3;
      break;
    case KeySource::day: {
      // Days from the earliest receipt to as-of: every dossier in scope falls in between.
      StoredTime earliest = std::numeric_limits<StoredTime>::max();
      for (DossierStore::Index i = 0; i < n; ++i) earliest = std::min(earliest, col.received[i]);
      plan.day0 = n == 0 ? period.from : std::min(day_of(earliest), period.from);
      const DayNumber last = day_of(period.as_of);
      first_time_key = time_key(options.by, plan.day0);
      plan.day_key.resize(static_cast<std::size_t>(last - plan.day0) + 1);
      for (DayNumber d = plan.day0; d <= last; ++d) {
        plan.day_key[static_cast<std::size_t>(d - plan.day0)] =
            static_cast<std::uint32_t>(time_key(options.by, d) - first_time_key);
      }
      plan.keys = plan.day_key.back() + 1u;
      break;
    }
  }

  // Threads: a share each, at least 64 Ki dossiers per thread unless told exactly.
  unsigned threads = options.threads;
  if (threads == 0) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::clamp<std::size_t>(store.size() / 65536, 1, cores));
  }
  threads = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(n, 1)));

  // Pass 1: evaluation and counts.
  std::vector<Partial> partials(threads);
  for (Partial& p : partials) {
    p.counts.assign(plan.keys, MetricCounts{});
    if (plan.quantiles) p.coarse.assign(plan.keys * kCoarse, 0);
  }
  std::unique_ptr<std::uint16_t[]> fine(plan.quantiles ? new std::uint16_t[n] : nullptr);
  plan.read_procedure = read_procedure;
  parallel_for(n, threads, [&](DossierStore::Index first, DossierStore::Index last, unsigned t) {
    scan_range(source, plan, col, first, last, partials[t], fine.get());
  });
  Partial& sum = partials[0];
  for (unsigned t = 1; t < threads; ++t) {
    for (std::size_t k = 0; k < plan.keys; ++k) sum.counts[k] += partials[t].counts[k];
    for (std::size_t j = 0; j < sum.coarse.size(); ++j) sum.coarse[j] += partials[t].coarse[j];
    sum.unknown_units += partials[t].unknown_units;
    partials[t] = Partial{};
  }
  if (sum.unknown_units != 0) {
    throw ArgumentError(
        "compute_report",
        fmt::format("{} dossiers name a unit id that the unit registry does not hold",
                    sum.unknown_units));
  }

  // Rows and the groups of each key.
  Layout layout;
  auto non_empty = [&] {
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < plan.keys; ++k) {
      if (has_dossiers(sum.counts[k])) order.push_back(k);
    }
    return order;
  };
  auto no_name = [](std::size_t) { return std::string(); };
  auto procedure_code = [&](std::size_t k) {
    return k < procedures.size() ? procedures[static_cast<ProcedureId>(k)].code
                                 : std::string("(none)");
  };
  switch (options.by) {
    case GroupBy::none:
      layout = flat_layout(plan.keys, {}, no_name, no_name);
      break;
    case GroupBy::unit:
      layout = unit_layout(units, options, carrier, selection.in_units, sum.counts);
      break;
    case GroupBy::level:
      layout = flat_layout(
          plan.keys, non_empty(),
          [&](std::size_t k) { return units.level_name(static_cast<LevelId>(k)); }, no_name);
      break;
    case GroupBy::procedure: {
      std::vector<std::size_t> order = non_empty();
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return procedure_code(a) < procedure_code(b);
      });
      layout = flat_layout(plan.keys, order, procedure_code, [&](std::size_t k) {
        return k < procedures.size() ? procedures[static_cast<ProcedureId>(k)].name : std::string();
      });
      break;
    }
    case GroupBy::field: {
      // Procedures merge into their field.
      auto field_of = [&](std::size_t k) {
        const std::string f =
            k < procedures.size() ? procedures[static_cast<ProcedureId>(k)].field : std::string();
        return f.empty() ? std::string("(none)") : f;
      };
      std::vector<std::string> fields;
      for (std::size_t k : non_empty()) fields.push_back(field_of(k));
      std::sort(fields.begin(), fields.end());
      fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
      for (const std::string& f : fields) {
        ReportRow row;
        row.key = f;
        layout.rows.push_back(std::move(row));
      }
      const auto total = static_cast<std::uint32_t>(fields.size());
      for (std::size_t k = 0; k < plan.keys; ++k) {
        const auto it = std::lower_bound(fields.begin(), fields.end(), field_of(k));
        if (it != fields.end() && *it == field_of(k)) {
          layout.groups.add_key({static_cast<std::uint32_t>(it - fields.begin()), total});
        } else {
          layout.groups.add_key({total});
        }
      }
      break;
    }
    case GroupBy::channel:
      layout = flat_layout(
          plan.keys, {0, 1, 2},
          [](std::size_t k) { return std::string(to_string(static_cast<Channel>(k))); }, no_name);
      break;
    case GroupBy::month:
    case GroupBy::quarter:
    case GroupBy::year:
      layout = flat_layout(
          plan.keys, non_empty(),
          [&](std::size_t k) {
            return time_label(options.by, first_time_key + static_cast<int>(k));
          },
          no_name);
      break;
  }

  // Counts of each group.
  const std::size_t groups = layout.rows.size() + 1;
  std::vector<MetricCounts> group_counts(groups);
  for (std::size_t k = 0; k < plan.keys; ++k) {
    for (std::uint32_t g : layout.groups.of(k)) group_counts[g] += sum.counts[k];
  }
  std::vector<ProcessingTime> processing(groups);
  for (std::size_t g = 0; g < groups; ++g) {
    processing[g].count = group_counts[g].processed;
    processing[g].total_minutes = group_counts[g].processing_minutes;
  }

  // Quantiles: the coarse bucket of each group's median and p90, then pass 2 inside them.
  if (plan.quantiles && group_counts.back().processed != 0) {
    std::vector<std::uint32_t> coarse(groups * kCoarse, 0);
    for (std::size_t k = 0; k < plan.keys; ++k) {
      const std::uint32_t* src = sum.coarse.data() + k * kCoarse;
      for (std::uint32_t g : layout.groups.of(k)) {
        std::uint32_t* dst = coarse.data() + g * kCoarse;
        for (std::size_t c = 0; c < kCoarse; ++c) dst[c] += src[c];
      }
    }
    std::vector<Target> median(groups), p90(groups);
    for (std::size_t g = 0; g < groups; ++g) {
      const auto h = std::span<const std::uint32_t>(coarse).subspan(g * kCoarse, kCoarse);
      median[g] = find_target(h, group_counts[g].processed, 1, 2);
      p90[g] = find_target(h, group_counts[g].processed, 9, 10);
    }
    Slots slots;
    slots.slot_of.assign(plan.keys * kCoarse, -1);
    for (std::size_t k = 0; k < plan.keys; ++k) {
      for (std::uint32_t g : layout.groups.of(k)) {
        for (const Target* t : {&median[g], &p90[g]}) {
          if (t->coarse == kNoTarget) continue;
          std::int32_t& slot = slots.slot_of[k * kCoarse + t->coarse];
          if (slot < 0) slot = static_cast<std::int32_t>(slots.count++);
        }
      }
    }
    std::vector<std::vector<std::uint32_t>> counted(
        threads, std::vector<std::uint32_t>(slots.count * kFinePerCoarse, 0));
    parallel_for(n, threads, [&](DossierStore::Index first, DossierStore::Index last, unsigned t) {
      refine_range(source, plan, col, slots, fine.get(), first, last, counted[t]);
    });
    for (unsigned t = 1; t < threads; ++t) {
      for (std::size_t j = 0; j < counted[0].size(); ++j) counted[0][j] += counted[t][j];
    }
    // Fine counts of each group's two target buckets: the sum of its keys' slots.
    std::vector<std::uint64_t> group_fine(groups * 2 * kFinePerCoarse, 0);
    for (std::size_t k = 0; k < plan.keys; ++k) {
      for (std::uint32_t g : layout.groups.of(k)) {
        for (std::size_t which = 0; which < 2; ++which) {
          const Target& t = which == 0 ? median[g] : p90[g];
          if (t.coarse == kNoTarget) continue;
          const std::int32_t slot = slots.slot_of[k * kCoarse + t.coarse];
          const std::uint32_t* src =
              counted[0].data() + static_cast<std::size_t>(slot) * kFinePerCoarse;
          std::uint64_t* dst = group_fine.data() + (2 * g + which) * kFinePerCoarse;
          for (std::size_t j = 0; j < kFinePerCoarse; ++j) dst[j] += src[j];
        }
      }
    }
    // The fine bucket holding each target, and the target's rank inside it.
    struct Found {
      std::size_t bucket = 0;
      std::uint64_t rank = 0;  ///< 1-based, within the bucket; 0 when not found
    };
    std::vector<Found> found(groups * 2);
    for (std::size_t g = 0; g < groups; ++g) {
      for (std::size_t which = 0; which < 2; ++which) {
        const Target& t = which == 0 ? median[g] : p90[g];
        if (t.coarse == kNoTarget) continue;
        const std::uint64_t* fine_counts = group_fine.data() + (2 * g + which) * kFinePerCoarse;
        std::uint64_t seen = 0;
        for (std::size_t j = 0; j < kFinePerCoarse; ++j) {
          if (seen + fine_counts[j] >= t.rank) {
            found[2 * g + which] = {t.coarse * kFinePerCoarse + j, t.rank - seen};
            break;
          }
          seen += fine_counts[j];
        }
      }
    }
    // A bucket one minute wide is its value; a wider one (from 256 minutes up) is settled by a
    // third pass that collects the exact minutes of the dossiers in it, so that a median or p90
    // is always a time some dossier took.
    ExactSlots wanted;
    wanted.fine_mask.assign(slots.count, 0);
    std::vector<std::vector<std::uint32_t>> target_slots(groups * 2);
    for (std::size_t k = 0; k < plan.keys; ++k) {
      for (std::uint32_t g : layout.groups.of(k)) {
        for (std::size_t which = 0; which < 2; ++which) {
          const Found& f = found[2 * g + which];
          if (f.rank == 0 || ProcessingBuckets::width(f.bucket) == 1) continue;
          const std::int32_t c = slots.slot_of[k * kCoarse + f.bucket / kFinePerCoarse];
          if (c < 0) continue;  // the key has no dossier in the group's target bucket
          const auto [it, added] = wanted.slot_of.try_emplace(
              k * ProcessingBuckets::kCount + f.bucket, static_cast<std::uint32_t>(wanted.count));
          if (added) ++wanted.count;
          wanted.fine_mask[static_cast<std::size_t>(c)] |= std::uint64_t{1}
                                                           << (f.bucket % kFinePerCoarse);
          target_slots[2 * g + which].push_back(it->second);
        }
      }
    }
    std::vector<std::vector<std::vector<std::int64_t>>> exact(threads);
    if (wanted.count != 0) {
      for (auto& e : exact) e.resize(wanted.count);
      parallel_for(
          n, threads, [&](DossierStore::Index first, DossierStore::Index last, unsigned t) {
            exact_range(source, plan, col, slots, wanted, fine.get(), first, last, exact[t]);
          });
    }
    std::vector<std::int64_t> values;
    auto resolve = [&](std::size_t target) -> std::optional<std::int64_t> {
      const Found& f = found[target];
      if (f.rank == 0) return std::nullopt;
      if (ProcessingBuckets::width(f.bucket) == 1) return ProcessingBuckets::lower_bound(f.bucket);
      values.clear();
      for (std::uint32_t slot : target_slots[target]) {
        for (const auto& e : exact) values.insert(values.end(), e[slot].begin(), e[slot].end());
      }
      if (values.size() < f.rank) {
        // The second and third passes count the same dossiers: this is a bug, not data.
        throw Error("internal error, please report it: " +
                    fmt::format("processing-time quantile: rank {} of {} in bucket {}", f.rank,
                                values.size(), f.bucket));
      }
      const auto nth = values.begin() + static_cast<std::ptrdiff_t>(f.rank - 1);
      std::nth_element(values.begin(), nth, values.end());
      return *nth;
    };
    for (std::size_t g = 0; g < groups; ++g) {
      processing[g].median_minutes = resolve(2 * g);
      processing[g].p90_minutes = resolve(2 * g + 1);
    }
  }
  fine.reset();

  Report report;
  report.options = options;
  report.dossiers = n;
  report.rows = std::move(layout.rows);
  for (std::size_t g = 0; g < report.rows.size(); ++g) {
    report.rows[g].counts = group_counts[g];
    report.rows[g].processing = processing[g];
  }
  report.total.key = "total";
  report.total.counts = group_counts.back();
  report.total.processing = processing.back();
  return report;
}

}  // namespace parmetrics
