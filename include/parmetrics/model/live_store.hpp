#pragma once
// A store of dossiers that lives with the system: dossiers are appended (their appointment
// computed when not recorded) and then recorded by code as they end, are returned, wait for a
// supplement, are apologised for; readers take snapshots and compute reports on them while the
// writer goes on. docs/live-store.md describes the model, the rules of each update and costs.
//
// Thread-safety: any call from any thread. The writes (append, the record_… functions) are
// serialised by the store's lock: one writer at a time, each for a few microseconds; snapshot()
// takes the lock only for O(segments) pointer copies, so readers never hold the writer up for
// the length of a report. A snapshot is immutable and may be shared between threads; the writer
// never changes what a snapshot holds.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/minute.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_store.hpp>

namespace parmetrics {

class WorkingCalendar;

namespace detail {
struct JournalChunk;
class LiveSegments;
struct SnapshotAccess;
}  // namespace detail

/// Rows of a segment that an update has superseded (a newer version of the dossier is in a newer
/// segment): a bitmap in chunks of 64 Ki rows, shared between snapshots and copied chunk by chunk
/// when the writer marks a row after a snapshot (copy on write).
class PARMETRICS_API DeadRows {
 public:
  static constexpr std::size_t kChunkWords = 1024;
  static constexpr std::size_t kChunkRows = kChunkWords * 64;

  bool test(std::size_t row) const noexcept {
    const Chunk* c = row / kChunkRows < chunks_.size() ? chunks_[row / kChunkRows].get() : nullptr;
    return c != nullptr && (c->bits[row % kChunkRows / 64] >> (row % 64) & 1u) != 0;
  }
  /// Bits 64 w … 64 w + 63 (0 past the end).
  std::uint64_t word(std::size_t w) const noexcept {
    const Chunk* c = w / kChunkWords < chunks_.size() ? chunks_[w / kChunkWords].get() : nullptr;
    return c == nullptr ? 0 : c->bits[w % kChunkWords];
  }
  /// Rows marked.
  std::size_t count() const noexcept { return count_; }

 private:
  friend class detail::LiveSegments;
  struct Chunk {
    std::uint64_t bits[kChunkWords] = {};
    std::uint64_t epoch = 0;  ///< the writer's epoch it was made in: writable in place in it
  };
  std::vector<std::shared_ptr<Chunk>> chunks_;  ///< null: no row of the chunk marked
  std::size_t count_ = 0;
  std::uint64_t epoch_ = 0;
};

/// The store as of one instant of the writer: immutable segments (each a DossierStore with its
/// own code index) and the rows of each that later versions superseded. Made by
/// LiveStore::snapshot(); compute_report, compute_form and list_dossiers take one.
///
/// Thread-safety: immutable; any number of threads may read it.
class PARMETRICS_API StoreSnapshot {
 public:
  struct Segment {
    std::shared_ptr<const DossierStore> store;
    std::shared_ptr<const DeadRows> dead;  ///< null when no row is superseded
    /// The version (LiveStore's count of changes when the row was written) of row i:
    /// first_version + i, or versions[i] for a segment merged from others.
    std::uint32_t first_version = 0;
    std::shared_ptr<const std::vector<std::uint32_t>> versions;

    std::uint32_t version(DossierStore::Index i) const noexcept {
      return versions ? (*versions)[i] : first_version + i;
    }
    bool live(DossierStore::Index i) const noexcept { return !dead || !dead->test(i); }
    std::size_t dead_rows() const noexcept { return dead ? dead->count() : 0; }
  };

  /// Oldest first; a dossier's live row is in exactly one of them.
  std::span<const Segment> segments() const noexcept { return segments_; }
  /// Dossiers (live rows).
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  /// Rows of all segments, superseded ones included: the range of positions.
  std::size_t rows() const noexcept { return rows_; }
  /// Changes the store had taken when the snapshot was made (appends and updates, from 1).
  std::uint64_t changes() const noexcept { return changes_; }

  /// The dossier with this code, newest segment first.
  std::optional<Dossier> find(std::string_view code) const;
  /// A position: segments in order, each's rows (superseded ones included) in order. The rows
  /// list_dossiers lists carry theirs (DossierListRow::index).
  Dossier row(std::size_t position) const;

 private:
  friend class detail::LiveSegments;
  friend struct detail::SnapshotAccess;
  std::vector<Segment> segments_;
  std::size_t size_ = 0, rows_ = 0;
  std::uint64_t changes_ = 0;
  const void* origin_ = nullptr;                         ///< the LiveStore that made it
  std::shared_ptr<const detail::JournalChunk> journal_;  ///< where the changes after it begin
  std::size_t journal_entries_ = 0;
};

struct LiveStoreOptions {
  /// Rows the mutable tail holds before it is frozen into a segment (it is also frozen by each
  /// snapshot): its code index is made for them once, and never grows.
  std::size_t tail_rows = 16384;
  /// Segments merge when this many of one size tier (sizes within a factor of it) follow each
  /// other, dropping superseded rows: at most (merge_factor - 1) × log(n) segments.
  std::size_t merge_factor = 4;
  /// Merges run on a thread of the store and are put in place by the writer's next call; off,
  /// the writer merges when a segment is frozen (deterministic, for tests).
  bool background_merges = true;
  /// Merges of at most this many rows run in the writer's call all the same (a thread costs
  /// more than they do: about 0.3 ms at most).
  std::size_t inline_merge_rows = 2048;
};

/// An apology (văn bản xin lỗi) as LiveStore::record_apology takes it.
struct ApologyRecord {
  Minute issued;
  std::optional<Minute> new_appointment;  ///< hẹn lại: the new date promised
  bool is_public = false;                 ///< công khai xin lỗi
};

/// Figures of a live store, for monitoring and the benchmarks.
struct LiveStoreStats {
  std::size_t dossiers = 0;      ///< live rows
  std::size_t segments = 0;      ///< frozen segments
  std::size_t tail_rows = 0;     ///< rows of the tail (superseded ones included)
  std::size_t dead_rows = 0;     ///< superseded rows still held, in segments and the tail
  std::uint64_t changes = 0;     ///< appends and updates so far
  std::uint64_t merges = 0;      ///< merges put in place so far
  bool merging = false;          ///< a merge is running
  std::size_t memory_bytes = 0;  ///< the segments and the tail (DossierStore::memory_bytes)
};

/// A live dossier store (see the top of this header and docs/live-store.md). Errors: a record
/// that breaks a consistency rule, names an unknown dossier or repeats one throws DataError with
/// origin "LiveStore", location "dossier CODE", the field (as check_dossier names it) and the
/// importers' words for the reason; a time outside 1900-01-01..2199-12-31 throws RangeError
/// naming the function, the dossier and the field. A throw leaves the store unchanged.
class PARMETRICS_API LiveStore {
 public:
  /// An empty store. `units`, `procedures` and `calendar` must outlive it (they check appended
  /// dossiers and compute their appointments).
  LiveStore(const UnitRegistry& units, const ProcedureCatalog& procedures,
            const WorkingCalendar& calendar, LiveStoreOptions options = {});
  /// A store that starts with `base` as its first segment (taken, not copied): a batch import
  /// goes live. Its rows are taken as they are (check them first; the importers do).
  LiveStore(DossierStore base, const UnitRegistry& units, const ProcedureCatalog& procedures,
            const WorkingCalendar& calendar, LiveStoreOptions options = {});
  /// Waits for a running merge.
  ~LiveStore();
  LiveStore(const LiveStore&) = delete;
  LiveStore& operator=(const LiveStore&) = delete;

  /// Appends a new dossier: the rules of check_dossier (model/dossier_check.hpp), a code not yet
  /// in the store, times in the calendar's range; an end time without an end kind ends it as
  /// finished (as the importers do); a missing appointment is computed from the procedure's
  /// statutory time and the calendar (marked computed, as compute_missing_appointments does).
  void append(const Dossier& dossier);

  /// Records the end (the first terminal status) at `at`. Rules: not already ended ("already
  /// ended"), not before receipt ("end before receipt"), not before an event already recorded
  /// ("supplement requested after the end", …). ArgumentError for EndKind::none.
  void record_end(std::string_view code, Minute at, EndKind kind = EndKind::finished);
  /// Records the result handed to the applicant: not before receipt, not twice.
  void record_returned(std::string_view code, Minute at);
  /// Records a supplement request (the clock stops): not before receipt, not after the end, not
  /// while another request is open.
  void request_supplement(std::string_view code, Minute at);
  /// Completes the open supplement request (the clock runs again): one must be open; not before
  /// its request, not after the end.
  void complete_supplement(std::string_view code, Minute at);
  /// Records an apology, with a new appointment or not: not before receipt, not after the end;
  /// the new appointment not before the apology.
  void record_apology(std::string_view code, const ApologyRecord& apology);

  /// The dossier with this code, now.
  std::optional<Dossier> find(std::string_view code) const;
  /// Dossiers, now.
  std::size_t size() const;

  /// The store as it is now: freezes the tail into a segment and shares every segment and
  /// superseded-row map (O(segments) pointer copies; the writer waits only for that). Any
  /// thread.
  std::shared_ptr<const StoreSnapshot> snapshot();

  /// Waits for a running merge and puts it in place (holding the lock meanwhile): for tests and
  /// benchmarks.
  void finish_merges();
  LiveStoreStats stats() const;

 private:
  struct Location {
    std::size_t segment;  ///< segments_.size() for the tail
    DossierStore::Index row;
  };
  const UnitRegistry& units_;
  const ProcedureCatalog& procedures_;
  const WorkingCalendar& calendar_;
  LiveStoreOptions options_;
  std::unique_ptr<detail::LiveSegments> segments_;
  std::size_t live_ = 0;
  mutable std::mutex mutex_;  ///< the writer's changes against snapshot()
  Dossier scratch_;           ///< the row being changed (its capacity reused)

  std::optional<Location> locate(std::string_view code, std::size_t hash) const;
  /// The row of `code` into scratch_; DataError "unknown dossier" when none.
  Location load(std::string_view code, std::size_t hash);
  /// Writes scratch_ as the new version of the row at `old` (under the lock).
  void supersede(const Location& old, std::size_t hash);
  /// Loads the row of `code` into scratch_, lets `change` check and change it, writes it back.
  template <class Change>
  void update(std::string_view code, Change change);
  void before_write();
};

}  // namespace parmetrics
