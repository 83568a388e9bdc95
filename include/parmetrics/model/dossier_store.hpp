#pragma once
// Dossiers in columns (struct of arrays, dense ids): the engine reads only the columns a metric
// needs, and a dossier costs a few dozen bytes whatever the data set's size.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/model/dossier.hpp>

namespace parmetrics {

class WorkingCalendar;
class ProcedureCatalog;

namespace detail {
struct DossierStoreAccess;  // the live store's segments (src/model/dossier_store_access.hpp)
}

/// Minutes since 1970-01-01T00:00 local time, stored in 32 bits (±4000 years).
using StoredTime = std::int32_t;
inline constexpr StoredTime kNoTime = std::numeric_limits<StoredTime>::min();
/// In the `ended` column: the dossier ended (its end kind is set) at a time the sender did not
/// record. Below every real time, so that it is "ended before" any report period that starts after
/// the receipt: such a dossier counts in the period it was received in, never as carried over.
inline constexpr StoredTime kEndUnknown = kNoTime + 1;
inline constexpr std::uint32_t kNoProcedure = std::numeric_limits<std::uint32_t>::max();
/// In the `commune` column: the record names no commune of its own.
inline constexpr UnitId kNoCommune = std::numeric_limits<UnitId>::max();

enum class EventKind : std::uint8_t { supplement, apology };

/// One event of a dossier, as stored: a supplement request (at = requested, second = completed
/// or kNoTime) or an apology (at = issued, second = new appointment or kNoTime).
struct StoredEvent {
  StoredTime at = kNoTime;
  StoredTime second = kNoTime;
  EventKind kind = EventKind::supplement;
  bool is_public = false;
};

/// An event for a dossier given by index, for importers that read events apart from dossiers.
struct DossierEvent {
  std::uint32_t dossier = 0;
  StoredEvent event;
};

/// Packed per-dossier enums: channel (bits 0–1), end kind (bits 2–4), feedback (bits 5–6),
/// appointment computed rather than recorded (bit 7).
namespace dossier_status {
constexpr std::uint8_t pack(Channel c, EndKind e, Feedback f, bool computed) noexcept {
  return static_cast<std::uint8_t>(static_cast<unsigned>(c) | static_cast<unsigned>(e) << 2 |
                                   static_cast<unsigned>(f) << 5 | (computed ? 1u << 7 : 0u));
}
constexpr Channel channel(std::uint8_t s) noexcept {
  return static_cast<Channel>(s & 3u);
}
constexpr EndKind end_kind(std::uint8_t s) noexcept {
  return static_cast<EndKind>(s >> 2 & 7u);
}
constexpr Feedback feedback(std::uint8_t s) noexcept {
  return static_cast<Feedback>(s >> 5 & 3u);
}
constexpr bool appointment_computed(std::uint8_t s) noexcept {
  return (s >> 7) != 0;
}
}  // namespace dossier_status

class PARMETRICS_API DossierStore {
 public:
  using Index = std::uint32_t;

  DossierStore() = default;

  /// Appends a dossier with its events; returns its index. Throws ArgumentError on a
  /// duplicate code or a time outside the 32-bit range. Consistency (end before receipt, …) is
  /// not checked here but by check_dossier() (model/dossier_check.hpp) and the importers, which
  /// report it per record.
  Index append(const Dossier& dossier);
  /// As append(dossier), with the code given apart (`dossier.code` is not read): for importers
  /// that hold the code as a view into their input, so that it is copied once, into the store.
  Index append(const Dossier& dossier, std::string_view code);
  /// As append(dossier, code), with `hash` = code_hash(code) computed by the caller: bulk
  /// importers hash codes on their parsing threads, off the serial append.
  Index append(const Dossier& dossier, std::string_view code, std::size_t hash);
  /// Adds events of dossiers already appended (events.csv is read after dossiers.csv).
  void add_events(std::span<const DossierEvent> events);
  void reserve(std::size_t dossiers);

  std::size_t size() const noexcept { return received_.size(); }
  bool empty() const noexcept { return received_.empty(); }

  // Columns, index by Index.
  std::span<const std::uint32_t> procedure() const noexcept {
    return procedure_;
  }  ///< or kNoProcedure
  std::span<const UnitId> unit() const noexcept { return unit_; }
  /// The commune each record names as the dossier's own (Dossier::commune), or kNoCommune;
  /// empty when no dossier names one.
  std::span<const UnitId> commune() const noexcept { return commune_; }
  std::span<const StoredTime> received() const noexcept { return received_; }
  std::span<const StoredTime> appointment() const noexcept { return appointment_; }  ///< or kNoTime
  /// kNoTime, or kEndUnknown when the end kind is set and its time unknown.
  std::span<const StoredTime> ended() const noexcept { return ended_; }
  std::span<const StoredTime> returned() const noexcept { return returned_; }  ///< or kNoTime
  std::span<const std::uint8_t> flags() const noexcept { return flags_; }    ///< dossier_flag bits
  std::span<const std::uint8_t> status() const noexcept { return status_; }  ///< dossier_status
  /// Events of dossier i: events()[event_begin()[i] .. event_begin()[i + 1]), by time.
  std::span<const std::uint32_t> event_begin() const noexcept { return event_begin_; }
  std::span<const StoredEvent> events() const noexcept { return events_; }
  std::span<const StoredEvent> events_of(Index i) const noexcept {
    return std::span<const StoredEvent>(events_).subspan(event_begin_[i],
                                                         event_begin_[i + 1] - event_begin_[i]);
  }

  /// The dossier's code. Codes of the usual form "{unit code}-{yyMMdd of receipt}-{4 digits}"
  /// are stored in 4 bytes and rendered here; others are kept as written.
  std::string code(Index i) const;
  std::optional<Index> find(std::string_view code) const;
  /// As find(code), with `hash` = code_hash(code).
  std::optional<Index> find(std::string_view code, std::size_t hash) const noexcept;
  /// The hash the code index uses (a 64-bit hash of the bytes).
  static std::size_t code_hash(std::string_view code) noexcept;
  /// Brings the index's slot for `hash` into the cache: a bulk importer calls it a few dossiers
  /// ahead of append(), so that the duplicate check does not wait on memory. Only a hint.
  void prefetch_code(std::size_t hash) const noexcept {
    if (!code_slots_.empty()) __builtin_prefetch(&code_slots_[hash & (code_slots_.size() - 1)]);
  }

  /// The dossier as a row.
  Dossier row(Index i) const;

  /// Computes the appointments that were not recorded, from each dossier's procedure and the
  /// calendar (receipt → statutory time; pauses are the engine's business). Dossiers with neither
  /// an appointment nor a procedure with a statutory time (Procedure::has_statutory_time) keep
  /// kNoTime. Returns how many were computed.
  std::size_t compute_missing_appointments(const ProcedureCatalog& procedures,
                                           const WorkingCalendar& calendar);

  /// Heap bytes held (capacity, not size): everything, and the part the engine evaluates (the
  /// columns and events, without codes and their index).
  std::size_t memory_bytes() const noexcept;
  std::size_t evaluated_bytes() const noexcept;

 private:
  friend struct detail::DossierStoreAccess;

  std::vector<std::uint32_t> procedure_;
  std::vector<UnitId> unit_;
  std::vector<UnitId> commune_;  // empty until a dossier names a commune
  std::vector<StoredTime> received_, appointment_, ended_, returned_;
  std::vector<std::uint8_t> flags_, status_;
  std::vector<std::uint32_t> event_begin_{0};
  std::vector<StoredEvent> events_;
  // Codes: code_ref_[i] is 0x80000000 | prefix << 14 | counter for the usual form (prefix an
  // index into code_prefixes_), else an index into the verbatim codes.
  std::vector<std::uint32_t> code_ref_;
  std::vector<std::string> code_prefixes_;
  struct PrefixHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_map<std::string, std::uint32_t, PrefixHash, std::equal_to<>> prefix_ids_;
  std::vector<std::uint32_t> prefix_of_unit_;  // by unit: its codes' last prefix, or none
  DayNumber suffix_day_ = std::numeric_limits<DayNumber>::min();  // the day suffix_ holds
  char suffix_[12] = {};                                          // "-yyMMdd-0000" of it
  std::string verbatim_;
  std::vector<std::uint32_t> verbatim_begin_{0};
  // Open addressing, hashed by code: each slot the dossier index in its low 32 bits and the upper
  // half of the code's hash above (all ones when free). A probe compares the stored half first, so
  // that it reads a dossier's code (two more cache misses in a large store) only when the hashes
  // agree: in practice only for the duplicate itself.
  std::vector<std::uint64_t> code_slots_;

  std::uint32_t encode_code(std::string_view code, StoredTime received, UnitId unit);
  void reserve_verbatim(std::size_t next_size);
  /// Dossier i's code: a view of the verbatim bytes, or rendered into `scratch`.
  std::string_view code_view(Index i, std::string& scratch) const;
  bool code_equals(Index i, std::string_view code) const noexcept;
  void index_code(Index i, std::size_t hash);
  void resize_code_index(std::size_t slots);
  /// Checks a row's times (RangeError), so that a throw leaves the store unchanged.
  static void check_times(const Dossier& d);
  /// Writes a checked row's columns, code and events; indexes it unless `replaces` is given, in
  /// which case the index's entry for that row (of the same code) points to the new one instead.
  Index push(const Dossier& d, std::string_view code, std::size_t hash, bool computed,
             std::optional<Index> replaces);
  /// The row into `d`, reusing its strings' and vectors' capacity.
  void read_row(Index i, Dossier& d) const;
};

/// A StoredTime from a MinuteStamp; throws RangeError when it does not fit.
PARMETRICS_API StoredTime to_stored_time(MinuteStamp t);
inline std::optional<MinuteStamp> from_stored_time(StoredTime t) noexcept {
  return t == kNoTime || t == kEndUnknown ? std::nullopt : std::optional<MinuteStamp>(t);
}

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of an EventKind: "supplement", …
PARMETRICS_API std::string_view to_string(EventKind value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, EventKind value);

}  // namespace parmetrics
