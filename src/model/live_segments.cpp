#include "model/live_segments.hpp"

#include <parmetrics/error.hpp>

#include <algorithm>
#include <bit>
#include <limits>
#include <utility>

#include "metrics/attribution.hpp"
#include "model/dossier_store_access.hpp"

namespace parmetrics::detail {

namespace {

using Index = DossierStore::Index;

std::size_t dead_count(const std::shared_ptr<DeadRows>& dead) {
  return dead ? dead->count() : 0;
}

}  // namespace

/// A merge of the segments at `positions` (in order): their live rows, in order, into one store,
/// on its own thread. The inputs' maps of superseded rows are those of the epoch the merge
/// started in (the writer copies a map before marking it after that), so the thread reads only
/// what nobody writes.
struct LiveSegments::Merge {
  std::vector<std::size_t> positions;
  std::vector<StoreSnapshot::Segment> inputs;
  std::size_t rows = 0;  ///< of the inputs
  DossierStore out;
  std::vector<std::uint32_t> versions;
  std::atomic<bool> done{false};
  std::atomic<bool> cancel{false};
  std::exception_ptr error;
  std::thread thread;

  void run() noexcept {
    try {
      std::size_t live = 0;
      for (const StoreSnapshot::Segment& s : inputs) live += s.store->size() - s.dead_rows();
      out.reserve(live);
      versions.reserve(live);
      Dossier d;
      for (const StoreSnapshot::Segment& s : inputs) {
        const DossierStore& in = *s.store;
        const auto status = in.status();
        for (Index i = 0; i < in.size(); ++i) {
          if (!s.live(i)) continue;
          if ((i & 4095) == 0 && cancel.load(std::memory_order_relaxed)) break;
          DossierStoreAccess::read_row(in, i, d);
          DossierStoreAccess::push(out, d, d.code, DossierStore::code_hash(d.code),
                                   dossier_status::appointment_computed(status[i]));
          versions.push_back(s.version(i));
        }
      }
    } catch (...) {
      error = std::current_exception();
    }
    done.store(true, std::memory_order_release);
  }
};

LiveSegments::LiveSegments(const LiveStoreOptions& options)
    : options_(options), journal_(std::make_shared<JournalChunk>()) {
  tail_capacity_ = std::min<std::size_t>(kFirstTail, options_.tail_rows);
}

LiveSegments::~LiveSegments() {
  if (merge_ && merge_->thread.joinable()) {
    merge_->cancel.store(true, std::memory_order_relaxed);
    merge_->thread.join();
  }
  if (reaper_.joinable()) reaper_.join();
}

void LiveSegments::adopt(DossierStore base) {
  if (base.empty()) return;
  next_version_ = static_cast<std::uint32_t>(base.size());
  segments_.push_back({std::make_shared<const DossierStore>(std::move(base)), nullptr, 0, nullptr});
}

std::optional<LiveSegments::Location> LiveSegments::locate(std::string_view code,
                                                           std::size_t hash) const {
  if (tail_) {
    const auto i = tail_->find(code, hash);
    if (i && !(tail_dead_ && tail_dead_->test(*i))) return Location{segments_.size(), *i};
  }
  // Newest first: recent dossiers are the ones that change.
  for (std::size_t s = segments_.size(); s-- > 0;) {
    const Segment& seg = segments_[s];
    const auto i = seg.store->find(code, hash);
    if (i && !(seg.dead && seg.dead->test(*i))) return Location{s, *i};
  }
  return std::nullopt;
}

const DossierStore& LiveSegments::store_of(const Location& at) const {
  return at.segment == segments_.size() ? *tail_ : *segments_[at.segment].store;
}

std::uint32_t LiveSegments::version_of(const Location& at) const {
  if (at.segment == segments_.size()) return tail_first_version_ + at.row;
  const Segment& s = segments_[at.segment];
  return s.versions ? (*s.versions)[at.row] : s.first_version + at.row;
}

DossierStore& LiveSegments::tail_with_room() {
  if (tail_ && tail_->size() >= tail_capacity_) freeze();
  if (!tail_) {
    // Its index is made for tail_capacity_ rows: a tail is frozen when full, never re-indexed.
    tail_ = std::make_unique<DossierStore>();
    tail_->reserve(tail_capacity_);
    tail_first_version_ = next_version_;
  }
  return *tail_;
}

void LiveSegments::freeze() {
  if (!tail_ || tail_->empty()) return;
  const std::size_t rows = tail_->size();
  // The next tail is sized for what this one took (a tail frozen by a snapshot may hold few).
  tail_capacity_ = std::clamp<std::size_t>(std::bit_ceil(2 * rows),
                                           std::min<std::size_t>(kFirstTail, options_.tail_rows),
                                           options_.tail_rows);
  segments_.push_back({std::shared_ptr<const DossierStore>(std::move(tail_)), std::move(tail_dead_),
                       tail_first_version_, nullptr});
  tail_.reset();
  tail_dead_.reset();
  merge_due_ = true;
}

LiveSegments::Location LiveSegments::push(const Dossier& d, std::string_view code, std::size_t hash,
                                          bool computed, std::optional<Index> replaces) {
  if (next_version_ == std::numeric_limits<std::uint32_t>::max()) {
    throw RangeError("LiveStore", "4,294,967,295 changes taken: rebuild the store from a snapshot");
  }
  const Index row = DossierStoreAccess::push(*tail_, d, code, hash, computed, replaces);
  ++next_version_;
  return {segments_.size(), row};
}

LiveSegments::Location LiveSegments::append(const Dossier& d, std::string_view code,
                                            std::size_t hash, bool computed) {
  tail_with_room();
  const Location at = push(d, code, hash, computed, std::nullopt);
  journal(nullptr, at);
  return at;
}

LiveSegments::Location LiveSegments::supersede(const Location& old, const Dossier& d,
                                               std::size_t hash, bool computed) {
  // Freezing the tail for room leaves `old`, if it was in the tail, naming the segment the tail
  // became: the same number.
  tail_with_room();
  const bool in_tail = old.segment == segments_.size();
  const Location at =
      push(d, d.code, hash, computed, in_tail ? std::optional<Index>(old.row) : std::nullopt);
  kill(old);
  journal(&old, at);
  return at;
}

void LiveSegments::kill(const Location& at) {
  if (at.segment == segments_.size()) {
    kill_row(tail_dead_, tail_->size(), at.row);
  } else {
    kill_row(segments_[at.segment].dead, segments_[at.segment].store->size(), at.row);
  }
}

void LiveSegments::kill_row(std::shared_ptr<DeadRows>& dead, std::size_t rows, Index row) {
  // Made in an earlier epoch, a map or a chunk may be a snapshot's: copied before it changes.
  if (!dead) {
    dead = std::make_shared<DeadRows>();
    dead->epoch_ = epoch_;
  } else if (dead->epoch_ != epoch_) {
    dead = std::make_shared<DeadRows>(*dead);
    dead->epoch_ = epoch_;
  }
  const std::size_t chunks = (rows + DeadRows::kChunkRows - 1) / DeadRows::kChunkRows;
  if (dead->chunks_.size() < chunks) dead->chunks_.resize(chunks);
  std::shared_ptr<DeadRows::Chunk>& chunk = dead->chunks_[row / DeadRows::kChunkRows];
  if (!chunk) {
    chunk = std::make_shared<DeadRows::Chunk>();
    chunk->epoch = epoch_;
  } else if (chunk->epoch != epoch_) {
    chunk = std::make_shared<DeadRows::Chunk>(*chunk);
    chunk->epoch = epoch_;
  }
  chunk->bits[row % DeadRows::kChunkRows / 64] |= std::uint64_t{1} << (row % 64);
  ++dead->count_;
}

JournalRow LiveSegments::journal_row(const Location& at, JournalChunk& chunk) const {
  const DossierStore& s = store_of(at);
  JournalRow r =
      detail::journal_row(s, at.row, version_of(at),
                          share_bucket(DossierStoreAccess::code_view(s, at.row, code_scratch_)));
  const auto events = s.events_of(at.row);
  r.event_begin = static_cast<std::uint32_t>(chunk.event_count);
  std::copy(events.begin(), events.end(), chunk.events.get() + chunk.event_count);
  chunk.event_count += events.size();
  return r;
}

void LiveSegments::journal(const Location* before, const Location& after) {
  std::size_t events = store_of(after).events_of(after.row).size();
  if (before != nullptr) events += store_of(*before).events_of(before->row).size();
  JournalChunk* c = journal_.get();
  if (c->entry_count == JournalChunk::kEntries || c->event_count + events > c->event_capacity) {
    auto next = std::make_shared<JournalChunk>(std::max(JournalChunk::kEvents, events));
    c->next = next;
    journal_ = std::move(next);
    c = journal_.get();
  }
  JournalEntry& e = c->entries[c->entry_count];
  e.has_before = before != nullptr;
  if (before != nullptr) e.before = journal_row(*before, *c);
  e.after = journal_row(after, *c);
  ++c->entry_count;
}

std::shared_ptr<const StoreSnapshot> LiveSegments::snapshot(const void* origin) {
  freeze();
  auto s = std::make_shared<StoreSnapshot>();
  s->segments_.reserve(segments_.size());
  for (const Segment& seg : segments_) {
    s->segments_.push_back({seg.store, seg.dead, seg.first_version, seg.versions});
    s->rows_ += seg.store->size();
    s->size_ += seg.store->size() - dead_count(seg.dead);
  }
  s->changes_ = next_version_;
  s->origin_ = origin;
  s->journal_ = journal_;
  s->journal_entries_ = journal_->entry_count;
  ++epoch_;  // what the snapshot shares is copied before the writer changes it
  return s;
}

std::vector<std::size_t> LiveSegments::due_merge() const {
  // Size tiers (as Cassandra's size-tiered compaction): tier t holds the segments of
  // factor^t … factor^(t+1) - 1 live rows; a tier with `factor` segments merges into one of a
  // higher tier, wherever they are (a dossier's live row is in one segment: their order does not
  // matter). So at most factor - 1 segments per tier, a row is copied once per tier it climbs.
  const std::size_t factor = options_.merge_factor;
  const auto tier = [&](const Segment& s) {
    std::size_t n = s.store->size() - dead_count(s.dead);
    std::size_t t = 0;
    for (; n >= factor; n /= factor) ++t;
    return t;
  };
  std::vector<std::vector<std::size_t>> tiers;
  for (std::size_t j = 0; j < segments_.size(); ++j) {
    const std::size_t t = tier(segments_[j]);
    if (t >= tiers.size()) tiers.resize(t + 1);
    tiers[t].push_back(j);
    if (tiers[t].size() == factor) return tiers[t];
  }
  // A segment more than half superseded is rewritten alone.
  for (std::size_t j = 0; j < segments_.size(); ++j) {
    if (2 * dead_count(segments_[j].dead) > segments_[j].store->size()) return {j};
  }
  return {};
}

void LiveSegments::start_merge(std::vector<std::size_t> positions) {
  merge_ = std::make_unique<Merge>();
  std::size_t rows = 0;
  for (const std::size_t k : positions) {
    const Segment& s = segments_[k];
    merge_->inputs.push_back({s.store, s.dead, s.first_version, s.versions});
    rows += s.store->size();
  }
  merge_->positions = std::move(positions);
  merge_->rows = rows;
  ++epoch_;  // the inputs' maps are now the merge's: the writer copies before marking
  if (options_.background_merges && rows > options_.inline_merge_rows) {
    merge_->thread = std::thread([m = merge_.get()] { m->run(); });
  } else {
    merge_->run();
    install_merge();
  }
}

void LiveSegments::install_merge() {
  Merge& m = *merge_;
  if (m.thread.joinable()) m.thread.join();
  if (m.error) {
    const std::exception_ptr error = m.error;
    merge_.reset();
    std::rethrow_exception(error);
  }
  // Rows superseded while the merge ran: marked again at their place in the merged store.
  std::shared_ptr<DeadRows> dead;
  std::size_t offset = 0;
  for (std::size_t k = 0; k < m.inputs.size(); ++k) {
    const StoreSnapshot::Segment& in = m.inputs[k];
    const DeadRows* before = in.dead.get();
    const Segment& current = segments_[m.positions[k]];
    if (current.store != in.store) throw Error("internal error: a merge's input moved");
    const DeadRows* now = current.dead.get();
    const std::size_t rows = in.store->size();
    if (now != nullptr && now != before) {
      std::size_t live_before = 0;  // rows kept before word w
      for (std::size_t w = 0; 64 * w < rows; ++w) {
        const std::uint64_t was = before != nullptr ? before->word(w) : 0;
        for (std::uint64_t fresh = now->word(w) & ~was; fresh != 0; fresh &= fresh - 1) {
          const int bit = std::countr_zero(fresh);
          const auto rank =
              static_cast<std::size_t>(std::popcount(~was & ((std::uint64_t{1} << bit) - 1)));
          kill_row(dead, m.out.size(), static_cast<Index>(offset + live_before + rank));
        }
        live_before += static_cast<std::size_t>(std::popcount(~was));
      }
    }
    offset += rows - in.dead_rows();
  }
  // The merged segment takes the place of the newest input; the others go.
  Segment merged{std::make_shared<const DossierStore>(std::move(m.out)), std::move(dead), 0,
                 std::make_shared<const std::vector<std::uint32_t>>(std::move(m.versions))};
  const std::size_t last = m.positions.back();
  for (std::size_t k = m.positions.size(); k-- > 0;) {
    const auto at = segments_.begin() + static_cast<std::ptrdiff_t>(m.positions[k]);
    if (m.positions[k] == last && !merged.store->empty()) {
      *at = std::move(merged);
    } else {
      segments_.erase(at);
    }
  }
  if (m.thread.joinable() || m.rows > options_.inline_merge_rows) {
    // The inputs are freed on a thread of their own: unmapping a large store takes milliseconds
    // (8.7 ms for a few million rows) that the writer would wait for.
    if (reaper_.joinable()) reaper_.join();
    reaper_ = std::thread([garbage = std::move(m.inputs)]() mutable { garbage.clear(); });
  }
  merge_.reset();
  ++merges_;
  merge_due_ = true;
}

void LiveSegments::maintain(bool wait) {
  for (;;) {
    if (merge_) {
      if (!wait && !merge_->done.load(std::memory_order_acquire)) return;
      install_merge();
    }
    if (!merge_due_) return;
    merge_due_ = false;
    std::vector<std::size_t> due = due_merge();
    if (due.empty()) return;
    start_merge(std::move(due));
    if (!wait && merge_) return;  // running on its thread
  }
}

LiveStoreStats LiveSegments::stats() const {
  LiveStoreStats s;
  s.segments = segments_.size();
  for (const Segment& seg : segments_) {
    s.dead_rows += dead_count(seg.dead);
    s.dossiers += seg.store->size() - dead_count(seg.dead);
    s.memory_bytes += seg.store->memory_bytes();
  }
  if (tail_) {
    s.tail_rows = tail_->size();
    s.dead_rows += dead_count(tail_dead_);
    s.dossiers += tail_->size() - dead_count(tail_dead_);
    s.memory_bytes += tail_->memory_bytes();
  }
  s.changes = next_version_;
  s.merges = merges_;
  s.merging = merge_ != nullptr;
  return s;
}

}  // namespace parmetrics::detail
