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

#include "metrics/attribution.hpp"
#include "metrics/engine.hpp"
#include "metrics/report_layout.hpp"
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

/// What the scan needs of the period, the policies and the sizes.
Plan base_plan(const ReportOptions& options, const WorkingCalendar& calendar, std::size_t units,
               std::size_t procedures) {
  Plan plan;
  plan.as_of = options.period.as_of;
  plan.start = options.period.start();
  plan.end = options.period.end();
  plan.calendar = &calendar;
  plan.policy = options.policy;
  plan.quantiles = options.processing_quantiles;
  plan.units = units;
  plan.procedures = procedures;
  return plan;
}

Columns columns_of(const DossierStore& store) {
  return {store.procedure().data(),
          store.unit().data(),
          store.commune().empty() ? nullptr : store.commune().data(),
          &store,
          nullptr,
          store.received().data(),
          store.appointment().data(),
          store.ended().data(),
          store.flags().data(),
          store.status().data(),
          store.event_begin().data(),
          store.events().data()};
}

/// The units' part of the plan: each unit's node (or route), and each node's key part under the
/// filters (kSkip when filtered out).
void plan_units(const UnitRegistry& units, const ReportOptions& options,
                const Attribution& attribution, Plan& plan) {
  plan.attribution = &attribution;
  plan.node_key.resize(attribution.nodes.size());
  for (std::size_t k = 0; k < attribution.nodes.size(); ++k) {
    const AttributionNode& node = attribution.nodes[k];
    if (!node_selected(units, options.filter, node)) {
      plan.node_key[k] = kSkip;
    } else if (options.by == GroupBy::unit) {
      plan.node_key[k] = static_cast<std::uint32_t>(k);
    } else if (options.by == GroupBy::level) {
      plan.node_key[k] = units.level(node.unit);
    } else {
      plan.node_key[k] = 0;
    }
  }
  plan.unit_key.resize(units.size());
  for (UnitId u = 0; u < units.size(); ++u) {
    const std::uint32_t entry = attribution.unit_node[u];
    plan.unit_key[u] = (entry & kRouted) != 0 ? entry : plan.node_key[entry];
  }
}

/// The procedures' part of the plan: the procedure and field filters, the key ("none" is the
/// last slot), the online levels.
void plan_procedures(const ProcedureCatalog& procedures, const Selection& selection,
                     KeySource source, Plan& plan) {
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
}

/// The number of keys (and, by period, the day table over [day0, last_day], which must hold
/// every day of receipt the report counts); returns the first time key.
int plan_keys(const UnitRegistry& units, const ProcedureCatalog& procedures,
              const ReportOptions& options, KeySource source, DayNumber day0, DayNumber last_day,
              Plan& plan) {
  switch (source) {
    case KeySource::constant:
      plan.keys = 1;
      return 0;
    case KeySource::unit:
      plan.keys = options.by == GroupBy::unit
                      ? std::max<std::size_t>(plan.attribution->nodes.size(), 1)
                      : std::max<std::size_t>(units.level_count(), 1);
      return 0;
    case KeySource::procedure:
      plan.keys = procedures.size() + 1;
      return 0;
    case KeySource::channel:
      plan.keys = 3;
      return 0;
    case KeySource::day:
      break;
  }
  plan.day0 = day0;
  const int first_time_key = time_key(options.by, plan.day0);
  plan.day_key.resize(static_cast<std::size_t>(last_day - plan.day0) + 1);
  for (DayNumber d = plan.day0; d <= last_day; ++d) {
    plan.day_key[static_cast<std::size_t>(d - plan.day0)] =
        static_cast<std::uint32_t>(time_key(options.by, d) - first_time_key);
  }
  plan.keys = plan.day_key.back() + 1u;
  return first_time_key;
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

/// Procedures merge into their field: one row per field with dossiers.
Layout field_layout(const ProcedureCatalog& procedures, const std::vector<std::size_t>& keys,
                    std::size_t key_count) {
  auto field_of = [&](std::size_t k) {
    const std::string f =
        k < procedures.size() ? procedures[static_cast<ProcedureId>(k)].field : std::string();
    return f.empty() ? std::string("(none)") : f;
  };
  std::vector<std::string> fields;
  for (std::size_t k : keys) fields.push_back(field_of(k));
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
  Layout layout;
  for (const std::string& f : fields) {
    ReportRow row;
    row.key = f;
    layout.rows.push_back(std::move(row));
  }
  const auto total = static_cast<std::uint32_t>(fields.size());
  for (std::size_t k = 0; k < key_count; ++k) {
    const auto it = std::lower_bound(fields.begin(), fields.end(), field_of(k));
    if (it != fields.end() && *it == field_of(k)) {
      layout.groups.add_key({static_cast<std::uint32_t>(it - fields.begin()), total});
    } else {
      layout.groups.add_key({total});
    }
  }
  return layout;
}

/// The rows of the report and the groups of each key.
Layout make_layout(const UnitRegistry& units, const ProcedureCatalog& procedures,
                   const ReportOptions& options, const Attribution& attribution, const Plan& plan,
                   const std::vector<MetricCounts>& counts, int first_time_key) {
  auto non_empty = [&] {
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < plan.keys; ++k) {
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
      return flat_layout(plan.keys, {}, no_name, no_name);
    case GroupBy::unit:
      return unit_layout(units, options, attribution, counts);
    case GroupBy::level:
      return flat_layout(
          plan.keys, non_empty(),
          [&](std::size_t k) { return units.level_name(static_cast<LevelId>(k)); }, no_name);
    case GroupBy::procedure: {
      std::vector<std::size_t> order = non_empty();
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return procedure_code(a) < procedure_code(b);
      });
      return flat_layout(plan.keys, order, procedure_code, [&](std::size_t k) {
        return k < procedures.size() ? procedures[static_cast<ProcedureId>(k)].name : std::string();
      });
    }
    case GroupBy::field:
      return field_layout(procedures, non_empty(), plan.keys);
    case GroupBy::channel:
      return flat_layout(
          plan.keys, {0, 1, 2},
          [](std::size_t k) { return std::string(to_string(static_cast<Channel>(k))); }, no_name);
    case GroupBy::month:
    case GroupBy::quarter:
    case GroupBy::year:
      break;
  }
  return flat_layout(
      plan.keys, non_empty(),
      [&](std::size_t k) { return time_label(options.by, first_time_key + static_cast<int>(k)); },
      no_name);
}

/// What the quantile passes share.
struct QuantileRun {
  KeySource source;
  const Plan& plan;
  const Source& rows;
  const KeyGroups& groups;
  std::size_t group_count;
  const Scanned& scanned;
  ThreadPool* pool;

  /// fn(segment, first, last, thread, the segment's fine buckets) over the rows that count.
  template <class Fn>
  void over_rows(Fn fn) const {
    parallel_for(
        rows, scanned.threads, pool,
        [&](std::size_t seg, DossierStore::Index first, DossierStore::Index last, unsigned t) {
          fn(seg, first, last, t, scanned.fine.get() + scanned.fine_offset[seg]);
        });
  }
};

/// The fine bucket holding a target, and the target's rank inside it.
struct Found {
  std::size_t bucket = 0;
  std::uint64_t rank = 0;  ///< 1-based, within the bucket; 0 when not found
};

/// The coarse bucket of each group's median (2 g) and p90 (2 g + 1).
std::vector<Target> coarse_targets(const QuantileRun& q, const Partial& sum,
                                   const std::vector<MetricCounts>& group_counts) {
  std::vector<std::uint32_t> coarse(q.group_count * kCoarse, 0);
  for (std::size_t k = 0; k < q.plan.keys; ++k) {
    const std::uint32_t* src = sum.coarse.data() + k * kCoarse;
    for (std::uint32_t g : q.groups.of(k)) {
      std::uint32_t* dst = coarse.data() + g * kCoarse;
      for (std::size_t c = 0; c < kCoarse; ++c) dst[c] += src[c];
    }
  }
  std::vector<Target> targets(q.group_count * 2);
  for (std::size_t g = 0; g < q.group_count; ++g) {
    const auto h = std::span<const std::uint32_t>(coarse).subspan(g * kCoarse, kCoarse);
    targets[2 * g] = find_target(h, group_counts[g].processed, 1, 2);
    targets[2 * g + 1] = find_target(h, group_counts[g].processed, 9, 10);
  }
  return targets;
}

/// Pass 2: the fine counts inside each target's coarse bucket, summed per group; returns where
/// each target falls.
std::vector<Found> fine_targets(const QuantileRun& q, const std::vector<Target>& targets,
                                Slots& slots) {
  slots.slot_of.assign(q.plan.keys * kCoarse, -1);
  for (std::size_t k = 0; k < q.plan.keys; ++k) {
    for (std::uint32_t g : q.groups.of(k)) {
      for (std::size_t which = 0; which < 2; ++which) {
        const Target& t = targets[2 * g + which];
        if (t.coarse == kNoTarget) continue;
        std::int32_t& slot = slots.slot_of[k * kCoarse + t.coarse];
        if (slot < 0) slot = static_cast<std::int32_t>(slots.count++);
      }
    }
  }
  std::vector<std::vector<std::uint32_t>> counted(
      q.scanned.threads, std::vector<std::uint32_t>(slots.count * kFinePerCoarse, 0));
  q.over_rows([&](std::size_t seg, DossierStore::Index first, DossierStore::Index last, unsigned t,
                  std::uint16_t* fine) {
    refine_range(q.source, q.plan, q.rows[seg].col, slots, fine, first, last, counted[t]);
  });
  for (unsigned t = 1; t < q.scanned.threads; ++t) {
    for (std::size_t j = 0; j < counted[0].size(); ++j) counted[0][j] += counted[t][j];
  }
  // Fine counts of each target's bucket: the sum of its group's keys' slots.
  std::vector<std::uint64_t> fine_counts(targets.size() * kFinePerCoarse, 0);
  for (std::size_t k = 0; k < q.plan.keys; ++k) {
    for (std::uint32_t g : q.groups.of(k)) {
      for (std::size_t which = 0; which < 2; ++which) {
        const Target& t = targets[2 * g + which];
        if (t.coarse == kNoTarget) continue;
        const std::int32_t slot = slots.slot_of[k * kCoarse + t.coarse];
        const std::uint32_t* src =
            counted[0].data() + static_cast<std::size_t>(slot) * kFinePerCoarse;
        std::uint64_t* dst = fine_counts.data() + (2 * g + which) * kFinePerCoarse;
        for (std::size_t j = 0; j < kFinePerCoarse; ++j) dst[j] += src[j];
      }
    }
  }
  std::vector<Found> found(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    if (t.coarse == kNoTarget) continue;
    std::uint64_t seen = 0;
    for (std::size_t j = 0; j < kFinePerCoarse; ++j) {
      const std::uint64_t c = fine_counts[i * kFinePerCoarse + j];
      if (seen + c >= t.rank) {
        found[i] = {t.coarse * kFinePerCoarse + j, t.rank - seen};
        break;
      }
      seen += c;
    }
  }
  return found;
}

/// Pass 3: the exact minutes of the dossiers in each target's fine bucket when it spans more
/// than a minute (from 256 minutes up), so that a median or p90 is always a time some dossier
/// took; then every target's value.
std::vector<std::optional<std::int64_t>> exact_values(const QuantileRun& q, const Slots& slots,
                                                      const std::vector<Found>& found) {
  ExactSlots wanted;
  wanted.fine_mask.assign(slots.count, 0);
  std::vector<std::vector<std::uint32_t>> target_slots(found.size());
  for (std::size_t k = 0; k < q.plan.keys; ++k) {
    for (std::uint32_t g : q.groups.of(k)) {
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
  std::vector<std::vector<std::vector<std::int64_t>>> exact(q.scanned.threads);
  if (wanted.count != 0) {
    for (auto& e : exact) e.resize(wanted.count);
    q.over_rows([&](std::size_t seg, DossierStore::Index first, DossierStore::Index last,
                    unsigned t, std::uint16_t* fine) {
      exact_range(q.source, q.plan, q.rows[seg].col, slots, wanted, fine, first, last, exact[t]);
    });
  }
  std::vector<std::optional<std::int64_t>> out(found.size());
  std::vector<std::int64_t> values;
  for (std::size_t target = 0; target < found.size(); ++target) {
    const Found& f = found[target];
    if (f.rank == 0) continue;
    if (ProcessingBuckets::width(f.bucket) == 1) {
      out[target] = ProcessingBuckets::lower_bound(f.bucket);
      continue;
    }
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
    out[target] = *nth;
  }
  return out;
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

/// The first and last receipts of a snapshot's rows (an update never changes a receipt: every
/// row's is a live dossier's); nullopt when it has none.
std::optional<std::pair<StoredTime, StoredTime>> receipt_bounds(const Source& source) {
  StoredTime first = std::numeric_limits<StoredTime>::max();
  StoredTime last = std::numeric_limits<StoredTime>::min();
  bool any = false;
  for (const SourceSegment& seg : source) {
    for (DossierStore::Index i = 0; i < seg.rows; ++i) {
      first = std::min(first, seg.col.received[i]);
      last = std::max(last, seg.col.received[i]);
      any = true;
    }
  }
  if (!any) return std::nullopt;
  return std::pair{first, last};
}

ReportPeriod default_period(const Source& source, std::optional<DayNumber> from,
                            std::optional<DayNumber> to, std::optional<MinuteStamp> as_of) {
  if (!from || !to) {
    const auto bounds = receipt_bounds(source);
    if (!bounds) {
      throw ArgumentError("default_report_period", "no dossier to take the period's bounds from");
    }
    if (!from) {
      CivilDate month = civil_from_days(day_of(bounds->first));
      month.day = 1;
      from = std::min(days_from_civil(month), to.value_or(days_from_civil(month)));
    }
    if (!to) to = std::max(day_of(bounds->second), *from);
  }
  return ReportPeriod::of(*from, *to, as_of);
}

}  // namespace

namespace detail {

Source source_of(const DossierStore& store) {
  SourceSegment s;
  s.col = columns_of(store);
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
  setup.selection = select(units, procedures, options.filter, "report");
  setup.attribution = std::make_shared<const Attribution>(attribute(units, options));
  setup.source = key_source(options.by);
  setup.plan = base_plan(options, calendar, units.size(), procedures.size());
  plan_units(units, options, *setup.attribution, setup.plan);
  plan_procedures(procedures, setup.selection, setup.source, setup.plan);
  setup.first_time_key =
      plan_keys(units, procedures, options, setup.source, day0, last_day, setup.plan);
  return setup;
}

Layout layout_for(const ReportSetup& setup, const UnitRegistry& units,
                  const ProcedureCatalog& procedures, const ReportOptions& options,
                  const std::vector<MetricCounts>& key_counts) {
  return make_layout(units, procedures, options, *setup.attribution, setup.plan, key_counts,
                     setup.first_time_key);
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
    if (const auto bounds = receipt_bounds(source)) day0 = std::min(day0, day_of(bounds->first));
  }
  const ReportSetup setup =
      setup_report(units, procedures, calendar, options, day0, day_of(period.as_of));
  const Scanned scanned = scan_source(source, setup, options);
  Grouped grouped = group(make_layout(units, procedures, options, *setup.attribution, setup.plan,
                                      scanned.sum.counts, setup.first_time_key),
                          scanned.sum.counts);
  if (setup.plan.quantiles && grouped.counts.back().processed != 0) {
    const QuantileRun q{setup.source,          setup.plan, source,      grouped.layout.groups,
                        grouped.counts.size(), scanned,    options.pool};
    Slots slots;
    const std::vector<Found> found =
        fine_targets(q, coarse_targets(q, scanned.sum, grouped.counts), slots);
    const auto values = exact_values(q, slots, found);
    for (std::size_t g = 0; g < grouped.counts.size(); ++g) {
      grouped.processing[g].median_minutes = values[2 * g];
      grouped.processing[g].p90_minutes = values[2 * g + 1];
    }
  }
  std::uint64_t dossiers = 0;
  for (const SourceSegment& seg : source) {
    dossiers += seg.rows - (seg.dead != nullptr ? seg.dead->count() : 0);
  }
  return assemble(std::move(grouped), options, dossiers);
}

}  // namespace detail

ReportPeriod default_report_period(const DossierStore& store, std::optional<DayNumber> from,
                                   std::optional<DayNumber> to, std::optional<MinuteStamp> as_of) {
  return default_period(detail::source_of(store), from, to, as_of);
}

ReportPeriod default_report_period(const StoreSnapshot& snapshot, std::optional<DayNumber> from,
                                   std::optional<DayNumber> to, std::optional<MinuteStamp> as_of) {
  return default_period(detail::source_of(snapshot), from, to, as_of);
}

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

}  // namespace parmetrics
