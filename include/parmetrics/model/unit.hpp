#pragma once
// Units (cơ quan, đơn vị): who receives and processes dossiers, in a hierarchy that changes over
// time (mergers and splits, e.g. the two-level local government from 2025-07-01). A unit keeps
// its code over its life; its name, parent and GSO code may change on dated days (UnitVersion),
// and when it ends its history goes to its successors, whole or shared (docs/reform-2025.md).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/detail/completed_once.hpp>
#include <parmetrics/detail/string_id_index.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

/// Dense id of a unit inside one UnitRegistry.
using UnitId = std::uint32_t;
/// Dense id of a level name ("province", "department", "district", "commune", "branch", …).
using LevelId = std::uint16_t;

/// Shares of a unit's history among its successors are in parts of this whole (basis points).
inline constexpr std::uint32_t kShareWhole = 10000;

/// A stretch of a unit's life with a name, a parent and a GSO code of its own: a commune that
/// keeps its code but moves from its district to the province on 2025-07-01, or is renamed.
struct UnitVersion {
  DayNumber from = kFirstSupportedDay;
  DayNumber to = kLastSupportedDay;  ///< inclusive
  std::string name;
  std::string parent;  ///< the parent's code over [from, to]; empty for a root
  std::string gso_code;
};

/// How the dossiers of a unit that ended with several successors are handed to them.
enum class SuccessionRule : std::uint8_t {
  /// By the shares (Unit::successor_shares): each dossier goes wholly to one successor, chosen by
  /// a hash of its code against the cumulative shares (docs/metrics.md §9).
  shares,
  /// To the successor that carries the commune the dossier's record names as its own
  /// (Dossier::commune) where the record carries one and that successor is one of the unit's;
  /// by the shares otherwise.
  commune,
};

struct Unit {
  std::string code;    ///< electronic agency identifier, e.g. "000.00.30.H55"
  std::string name;    ///< UTF-8 Vietnamese
  std::string level;   ///< data, not a closed list
  std::string parent;  ///< parent unit's code; empty for a root
  DayNumber valid_from = kFirstSupportedDay;
  DayNumber valid_to = kLastSupportedDay;  ///< inclusive
  /// Codes of the units that took over on the day after valid_to (merger, split).
  std::vector<std::string> successors;
  /// Other names records give the unit by (the portal's DonViXuLy often holds a name: "UBND xã
  /// Quế Thọ", "Xã Quế Thọ"); matched as names are (NFC, case and spaces ignored).
  std::vector<std::string> aliases;
  /// The statistics office's code of the administrative unit the unit governs (mã đơn vị hành
  /// chính, QĐ 124/2004/QĐ-TTg, QĐ 19/2025/QĐ-TTg): "49" Quảng Nam, "20779" … Codes are reused
  /// (20779 was thị trấn Tân Bình until 2025-06-30 and is xã Hiệp Đức from 2025-07-01), so a
  /// GSO code names a unit on a day, never alone. Empty when the unit governs no territory.
  std::string gso_code;
  /// The successors' shares of the unit's history, in parts of kShareWhole, one per successor
  /// and summing to kShareWhole; empty: equal shares (the remainder to the first).
  std::vector<std::uint32_t> successor_shares;
  SuccessionRule succession = SuccessionRule::shares;
  /// Stretches of the unit's life with another name, parent or GSO code, disjoint and within
  /// [valid_from, valid_to]; outside them `name`, `parent` and `gso_code` apply.
  std::vector<UnitVersion> history;
};

/// A stretch of a unit's life as the registry resolved it: one name, parent and GSO code.
struct UnitPeriod {
  DayNumber from = kFirstSupportedDay;
  DayNumber to = kLastSupportedDay;
  std::optional<UnitId> parent;
  std::string_view name;
  std::string_view gso_code;
};

/// A unit carrying (a share of) another's history on a day.
struct UnitShare {
  UnitId unit = 0;
  std::uint32_t share = kShareWhole;  ///< parts of kShareWhole

  friend bool operator==(const UnitShare&, const UnitShare&) = default;
};

/// The units of a deployment, with dense ids. Parents and successors may be added in any order;
/// resolve() links them and rejects unknown codes and cycles. The queries that need the links
/// (parents, periods, successors, GSO codes) resolve the registry themselves when a unit was
/// added or replaced since, so calling resolve() is only a way to see its DataError early.
///
/// Thread-safety: const queries may run from any number of threads at once, a registry that
/// resolves itself included (one resolves, the others wait); add() and replace() need the
/// registry to themselves.
class PARMETRICS_API UnitRegistry {
 public:
  /// Adds a unit; throws ArgumentError on an empty or duplicate code.
  UnitId add(Unit unit);
  /// Replaces a unit's record (a layer that ends it, gives it successors or a new version); the
  /// code must stay the same (else ArgumentError).
  void replace(UnitId id, Unit unit);

  /// Links parents and successors by code and orders each unit's periods. Throws DataError
  /// naming the unit and the unknown code, the cycle, overlapping versions, bad shares, or a GSO
  /// code two units hold on the same day. Called by importers; the queries below call it
  /// themselves when needed (and throw its DataError then).
  void resolve();

  std::size_t size() const noexcept { return units_.size(); }
  /// The unit; RangeError for an id the registry does not hold (as every query below).
  const Unit& operator[](UnitId id) const {
    if (id >= units_.size()) no_unit(id, "UnitRegistry::operator[]");
    return units_[id];
  }
  std::optional<UnitId> find(std::string_view code) const;
  /// The unit holding this GSO code on `day`.
  std::optional<UnitId> find_gso(std::string_view gso_code, DayNumber day) const;

  /// The parent on the unit's last day (its parent for all time when it has no history).
  std::optional<UnitId> parent(UnitId id) const;
  /// The parent on `day` (a day outside the unit's life counts as its first or last day).
  std::optional<UnitId> parent_on(UnitId id, DayNumber day) const;
  /// The name and GSO code on `day` (as parent_on for a day outside the unit's life).
  std::string_view name_on(UnitId id, DayNumber day) const;
  std::string_view gso_code_on(UnitId id, DayNumber day) const;
  /// The unit's life in periods of one name, parent and GSO code, in order.
  std::vector<UnitPeriod> periods(UnitId id) const;
  bool valid_on(UnitId id, DayNumber day) const {
    const Unit& u = (*this)[id];
    return u.valid_from <= day && day <= u.valid_to;
  }
  /// Whether any unit has history (dated versions): without, every unit has one parent.
  bool has_history() const {
    resolved();
    return has_history_;
  }

  LevelId level(UnitId id) const {
    if (id >= levels_.size()) no_unit(id, "UnitRegistry::level");
    return levels_[id];
  }
  const std::string& level_name(LevelId level) const {
    if (level >= level_names_.size()) no_level(level);
    return level_names_[level];
  }
  std::size_t level_count() const noexcept { return level_names_.size(); }
  /// The unit, its parent, its parent's parent … up to the root, by parent().
  std::vector<UnitId> ancestors_and_self(UnitId id) const;
  /// The same chain as of `day`: each step by parent_on(…, day).
  std::vector<UnitId> ancestors_on(UnitId id, DayNumber day) const;
  /// The successors resolved: ids and shares (equal shares filled in).
  std::vector<UnitShare> successors(UnitId id) const;

  /// The unit that carries `id`'s history as of `day`: itself while valid, else its first
  /// successor's carrier (followed transitively); itself when nothing follows. See carriers().
  UnitId successor_as_of(UnitId id, DayNumber day) const;
  /// The units that carry `id`'s history on `day`, with their shares (summing to kShareWhole):
  /// itself while valid on that day; after its end its successors' carriers, the shares
  /// multiplied along the way (rounded down, the remainder of each split to its last successor)
  /// and summed where two paths meet; none when the unit did not exist yet on `day`, or ended
  /// with no successor, or its successors carry nothing then.
  std::vector<UnitShare> carriers(UnitId id, DayNumber day) const;

 private:
  struct Period {
    DayNumber from, to;
    std::optional<UnitId> parent;
    std::int32_t version;  // index into Unit::history, or -1: the unit's own name, parent, code
  };
  struct GsoSpan {
    DayNumber from, to;
    UnitId unit;
  };
  const Period& period_on(UnitId id, DayNumber day) const;
  void link_periods(UnitId id) const;
  void check_loops() const;
  void check_shares(UnitId id) const;
  void index_gso_codes() const;
  void resolve_now() const;
  /// Resolves the registry if a unit was added or replaced since it last was.
  void resolved() const;

  std::vector<Unit> units_;
  std::vector<LevelId> levels_;
  std::vector<std::string> level_names_;
  // Derived by resolve_now(), from a const query too (under resolved_'s lock).
  mutable std::vector<std::vector<Period>> periods_;
  mutable std::vector<std::vector<UnitShare>> successors_;
  mutable std::unordered_map<std::string, std::vector<GsoSpan>> by_gso_;
  mutable bool has_history_ = false;
  detail::CompletedOnce resolved_;
  detail::StringIdIndex by_code_;  // over units_[id].code
  std::unordered_map<std::string, LevelId> level_by_name_;
  /// Resolved, and RangeError for an id it does not hold.
  void check_readable(UnitId id, const char* where) const;
  [[noreturn]] void no_unit(UnitId id, const char* where) const;
  [[noreturn]] void no_level(LevelId level) const;
};

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// Writes its code.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const Unit& value);

}  // namespace parmetrics
