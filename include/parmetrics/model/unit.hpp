#pragma once
// Units (cơ quan, đơn vị): who receives and processes dossiers, in a hierarchy that changes over
// time (mergers and splits, e.g. the two-level local government from 2025-07-01).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/detail/string_id_index.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

/// Dense id of a unit inside one UnitRegistry.
using UnitId = std::uint32_t;
/// Dense id of a level name ("province", "department", "district", "commune", "branch", …).
using LevelId = std::uint16_t;

struct Unit {
  std::string code;    ///< electronic agency identifier, e.g. "000.00.30.H55"
  std::string name;    ///< UTF-8 Vietnamese
  std::string level;   ///< data, not a closed list
  std::string parent;  ///< parent unit's code; empty for a root
  DayNumber valid_from = kFirstSupportedDay;
  DayNumber valid_to = kLastSupportedDay;  ///< inclusive
  std::vector<std::string> successors;     ///< codes of the units that took over (merger, split)
  /// Other names records give the unit by (the portal's DonViXuLy often holds a name: "UBND xã
  /// Quế Thọ", "Xã Quế Thọ"); matched as names are (NFC, case and spaces ignored).
  std::vector<std::string> aliases;
};

/// The units of a deployment, with dense ids. Parents and successors may be added in any order;
/// resolve() links them and rejects unknown codes and cycles.
class PARMETRICS_API UnitRegistry {
 public:
  /// Adds a unit; throws ArgumentError on an empty or duplicate code.
  UnitId add(Unit unit);

  /// Links parents and successors by code. Throws DataError naming the unit and the unknown
  /// code, or the cycle. Called by importers; queries below need it.
  void resolve();

  std::size_t size() const noexcept { return units_.size(); }
  const Unit& operator[](UnitId id) const { return units_.at(id); }
  std::optional<UnitId> find(std::string_view code) const;

  std::optional<UnitId> parent(UnitId id) const;
  LevelId level(UnitId id) const { return levels_.at(id); }
  const std::string& level_name(LevelId level) const { return level_names_.at(level); }
  std::size_t level_count() const noexcept { return level_names_.size(); }
  /// The unit, its parent, its parent's parent … up to the root.
  std::vector<UnitId> ancestors_and_self(UnitId id) const;
  /// The unit that carries `id`'s history as of `day`: itself while valid, else its first
  /// successor's carrier (followed transitively).
  UnitId successor_as_of(UnitId id, DayNumber day) const;

 private:
  std::vector<Unit> units_;
  std::vector<LevelId> levels_;
  std::vector<std::string> level_names_;
  std::vector<std::optional<UnitId>> parents_;
  std::vector<std::vector<UnitId>> successors_;
  detail::StringIdIndex by_code_;  // over units_[id].code
  std::unordered_map<std::string, LevelId> level_by_name_;
  /// MisuseError before resolve(), RangeError for an id it does not hold.
  void check_readable(UnitId id, const char* where) const;
  bool resolved_ = false;
};

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// Writes its code.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const Unit& value);

}  // namespace parmetrics
