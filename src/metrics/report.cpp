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
#include <bit>
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
#include <parmetrics/thread_pool.hpp>

#include "metrics/engine.hpp"
#include "metrics/report_source.hpp"
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

/// The first row in [i, last) that is superseded (`dead`), or not, or `last`.
DossierStore::Index next_row(const DeadRows& dead, DossierStore::Index i, DossierStore::Index last,
                             bool superseded) {
  while (i < last) {
    std::uint64_t w = dead.word(i / 64);
    if (!superseded) w = ~w;
    w >>= i % 64;
    if (w != 0) return std::min<DossierStore::Index>(last, i + std::countr_zero(w));
    i = (i / 64 + 1) * 64;
  }
  return last;
}

/// Runs fn(segment, first, last, t) over the source's rows in blocks that `threads` threads take
/// in turn (fn adds into thread t's partial), superseded rows left out, and rethrows the first
/// error. Blocks, not one share each: the work is uneven along the store (dossiers come in
/// receipt order, so a period is one stretch of them), and equal shares left one thread with the
/// whole period (issue 13). On `pool`'s threads when given, else on threads started here.
template <class Fn>
void parallel_for(const Source& source, unsigned threads, ThreadPool* pool, Fn fn) {
  constexpr std::uint64_t kBlock = 1u << 15;
  std::vector<std::uint64_t> offset{0};  // of each segment, in the rows of all of them
  for (const SourceSegment& s : source) offset.push_back(offset.back() + s.rows);
  const std::uint64_t n = offset.back();
  // A block's share of one segment: its runs of rows that count.
  const auto run = [&](std::size_t seg, DossierStore::Index first, DossierStore::Index last,
                       unsigned t) {
    const DeadRows* dead = source[seg].dead;
    if (dead == nullptr || dead->count() == 0) return fn(seg, first, last, t);
    for (DossierStore::Index i = first; i < last;) {
      const DossierStore::Index stop = next_row(*dead, i, last, true);
      if (stop > i) fn(seg, i, stop, t);
      i = next_row(*dead, stop, last, false);
    }
  };
  std::vector<std::exception_ptr> errors(threads);
  std::atomic<std::uint64_t> next{0};  // 64 bits: it passes n by up to threads blocks
  auto work = [&](unsigned t) {
    try {
      for (;;) {
        const std::uint64_t first = next.fetch_add(kBlock, std::memory_order_relaxed);
        if (first >= n) return;
        const std::uint64_t last = std::min<std::uint64_t>(n, first + kBlock);
        std::size_t seg = static_cast<std::size_t>(
            std::upper_bound(offset.begin(), offset.end(), first) - offset.begin() - 1);
        for (; seg < source.size() && offset[seg] < last; ++seg) {
          run(seg, static_cast<DossierStore::Index>(std::max(first, offset[seg]) - offset[seg]),
              static_cast<DossierStore::Index>(std::min(last, offset[seg + 1]) - offset[seg]), t);
        }
      }
    } catch (...) {
      errors[t] = std::current_exception();
      next.store(n, std::memory_order_relaxed);  // the others stop at their next block
    }
  };
  if (pool != nullptr) {
    pool->run(threads, work);
  } else if (threads <= 1) {
    work(0);
  } else {
    std::vector<std::thread> started;
    started.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) started.emplace_back(work, t);
    work(0);
    for (std::thread& th : started) th.join();
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

/// Rows and the groups of each key, from the counts per key.
Layout make_layout(const ReportSetup& setup, const UnitRegistry& units,
                   const ProcedureCatalog& procedures, const ReportOptions& options,
                   const std::vector<MetricCounts>& counts) {
  Layout layout;
  auto non_empty = [&] {
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < setup.plan.keys; ++k) {
      if (has_dossiers(counts[k])) order.push_back(k);
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
      layout = flat_layout(setup.plan.keys, {}, no_name, no_name);
      break;
    case GroupBy::unit:
      layout = unit_layout(units, options, setup.carrier, setup.selection.in_units, counts);
      break;
    case GroupBy::level:
      layout = flat_layout(
          setup.plan.keys, non_empty(),
          [&](std::size_t k) { return units.level_name(static_cast<LevelId>(k)); }, no_name);
      break;
    case GroupBy::procedure: {
      std::vector<std::size_t> order = non_empty();
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return procedure_code(a) < procedure_code(b);
      });
      layout = flat_layout(setup.plan.keys, order, procedure_code, [&](std::size_t k) {
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
      for (std::size_t k = 0; k < setup.plan.keys; ++k) {
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
          setup.plan.keys, {0, 1, 2},
          [](std::size_t k) { return std::string(to_string(static_cast<Channel>(k))); }, no_name);
      break;
    case GroupBy::month:
    case GroupBy::quarter:
    case GroupBy::year:
      layout = flat_layout(
          setup.plan.keys, non_empty(),
          [&](std::size_t k) {
            return time_label(options.by, setup.first_time_key + static_cast<int>(k));
          },
          no_name);
      break;
  }

  return layout;
}

/// The report's rows with their counts, and the total (the last group).
struct Grouped {
  Layout layout;
  std::vector<MetricCounts> counts;        ///< per group
  std::vector<ProcessingTime> processing;  ///< per group
};

Grouped group(Layout layout, const std::vector<MetricCounts>& key_counts) {
  Grouped g;
  g.layout = std::move(layout);
  const std::size_t groups = g.layout.rows.size() + 1;
  g.counts.resize(groups);
  for (std::size_t k = 0; k < key_counts.size(); ++k) {
    for (std::uint32_t id : g.layout.groups.of(k)) g.counts[id] += key_counts[k];
  }
  g.processing.resize(groups);
  for (std::size_t id = 0; id < groups; ++id) {
    g.processing[id].count = g.counts[id].processed;
    g.processing[id].total_minutes = g.counts[id].processing_minutes;
  }
  return g;
}

Report assemble(Grouped&& g, const ReportOptions& options, std::uint64_t dossiers) {
  Report report;
  report.options = options;
  report.dossiers = dossiers;
  report.rows = std::move(g.layout.rows);
  for (std::size_t id = 0; id < report.rows.size(); ++id) {
    report.rows[id].counts = g.counts[id];
    report.rows[id].processing = g.processing[id];
  }
  report.total.key = "total";
  report.total.counts = g.counts.back();
  report.total.processing = g.processing.back();
  return report;
}

/// The pass-1 results every later stage reads.
struct Scanned {
  Partial sum;
  std::unique_ptr<std::uint16_t[]> fine;  ///< each row's fine bucket, segment after segment
  std::vector<std::size_t> fine_offset;   ///< of each segment in `fine`
  unsigned threads = 1;
};

unsigned thread_count(const ReportOptions& options, std::size_t rows) {
  // A share each, at least 64 Ki dossiers per thread unless told exactly.
  unsigned threads = options.threads;
  if (threads == 0) {
    const unsigned cores = options.pool != nullptr
                               ? options.pool->concurrency()
                               : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::clamp<std::size_t>(rows / 65536, 1, cores));
  }
  return static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(rows, 1)));
}

/// Pass 1: evaluation and counts per key (and, with quantiles, each row's fine bucket).
Scanned scan_source(const Source& source, const ReportSetup& setup, const ReportOptions& options) {
  const Plan& plan = setup.plan;
  Scanned out;
  out.fine_offset.push_back(0);
  for (const SourceSegment& seg : source)
    out.fine_offset.push_back(out.fine_offset.back() + seg.rows);
  out.threads = thread_count(options, out.fine_offset.back());
  std::vector<Partial> partials(out.threads);
  for (Partial& p : partials) {
    p.counts.assign(plan.keys, MetricCounts{});
    if (plan.quantiles) p.coarse.assign(plan.keys * kCoarse, 0);
  }
  if (plan.quantiles) out.fine.reset(new std::uint16_t[out.fine_offset.back()]);
  std::uint16_t* fine = out.fine.get();
  parallel_for(
      source, out.threads, options.pool,
      [&](std::size_t seg, DossierStore::Index first, DossierStore::Index last, unsigned t) {
        scan_range(setup.source, plan, source[seg].col, first, last, partials[t],
                   fine == nullptr ? nullptr : fine + out.fine_offset[seg]);
      });
  out.sum = std::move(partials[0]);
  for (unsigned t = 1; t < out.threads; ++t) {
    for (std::size_t k = 0; k < plan.keys; ++k) out.sum.counts[k] += partials[t].counts[k];
    for (std::size_t j = 0; j < out.sum.coarse.size(); ++j) {
      out.sum.coarse[j] += partials[t].coarse[j];
    }
    out.sum.unknown_units += partials[t].unknown_units;
    partials[t] = Partial{};
  }
  if (out.sum.unknown_units != 0) {
    throw ArgumentError(
        "compute_report",
        fmt::format("{} dossiers name a unit id that the unit registry does not hold",
                    out.sum.unknown_units));
  }
  return out;
}

/// Median and p90 of each group, exact: pass 1's coarse histograms give the coarse bucket holding
/// each; pass 2 counts the fine buckets inside those only; pass 3 collects the exact minutes of
/// the dossiers in a target's fine bucket when it spans more than one minute.
class QuantilePasses {
 public:
  QuantilePasses(const Source& source, const ReportSetup& setup, const ReportOptions& options,
                 const Scanned& scanned, Grouped& grouped)
      : source_(source),
        setup_(setup),
        plan_(setup.plan),
        options_(options),
        scanned_(scanned),
        grouped_(grouped),
        groups_(grouped.counts.size()) {}

  void run() {
    targets();
    refine();
    collect();
    for (std::size_t g = 0; g < groups_; ++g) {
      grouped_.processing[g].median_minutes = resolve(2 * g);
      grouped_.processing[g].p90_minutes = resolve(2 * g + 1);
    }
  }

 private:
  struct Found {
    std::size_t bucket = 0;
    std::uint64_t rank = 0;  ///< 1-based, within the bucket; 0 when not found
  };
  const Source& source_;
  const ReportSetup& setup_;
  const Plan& plan_;
  const ReportOptions& options_;
  const Scanned& scanned_;
  Grouped& grouped_;
  const std::size_t groups_;
  std::vector<Target> median_, p90_;
  Slots slots_;
  std::vector<Found> found_;
  ExactSlots wanted_;
  std::vector<std::vector<std::uint32_t>> target_slots_;
  std::vector<std::vector<std::vector<std::int64_t>>> exact_;
  std::vector<std::int64_t> values_;

  std::span<const std::uint32_t> groups_of(std::size_t k) const {
    return grouped_.layout.groups.of(k);
  }
  const Target& target(std::size_t g, std::size_t which) const {
    return which == 0 ? median_[g] : p90_[g];
  }
  /// fn(segment, first, last, thread, the segment's fine buckets) over the source's rows.
  template <class Fn>
  void over_rows(Fn fn) const {
    parallel_for(
        source_, scanned_.threads, options_.pool,
        [&](std::size_t seg, DossierStore::Index first, DossierStore::Index last, unsigned t) {
          fn(seg, first, last, t, scanned_.fine.get() + scanned_.fine_offset[seg]);
        });
  }

  /// The coarse bucket of each group's median and p90, and a pass-2 slot for each (key, bucket).
  void targets() {
    std::vector<std::uint32_t> coarse(groups_ * kCoarse, 0);
    for (std::size_t k = 0; k < plan_.keys; ++k) {
      const std::uint32_t* src = scanned_.sum.coarse.data() + k * kCoarse;
      for (std::uint32_t g : groups_of(k)) {
        std::uint32_t* dst = coarse.data() + g * kCoarse;
        for (std::size_t c = 0; c < kCoarse; ++c) dst[c] += src[c];
      }
    }
    median_.resize(groups_);
    p90_.resize(groups_);
    for (std::size_t g = 0; g < groups_; ++g) {
      const auto h = std::span<const std::uint32_t>(coarse).subspan(g * kCoarse, kCoarse);
      median_[g] = find_target(h, grouped_.counts[g].processed, 1, 2);
      p90_[g] = find_target(h, grouped_.counts[g].processed, 9, 10);
    }
    slots_.slot_of.assign(plan_.keys * kCoarse, -1);
    for (std::size_t k = 0; k < plan_.keys; ++k) {
      for (std::uint32_t g : groups_of(k)) {
        for (const Target* t : {&median_[g], &p90_[g]}) {
          if (t->coarse == kNoTarget) continue;
          std::int32_t& slot = slots_.slot_of[k * kCoarse + t->coarse];
          if (slot < 0) slot = static_cast<std::int32_t>(slots_.count++);
        }
      }
    }
  }

  /// Pass 2, and the fine bucket holding each target with the target's rank inside it.
  void refine() {
    std::vector<std::vector<std::uint32_t>> counted(
        scanned_.threads, std::vector<std::uint32_t>(slots_.count * kFinePerCoarse, 0));
    over_rows([&](std::size_t seg, DossierStore::Index first, DossierStore::Index last, unsigned t,
                  std::uint16_t* fine) {
      refine_range(setup_.source, plan_, source_[seg].col, slots_, fine, first, last, counted[t]);
    });
    for (unsigned t = 1; t < scanned_.threads; ++t) {
      for (std::size_t j = 0; j < counted[0].size(); ++j) counted[0][j] += counted[t][j];
    }
    // Fine counts of each group's two target buckets: the sum of its keys' slots.
    std::vector<std::uint64_t> group_fine(groups_ * 2 * kFinePerCoarse, 0);
    for (std::size_t k = 0; k < plan_.keys; ++k) {
      for (std::uint32_t g : groups_of(k)) {
        for (std::size_t which = 0; which < 2; ++which) {
          const Target& t = target(g, which);
          if (t.coarse == kNoTarget) continue;
          const std::int32_t slot = slots_.slot_of[k * kCoarse + t.coarse];
          const std::uint32_t* src =
              counted[0].data() + static_cast<std::size_t>(slot) * kFinePerCoarse;
          std::uint64_t* dst = group_fine.data() + (2 * g + which) * kFinePerCoarse;
          for (std::size_t j = 0; j < kFinePerCoarse; ++j) dst[j] += src[j];
        }
      }
    }
    found_.resize(groups_ * 2);
    for (std::size_t g = 0; g < groups_; ++g) {
      for (std::size_t which = 0; which < 2; ++which) {
        const Target& t = target(g, which);
        if (t.coarse == kNoTarget) continue;
        const std::uint64_t* fine_counts = group_fine.data() + (2 * g + which) * kFinePerCoarse;
        std::uint64_t seen = 0;
        for (std::size_t j = 0; j < kFinePerCoarse; ++j) {
          if (seen + fine_counts[j] >= t.rank) {
            found_[2 * g + which] = {t.coarse * kFinePerCoarse + j, t.rank - seen};
            break;
          }
          seen += fine_counts[j];
        }
      }
    }
  }

  /// Pass 3, for the targets in a bucket wider than one minute (from 256 minutes up): the exact
  /// minutes of the dossiers in it, so that a median or p90 is always a time some dossier took.
  void collect() {
    wanted_.fine_mask.assign(slots_.count, 0);
    target_slots_.resize(groups_ * 2);
    for (std::size_t k = 0; k < plan_.keys; ++k) {
      for (std::uint32_t g : groups_of(k)) {
        for (std::size_t which = 0; which < 2; ++which) {
          const Found& f = found_[2 * g + which];
          if (f.rank == 0 || ProcessingBuckets::width(f.bucket) == 1) continue;
          const std::int32_t c = slots_.slot_of[k * kCoarse + f.bucket / kFinePerCoarse];
          if (c < 0) continue;  // the key has no dossier in the group's target bucket
          const auto [it, added] = wanted_.slot_of.try_emplace(
              k * ProcessingBuckets::kCount + f.bucket, static_cast<std::uint32_t>(wanted_.count));
          if (added) ++wanted_.count;
          wanted_.fine_mask[static_cast<std::size_t>(c)] |= std::uint64_t{1}
                                                            << (f.bucket % kFinePerCoarse);
          target_slots_[2 * g + which].push_back(it->second);
        }
      }
    }
    exact_.resize(scanned_.threads);
    if (wanted_.count == 0) return;
    for (auto& e : exact_) e.resize(wanted_.count);
    over_rows([&](std::size_t seg, DossierStore::Index first, DossierStore::Index last, unsigned t,
                  std::uint16_t* fine) {
      exact_range(setup_.source, plan_, source_[seg].col, slots_, wanted_, fine, first, last,
                  exact_[t]);
    });
  }

  std::optional<std::int64_t> resolve(std::size_t target) {
    const Found& f = found_[target];
    if (f.rank == 0) return std::nullopt;
    if (ProcessingBuckets::width(f.bucket) == 1) return ProcessingBuckets::lower_bound(f.bucket);
    values_.clear();
    for (std::uint32_t slot : target_slots_[target]) {
      for (const auto& e : exact_) values_.insert(values_.end(), e[slot].begin(), e[slot].end());
    }
    if (values_.size() < f.rank) {
      // The second and third passes count the same dossiers: this is a bug, not data.
      throw Error("internal error, please report it: " +
                  fmt::format("processing-time quantile: rank {} of {} in bucket {}", f.rank,
                              values_.size(), f.bucket));
    }
    const auto nth = values_.begin() + static_cast<std::ptrdiff_t>(f.rank - 1);
    std::nth_element(values_.begin(), nth, values_.end());
    return *nth;
  }
};

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

namespace detail {

Source source_of(const DossierStore& store) {
  SourceSegment s;
  s.col = Columns{store.procedure().data(),   store.unit().data(),        store.received().data(),
                  store.appointment().data(), store.ended().data(),       store.flags().data(),
                  store.status().data(),      store.event_begin().data(), store.events().data()};
  s.rows = static_cast<DossierStore::Index>(store.size());
  s.store = &store;
  return Source{s};
}

Source source_of(const StoreSnapshot& snapshot) {
  Source out;
  for (const StoreSnapshot::Segment& seg : snapshot.segments()) {
    out.push_back(source_of(*seg.store).front());
    out.back().dead = seg.dead.get();
  }
  return out;
}

ReportSetup setup_report(const UnitRegistry& units, const ProcedureCatalog& procedures,
                         const WorkingCalendar& calendar, const ReportOptions& options,
                         DayNumber day0, DayNumber last_day) {
  const ReportPeriod& period = options.period;
  if (period.to < period.from || period.as_of < period.start()) {
    throw ArgumentError("compute_report", "invalid period (use ReportPeriod::of)");
  }
  ReportSetup setup;
  setup.selection = detail::select(units, procedures, options.filter, "report");
  const Selection& selection = setup.selection;
  Plan& plan = setup.plan;
  plan.as_of = period.as_of;
  plan.start = period.start();
  plan.end = period.end();
  plan.calendar = &calendar;
  plan.policy = options.policy;
  plan.quantiles = options.processing_quantiles;
  plan.units = units.size();
  plan.procedures = procedures.size();
  const KeySource source = setup.source = key_source(options.by);

  // Units: attribution, unit and level filters, the key.
  setup.carrier = attribution(units, options);
  const std::vector<UnitId>& carrier = setup.carrier;
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
  plan.read_procedure = selection.by_procedure || source == KeySource::procedure;
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

  // Keys.
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
      plan.day0 = day0;
      setup.first_time_key = time_key(options.by, plan.day0);
      plan.day_key.resize(static_cast<std::size_t>(last_day - plan.day0) + 1);
      for (DayNumber d = plan.day0; d <= last_day; ++d) {
        plan.day_key[static_cast<std::size_t>(d - plan.day0)] =
            static_cast<std::uint32_t>(time_key(options.by, d) - setup.first_time_key);
      }
      plan.keys = plan.day_key.back() + 1u;
      break;
    }
  }
  return setup;
}

Layout layout_for(const ReportSetup& setup, const UnitRegistry& units,
                  const ProcedureCatalog& procedures, const ReportOptions& options,
                  const std::vector<MetricCounts>& key_counts) {
  return make_layout(setup, units, procedures, options, key_counts);
}

Report report_from_layout(Layout layout, const std::vector<MetricCounts>& key_counts,
                          const ReportOptions& options, std::uint64_t dossiers) {
  return assemble(group(std::move(layout), key_counts), options, dossiers);
}

std::vector<MetricCounts> count_by_key(const Source& source, const ReportSetup& setup,
                                       const ReportOptions& options) {
  return scan_source(source, setup, options).sum.counts;
}

Report compute_report(const Source& source, const UnitRegistry& units,
                      const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                      const ReportOptions& options) {
  const ReportPeriod& period = options.period;
  // By period of receipt: days from the earliest receipt to as-of (every dossier in scope falls
  // in between).
  DayNumber day0 = period.from;
  if (key_source(options.by) == KeySource::day) {
    for (const SourceSegment& seg : source) {
      for (DossierStore::Index i = 0; i < seg.rows; ++i) {
        day0 = std::min(day0, day_of(seg.col.received[i]));
      }
    }
  }
  const ReportSetup setup =
      setup_report(units, procedures, calendar, options, day0, day_of(period.as_of));
  Scanned scanned = scan_source(source, setup, options);
  Grouped grouped =
      group(make_layout(setup, units, procedures, options, scanned.sum.counts), scanned.sum.counts);
  if (setup.plan.quantiles && grouped.counts.back().processed != 0) {
    QuantilePasses(source, setup, options, scanned, grouped).run();
  }
  std::uint64_t dossiers = 0;
  for (const SourceSegment& seg : source) {
    dossiers += seg.rows - (seg.dead != nullptr ? seg.dead->count() : 0);
  }
  return assemble(std::move(grouped), options, dossiers);
}

}  // namespace detail

Report compute_report(const DossierStore& store, const UnitRegistry& units,
                      const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                      const ReportOptions& options) {
  return detail::compute_report(detail::source_of(store), units, procedures, calendar, options);
}

Report compute_report(const StoreSnapshot& snapshot, const UnitRegistry& units,
                      const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                      const ReportOptions& options) {
  return detail::compute_report(detail::source_of(snapshot), units, procedures, calendar, options);
}

ReportPeriod default_report_period(const StoreSnapshot& snapshot, std::optional<DayNumber> from,
                                   std::optional<DayNumber> to, std::optional<MinuteStamp> as_of) {
  // An update never changes a receipt: every row's receipt is a live dossier's.
  if ((!from || !to) && !snapshot.empty()) {
    StoredTime first = std::numeric_limits<StoredTime>::max();
    StoredTime last = std::numeric_limits<StoredTime>::min();
    for (const StoreSnapshot::Segment& seg : snapshot.segments()) {
      for (const StoredTime r : seg.store->received()) {
        first = std::min(first, r);
        last = std::max(last, r);
      }
    }
    if (!from) {
      CivilDate month = civil_from_days(day_of(first));
      month.day = 1;
      from = std::min(days_from_civil(month), to.value_or(days_from_civil(month)));
    }
    if (!to) to = std::max(day_of(last), *from);
  }
  if (!from || !to) {
    throw ArgumentError("default_report_period", "no dossier to take the period's bounds from");
  }
  return ReportPeriod::of(*from, *to, as_of);
}

}  // namespace parmetrics
