#pragma once
// The live store's journal of changes: for each append or update, the columns of the row it
// superseded (if any) and of the row it wrote, with their events, so that an incremental report
// takes a dossier's old contribution out and puts its new one in without reading the store.
// Chunks of fixed capacity, linked oldest to newest by shared pointers: a snapshot holds the chunk
// where the changes after it begin, and chunks no snapshot or report needs are freed. Internal.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/live_store.hpp>

namespace parmetrics::detail {

/// A row's columns as the rules and the report's keys read them; its events are
/// events[event_begin, event_begin + event_count) of the chunk.
struct JournalRow {
  std::uint32_t version = 0;
  UnitId unit = 0;
  std::uint32_t procedure = kNoProcedure;
  StoredTime received = 0;
  StoredTime appointment = kNoTime;
  StoredTime ended = kNoTime;
  std::uint8_t status = 0;
  std::uint8_t flags = 0;
  std::uint32_t event_begin = 0;
  std::uint32_t event_count = 0;
  UnitId commune = kNoCommune;
  /// The code's share bucket (share_bucket in metrics/attribution.hpp): where a report that
  /// shares a unit's dossiers out between successors by code puts this one.
  std::uint32_t share = 0;
};

/// Row i of `store` with its version and its code's share bucket; event_begin is the row's in
/// the store's events.
inline JournalRow journal_row(const DossierStore& store, DossierStore::Index i,
                              std::uint32_t version, std::uint32_t share) noexcept {
  JournalRow r;
  r.share = share;
  if (!store.commune().empty()) r.commune = store.commune()[i];
  r.version = version;
  r.unit = store.unit()[i];
  r.procedure = store.procedure()[i];
  r.received = store.received()[i];
  r.appointment = store.appointment()[i];
  r.ended = store.ended()[i];
  r.status = store.status()[i];
  r.flags = store.flags()[i];
  r.event_begin = store.event_begin()[i];
  r.event_count = store.event_begin()[i + 1] - r.event_begin;
  return r;
}

struct JournalEntry {
  bool has_before = false;  ///< an update; an append has no row before
  JournalRow before;
  JournalRow after;
};

/// Written by the writer only while it is the journal's newest chunk (entries and events never
/// move: the arrays have a fixed capacity); readers read entries [0, n) with n from a snapshot,
/// or all of them once `next` is set (the chunk is then complete and never written again).
struct JournalChunk {
  // Small enough (about 100 KiB) to come from the heap rather than mmap: a refresh frees the
  // chunks it has read, and unmapping costs more than reading them.
  static constexpr std::size_t kEntries = 1024;
  static constexpr std::size_t kEvents = 2048;

  explicit JournalChunk(std::size_t event_capacity = kEvents)
      : entries(new JournalEntry[kEntries]),
        events(new StoredEvent[event_capacity]),
        event_capacity(event_capacity) {}

  std::unique_ptr<JournalEntry[]> entries;
  std::unique_ptr<StoredEvent[]> events;
  std::size_t event_capacity;
  std::size_t entry_count = 0;
  std::size_t event_count = 0;
  std::shared_ptr<const JournalChunk> next;

  std::span<const StoredEvent> events_of(const JournalRow& r) const noexcept {
    return {events.get() + r.event_begin, r.event_count};
  }
};

/// What an incremental report reads of a snapshot beyond its public interface.
struct SnapshotAccess {
  static const void* origin(const StoreSnapshot& s) noexcept { return s.origin_; }

  /// fn(chunk, entry) for every change after `from` up to `to` (a later snapshot of the same
  /// store), oldest first.
  template <class Fn>
  static void for_each_change(const StoreSnapshot& from, const StoreSnapshot& to, Fn fn) {
    const JournalChunk* c = from.journal_.get();
    std::size_t i = from.journal_entries_;
    for (;;) {
      const bool last = c == to.journal_.get();
      const std::size_t end = last ? to.journal_entries_ : c->entry_count;
      for (; i < end; ++i) fn(*c, c->entries[i]);
      if (last) return;
      c = c->next.get();
      i = 0;
    }
  }
};

}  // namespace parmetrics::detail
