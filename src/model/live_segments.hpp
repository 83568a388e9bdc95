#pragma once
// The live store's rows: immutable segments (DossierStores with their own code index), their maps
// of superseded rows (copied on write after a snapshot), a mutable tail, the journal of changes,
// and the merges of segments by size tiers. LiveStore adds the rules. Internal; every member
// function is called with LiveStore's lock held, except the merge's own thread.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <parmetrics/model/live_store.hpp>

#include "model/live_journal.hpp"

namespace parmetrics::detail {

class LiveSegments {
 public:
  struct Segment {
    std::shared_ptr<const DossierStore> store;
    std::shared_ptr<DeadRows> dead;  ///< null: none superseded
    std::uint32_t first_version = 0;
    std::shared_ptr<const std::vector<std::uint32_t>> versions;
  };
  /// A row: segments()[segment], or the tail when segment == segments().size().
  struct Location {
    std::size_t segment = 0;
    DossierStore::Index row = 0;
  };

  explicit LiveSegments(const LiveStoreOptions& options);
  ~LiveSegments();

  /// Takes a batch store as the first segment (versions 0 … n - 1).
  void adopt(DossierStore base);

  std::optional<Location> locate(std::string_view code, std::size_t hash) const;
  const DossierStore& store_of(const Location& at) const;

  /// Appends `d` as a new dossier (its code is in no segment); returns its location.
  Location append(const Dossier& d, std::string_view code, std::size_t hash, bool computed);
  /// Writes `d` as the new version of the row at `old`, which is marked superseded.
  Location supersede(const Location& old, const Dossier& d, std::size_t hash, bool computed);

  /// Freezes the tail and shares everything (the epoch moves on: later writes copy first).
  std::shared_ptr<const StoreSnapshot> snapshot(const void* origin);

  /// Starts a merge when one is due and none runs, or puts a finished one in place; with
  /// `wait`, waits for a running one first.
  void maintain(bool wait);

  LiveStoreStats stats() const;
  std::uint64_t changes() const noexcept { return next_version_; }

 private:
  struct Merge;
  static constexpr std::size_t kFirstTail = 1024;  ///< rows of a first tail, and the least
  LiveStoreOptions options_;
  std::size_t tail_capacity_ = kFirstTail;
  std::vector<Segment> segments_;
  std::unique_ptr<DossierStore> tail_;
  std::shared_ptr<DeadRows> tail_dead_;
  std::uint32_t tail_first_version_ = 0;
  std::uint32_t next_version_ = 0;
  std::uint64_t epoch_ = 1;
  std::shared_ptr<JournalChunk> journal_;
  std::unique_ptr<Merge> merge_;
  std::thread reaper_;  ///< frees the stores a merge replaced
  std::uint64_t merges_ = 0;
  bool merge_due_ = false;
  mutable std::string code_scratch_;  ///< the writer's, for journal_row's code

  DossierStore& tail_with_room();
  void freeze();
  void kill(const Location& at);
  void kill_row(std::shared_ptr<DeadRows>& dead, std::size_t rows, DossierStore::Index row);
  Location push(const Dossier& d, std::string_view code, std::size_t hash, bool computed,
                std::optional<DossierStore::Index> replaces);
  void journal(const Location* before, const Location& after);
  JournalRow journal_row(const Location& at, JournalChunk& chunk) const;
  std::uint32_t version_of(const Location& at) const;

  /// The segments to merge next (positions, in order), or none.
  std::vector<std::size_t> due_merge() const;
  void start_merge(std::vector<std::size_t> positions);
  void install_merge();
};

}  // namespace parmetrics::detail
