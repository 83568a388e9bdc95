#pragma once
// Units layers: a reform's mapping of administrative units, old → new by GSO code (mã đơn vị
// hành chính), laid over a registry whose units carry GSO codes (Unit::gso_code, units.csv's
// `gso_code` column). Two shapes are read (docs/formats.md, "Units layers"):
//   - the dvhcvn/20250701 data set's mapping/merges.json (new → old) or mapping/splits.json
//     (old → new), the national 2025 mapping, which a deployment downloads itself (MIT);
//   - a CSV of links, one per (old unit, new unit), such as data/reform/hiep-duc.csv.
// Applying a layer ends each old unit the day before the new ones start and names them its
// successors, or, where the new unit keeps the old one's GSO code and the registry holds one
// unit for both, gives that unit a new version (name, parent, code) from that day.
//
// Thread-safety: reading a layer shares nothing; laying it over a registry writes the registry,
// alone.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

/// One old unit's link to one new unit.
struct ReformLink {
  std::string old_code;  ///< GSO code of the old unit ("20758")
  std::string old_name;
  std::string new_code;  ///< GSO code of the new unit ("20779")
  std::string new_name;
  std::string new_level;    ///< the level a new unit gets in the registry: "province", "commune"…
  std::string new_parent;   ///< GSO code of the new unit's parent; empty for a province
  DayNumber effective = 0;  ///< the new unit's first day
  /// The new unit's share of the old unit's history, in parts of kShareWhole; 0: equal among
  /// the old unit's new units (the dvhcvn data give no shares).
  std::uint32_t share = 0;
  std::string source;  ///< the act, as the file cites it
};

struct ReformMapping {
  std::vector<ReformLink> links;
};

/// The day the 2025 two-level local government started (NQ 1654–1687/NQ-UBTVQH15, Điều 2).
inline constexpr DayNumber kReform2025 = 20270;  // 2025-07-01
static_assert(kReform2025 == days_from_civil(2025, 7, 1));

/// Reads the dvhcvn/20250701 mapping: merges.json (data[] of new provinces, each with its old
/// provinces in `merges` and its new communes in `level2s[].merges`) or splits.json (data[] of
/// old provinces, each with its new province in `splits` and its old communes in
/// `level3s[].splits`, island districts in `level2s`), told apart by their keys. Every link gets
/// `effective`. Throws DataError naming the file and the record on anything else.
PARMETRICS_API ReformMapping read_dvhcvn_mapping(std::string_view json, std::string_view origin,
                                                 DayNumber effective = kReform2025);

/// Reads a CSV of links: old_gso_code, new_gso_code, new_level, effective (required),
/// old_name, new_name, new_parent_gso_code, share, source (optional). Throws DataError.
PARMETRICS_API ReformMapping read_reform_csv(std::string_view text, std::string_view origin);

/// Reads a layer file: JSON (dvhcvn, first non-blank byte '{') or CSV.
PARMETRICS_API ReformMapping read_units_layer(const std::filesystem::path& file,
                                              DayNumber effective = kReform2025);

/// What applying a layer did.
struct LayerReport {
  std::size_t links = 0;        ///< links read
  std::size_t old_missing = 0;  ///< links whose old unit no unit held the day before
  std::size_t continued = 0;    ///< units that go on as the new unit (a new version)
  std::size_t ended = 0;        ///< units ended the day before, their successors named
  std::size_t created = 0;      ///< new units the registry did not hold, added
  /// Things to say once: successors kept that the layer would set otherwise, names kept.
  std::vector<std::string> notes;
};

/// Applies the links to a resolved registry, by effective day in order, and resolves it again.
/// For each old unit (the unit holding its GSO code the day before the effective day): when
/// one of its new units is itself (it holds the new code from that day), it continues: a
/// version from that day with the new GSO code, the new parent, and the new name when the
/// registry names it as the layer's old name; otherwise it ends the day before, with the new
/// units as successors (shares as given, else equal; by commune when there are several) unless
/// it has successors already. A new unit no unit holds is added (code and name from the layer,
/// under its new parent). Throws DataError (from resolve()) when the result does not resolve.
PARMETRICS_API LayerReport apply_reform_mapping(const ReformMapping& mapping, UnitRegistry& units);

}  // namespace parmetrics
