// The incremental report. Its state: counts per key added and taken out (two tables, both only
// ever added to, so that the engine's own one-dossier scan fills both), a bit per row version
// that a later version superseded, and the wake-up queue. A dossier's contribution is counted by
// scan_range() over a one-row view of its columns: the very code compute_report runs, so that
// the counts cannot drift from it.

#include <parmetrics/metrics/live_report.hpp>

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/thread_pool.hpp>

#include "metrics/live_wake.hpp"
#include "metrics/report_source.hpp"
#include "model/dossier_store_access.hpp"
#include "model/live_journal.hpp"

namespace parmetrics {

namespace {

using detail::JournalRow;

void subtract(MetricCounts& a, const MetricCounts& b) noexcept {
  for (const CountField& f : count_fields()) a.*f.member -= b.*f.member;
}

/// Rows to count together, in the engine's columns: one scan_range over them, as compute_report
/// runs it (a call per dossier would cost twice as much).
class Batch {
 public:
  void clear() noexcept {
    procedure_.clear();
    unit_.clear();
    received_.clear();
    appointment_.clear();
    ended_.clear();
    flags_.clear();
    status_.clear();
    commune_.clear();
    share_.clear();
    event_begin_.resize(1);
    events_.clear();
  }
  void add(const JournalRow& r, std::span<const StoredEvent> events) {
    procedure_.push_back(r.procedure);
    unit_.push_back(r.unit);
    received_.push_back(r.received);
    appointment_.push_back(r.appointment);
    ended_.push_back(r.ended);
    flags_.push_back(r.flags);
    status_.push_back(r.status);
    commune_.push_back(r.commune);
    share_.push_back(r.share);
    events_.insert(events_.end(), events.begin(), events.end());
    event_begin_.push_back(static_cast<std::uint32_t>(events_.size()));
  }
  DossierStore::Index size() const noexcept {
    return static_cast<DossierStore::Index>(received_.size());
  }
  detail::Columns columns() const noexcept {
    return {procedure_.data(), unit_.data(),     commune_.data(),     nullptr,
            share_.data(),     received_.data(), appointment_.data(), ended_.data(),
            flags_.data(),     status_.data(),   event_begin_.data(), events_.data()};
  }

 private:
  std::vector<std::uint32_t> procedure_;
  std::vector<UnitId> unit_, commune_;
  std::vector<std::uint32_t> share_;
  std::vector<StoredTime> received_, appointment_, ended_;
  std::vector<std::uint8_t> flags_, status_;
  std::vector<std::uint32_t> event_begin_{0};
  std::vector<StoredEvent> events_;
};

/// A refresh's rows to count: versions going, counted as of the old as-of or (written by this
/// refresh) the new one, and versions coming.
struct Batches {
  Batch gone_before, gone_now, coming;
};

/// Where one thread of a refresh counts: the report's own tables, or a helper's.
struct Share {
  detail::Plan& plan;  ///< its as_of is set for each batch counted
  detail::Partial& added;
  detail::Partial& removed;
  detail::WakeQueue& wake;
  std::vector<std::uint32_t>* superseded;  ///< versions marked, for a helper; null: the bitset
  Batches& batches;
};

/// A helper thread's tables, merged into the report's after.
struct Helper {
  detail::Plan plan;
  detail::Partial added, removed;
  detail::WakeQueue wake;
  std::vector<std::uint32_t> superseded;
  Batches batches;
};

/// A change the journal holds, and the chunk its events are in.
struct Change {
  const detail::JournalChunk* chunk;
  const detail::JournalEntry* entry;
};

/// Changes and wake-ups below this many are taken in by one thread.
constexpr std::size_t kPerThread = 8192;

}  // namespace

struct LiveReport::Impl {
  const UnitRegistry& units;
  const ProcedureCatalog& procedures;
  const WorkingCalendar& calendar;
  ReportOptions options;  ///< period.as_of: the current as-of
  detail::ReportSetup setup;
  std::shared_ptr<const StoreSnapshot> snapshot;
  detail::Partial added, removed;
  std::vector<std::uint64_t> superseded;  ///< a bit per row version
  detail::WakeQueue wake;
  std::vector<detail::WakeQueue::Due> due;
  std::vector<StoredEvent> due_events;
  LiveReportStats stats;
  // The last layout of report(), and which keys held dossiers then.
  std::optional<detail::Layout> layout;
  std::vector<bool> layout_holding;
  // The last refresh_quantiles(): each row's median and p90 by its key, and the total's.
  using Quantiles = std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>;
  std::unordered_map<std::string, Quantiles> quantiles;
  Quantiles total_quantiles;
  std::uint64_t quantile_changes = 0;
  MinuteStamp quantile_as_of = 0;
  bool have_quantiles = false;

  std::vector<Change> changes;  ///< of the refresh under way
  Batches batches;

  Impl(const UnitRegistry& u, const ProcedureCatalog& p, const WorkingCalendar& c, ReportOptions o)
      : units(u), procedures(p), calendar(c), options(std::move(o)) {}

  void build(std::shared_ptr<const StoreSnapshot> s);
  Share main_share() { return {setup.plan, added, removed, wake, nullptr, batches}; }
  void count(Share& to, const Batch& rows, MinuteStamp as_of, detail::Partial& into) const;
  void watch(Share& to, const JournalRow& r, std::span<const StoredEvent> events,
             MinuteStamp as_of) const;
  void take_in(const StoreSnapshot& next, MinuteStamp as_of);
  void advance(MinuteStamp as_of);
  /// fn(share, first, last) over [0, n) in as many shares as the work is worth (the first the
  /// report's own tables, the others merged into them after).
  template <class Fn>
  void in_shares(std::size_t n, Fn fn);
  void merge(Helper& h);
  bool is_superseded(std::uint32_t version) const noexcept {
    return version / 64 < superseded.size() && (superseded[version / 64] >> (version % 64) & 1u);
  }
  void supersede(std::uint32_t version) {
    if (version / 64 >= superseded.size()) superseded.resize(version / 64 + 1, 0);
    superseded[version / 64] |= std::uint64_t{1} << (version % 64);
  }
};

void LiveReport::Impl::build(std::shared_ptr<const StoreSnapshot> s) {
  snapshot = std::move(s);
  // Keys of periods of receipt for every day a dossier can have: those of the store now, and the
  // calendar's range, which the live store keeps every new receipt in.
  DayNumber day0 = std::min(kFirstSupportedDay, options.period.from);
  DayNumber last = std::max(kLastSupportedDay, day_of(options.period.as_of));
  for (const StoreSnapshot::Segment& seg : snapshot->segments()) {
    for (const StoredTime r : seg.store->received()) {
      day0 = std::min(day0, day_of(r));
      last = std::max(last, day_of(r));
    }
  }
  ReportOptions plain = options;
  plain.processing_quantiles = false;
  setup = detail::setup_report(units, procedures, calendar, plain, day0, last);
  const detail::Source source = detail::source_of(*snapshot);
  added = detail::Partial{};
  added.counts = detail::count_by_key(source, setup, plain);
  removed = detail::Partial{};
  removed.counts.assign(setup.plan.keys, MetricCounts{});
  wake = detail::WakeQueue(options.period.as_of);
  const MinuteStamp as_of = options.period.as_of;
  Share own = main_share();
  // The rows' share buckets cost a code each: only when a unit's dossiers go by them.
  bool by_share = false;
  for (const detail::Route& route : setup.attribution->routes) by_share |= !route.by_day;
  std::string code;
  for (const StoreSnapshot::Segment& seg : snapshot->segments()) {
    const auto events = seg.store->events();
    for (DossierStore::Index i = 0; i < seg.store->size(); ++i) {
      if (!seg.live(i)) continue;
      const std::uint32_t share =
          by_share
              ? detail::share_bucket(detail::DossierStoreAccess::code_view(*seg.store, i, code))
              : 0;
      const JournalRow r = detail::journal_row(*seg.store, i, seg.version(i), share);
      watch(own, r, events.subspan(r.event_begin, r.event_count), as_of);
    }
  }
}

void LiveReport::Impl::count(Share& to, const Batch& rows, MinuteStamp as_of,
                             detail::Partial& into) const {
  to.plan.as_of = as_of;
  detail::scan_range(setup.source, to.plan, rows.columns(), 0, rows.size(), into, nullptr);
}

void LiveReport::Impl::watch(Share& to, const JournalRow& r, std::span<const StoredEvent> events,
                             MinuteStamp as_of) const {
  if (!detail::may_change(r, events, as_of)) return;
  const MinuteStamp at = detail::next_wake(r, events, as_of, calendar, options.policy);
  if (at != detail::kNever) to.wake.push(at, r, events);
}

template <class Fn>
void LiveReport::Impl::in_shares(std::size_t n, Fn fn) {
  std::size_t shares = std::max<std::size_t>(1, n / kPerThread);
  const unsigned cores = options.pool != nullptr
                             ? options.pool->concurrency()
                             : std::max(1u, std::thread::hardware_concurrency());
  shares = std::min<std::size_t>(shares, options.threads != 0 ? options.threads : cores);
  if (shares <= 1) {
    Share own = main_share();
    fn(own, std::size_t{0}, n);
    return;
  }
  // Each helper starts from a copy of the plan, made before any share runs: a share sets its
  // plan's as-of as it counts.
  std::vector<Helper> helpers(shares - 1);
  for (Helper& h : helpers) {
    h.plan = setup.plan;
    h.wake = detail::WakeQueue(wake.start());
    h.added.counts.assign(setup.plan.keys, MetricCounts{});
    h.removed.counts.assign(setup.plan.keys, MetricCounts{});
  }
  const auto task = [&](unsigned t) {
    const std::size_t first = n * t / shares;
    const std::size_t last = n * (t + 1) / shares;
    if (t == 0) {
      Share own = main_share();
      return fn(own, first, last);
    }
    Helper& h = helpers[t - 1];
    Share share{h.plan, h.added, h.removed, h.wake, &h.superseded, h.batches};
    fn(share, first, last);
  };
  if (options.pool != nullptr) {
    options.pool->run(static_cast<unsigned>(shares), task);
  } else {
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> errors(shares);
    for (unsigned t = 1; t < shares; ++t) {
      threads.emplace_back([&, t] {
        try {
          task(t);
        } catch (...) {
          errors[t] = std::current_exception();  // rethrown below
        }
      });
    }
    task(0);
    for (std::thread& th : threads) th.join();
    for (const std::exception_ptr& e : errors) {
      if (e) std::rethrow_exception(e);
    }
  }
  for (Helper& h : helpers) merge(h);
}

void LiveReport::Impl::merge(Helper& h) {
  for (std::size_t k = 0; k < added.counts.size(); ++k) {
    added.counts[k] += h.added.counts[k];
    removed.counts[k] += h.removed.counts[k];
  }
  added.unknown_units += h.added.unknown_units;
  removed.unknown_units += h.removed.unknown_units;
  wake.absorb(std::move(h.wake));
  for (const std::uint32_t v : h.superseded) supersede(v);
}

void LiveReport::Impl::take_in(const StoreSnapshot& next, MinuteStamp as_of) {
  // Every live version is counted as of the current as-of, but those this refresh writes: they
  // are counted as of the new one at once (a version is new when it is numbered from the old
  // snapshot's count of changes on).
  const MinuteStamp before = options.period.as_of;
  const std::uint64_t first_new = snapshot->changes();
  changes.clear();
  detail::SnapshotAccess::for_each_change(
      *snapshot, next, [&](const detail::JournalChunk& c, const detail::JournalEntry& e) {
        changes.push_back({&c, &e});
      });
  in_shares(changes.size(), [&](Share& to, std::size_t first, std::size_t last) {
    Batches& b = to.batches;
    b.gone_before.clear();
    b.gone_now.clear();
    b.coming.clear();
    for (std::size_t i = first; i < last; ++i) {
      const detail::JournalChunk& c = *changes[i].chunk;
      const detail::JournalEntry& e = *changes[i].entry;
      if (e.has_before) {
        (e.before.version >= first_new ? b.gone_now : b.gone_before)
            .add(e.before, c.events_of(e.before));
        if (to.superseded != nullptr) {
          to.superseded->push_back(e.before.version);
        } else {
          supersede(e.before.version);
        }
      }
      b.coming.add(e.after, c.events_of(e.after));
      watch(to, e.after, c.events_of(e.after), as_of);
    }
    count(to, b.gone_before, before, to.removed);
    count(to, b.gone_now, as_of, to.removed);
    count(to, b.coming, as_of, to.added);
  });
  stats.changes += changes.size();
}

void LiveReport::Impl::advance(MinuteStamp as_of) {
  const MinuteStamp before = options.period.as_of;
  wake.take(as_of, due, due_events);
  std::atomic<std::uint64_t> woken{0};
  in_shares(due.size(), [&](Share& to, std::size_t first, std::size_t last) {
    Batch& rows = to.batches.coming;
    rows.clear();
    for (std::size_t i = first; i < last; ++i) {
      const detail::WakeQueue::Due& d = due[i];
      if (is_superseded(d.row.version)) continue;
      const auto events =
          std::span<const StoredEvent>(due_events).subspan(d.row.event_begin, d.row.event_count);
      rows.add(d.row, events);
      watch(to, d.row, events, as_of);
    }
    count(to, rows, before, to.removed);
    count(to, rows, as_of, to.added);
    woken += rows.size();
  });
  stats.woken += woken.load();
  options.period.as_of = as_of;
}

LiveReport::LiveReport(std::shared_ptr<const StoreSnapshot> snapshot, const UnitRegistry& units,
                       const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                       ReportOptions options)
    : impl_(std::make_unique<Impl>(units, procedures, calendar, std::move(options))) {
  if (!snapshot) throw ArgumentError("LiveReport", "no snapshot");
  impl_->build(std::move(snapshot));
}

LiveReport::~LiveReport() = default;
LiveReport::LiveReport(LiveReport&&) noexcept = default;
LiveReport& LiveReport::operator=(LiveReport&&) noexcept = default;

void LiveReport::refresh(std::shared_ptr<const StoreSnapshot> snapshot, Minute as_of) {
  Impl& m = *impl_;
  if (!snapshot) throw ArgumentError("LiveReport::refresh", "no snapshot");
  if (detail::SnapshotAccess::origin(*snapshot) != detail::SnapshotAccess::origin(*m.snapshot) ||
      snapshot->changes() < m.snapshot->changes()) {
    throw ArgumentError("LiveReport::refresh",
                        "the snapshot is not a later one of the report's store");
  }
  if (as_of.value() < m.options.period.as_of) {
    throw ArgumentError("LiveReport::refresh", fmt::format("as-of moved back ({} minutes)",
                                                           m.options.period.as_of - as_of.value()));
  }
  // The changes first (marking the versions they supersede), counted as of the new as-of at
  // once; then the wake-ups due by it, of the versions still live, all counted as of the old.
  m.take_in(*snapshot, as_of.value());
  m.snapshot = std::move(snapshot);
  m.advance(as_of.value());
  if (m.added.unknown_units != m.removed.unknown_units) {
    throw ArgumentError("LiveReport::refresh",
                        "a dossier names a unit id that the unit registry does not hold");
  }
  ++m.stats.refreshes;
}

void LiveReport::refresh(std::shared_ptr<const StoreSnapshot> snapshot) {
  refresh(std::move(snapshot), Minute(impl_->options.period.as_of));
}

Report LiveReport::report() const {
  Impl& m = *impl_;
  std::vector<MetricCounts> own = m.added.counts;
  std::vector<bool> holding(own.size());
  for (std::size_t k = 0; k < own.size(); ++k) {
    subtract(own[k], m.removed.counts[k]);
    holding[k] = detail::has_dossiers(own[k]);
  }
  // The rows depend only on which keys hold dossiers: laid out again when that changes.
  if (!m.layout || holding != m.layout_holding) {
    m.layout = detail::layout_for(m.setup, m.units, m.procedures, m.options, own);
    m.layout_holding = std::move(holding);
  }
  Report r = detail::report_from_layout(*m.layout, own, m.options, m.snapshot->size());
  if (m.have_quantiles && m.options.processing_quantiles) {
    const auto fill = [](ReportRow& row, const Impl::Quantiles& q) {
      row.processing.median_minutes = q.first;
      row.processing.p90_minutes = q.second;
    };
    for (ReportRow& row : r.rows) {
      if (const auto it = m.quantiles.find(row.key); it != m.quantiles.end()) fill(row, it->second);
    }
    fill(r.total, m.total_quantiles);
  }
  return r;
}

void LiveReport::refresh_quantiles() {
  Impl& m = *impl_;
  ReportOptions o = m.options;
  o.processing_quantiles = true;
  const Report full = compute_report(*m.snapshot, m.units, m.procedures, m.calendar, o);
  m.quantiles.clear();
  for (const ReportRow& row : full.rows) {
    m.quantiles[row.key] = {row.processing.median_minutes, row.processing.p90_minutes};
  }
  m.total_quantiles = {full.total.processing.median_minutes, full.total.processing.p90_minutes};
  m.quantile_changes = m.snapshot->changes();
  m.quantile_as_of = m.options.period.as_of;
  m.have_quantiles = true;
}

bool LiveReport::quantiles_current() const noexcept {
  const Impl& m = *impl_;
  return m.have_quantiles && m.quantile_changes == m.snapshot->changes() &&
         m.quantile_as_of == m.options.period.as_of;
}

MinuteStamp LiveReport::as_of() const noexcept {
  return impl_->options.period.as_of;
}

const std::shared_ptr<const StoreSnapshot>& LiveReport::snapshot() const noexcept {
  return impl_->snapshot;
}

LiveReportStats LiveReport::stats() const noexcept {
  LiveReportStats s = impl_->stats;
  s.pending = impl_->wake.size();
  return s;
}

}  // namespace parmetrics
