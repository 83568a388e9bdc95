#pragma once
// Finding the unit a record names when it gives the unit's name, not its code. The portal's
// DonViXuLy holds the name in every sender read for issue 12 (OpenCPS getGovAgencyName(), TD's
// GroupName, a Hà Giang system's Organizations.FName): docs/formats.md, "Portal JSON".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <parmetrics/io/import_report.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics::detail {

/// The key names are compared by: NFC (composed and decomposed Vietnamese diacritics are one
/// text), case folded, without spaces (ASCII blanks and no-break spaces). Text that is not valid
/// UTF-8 is its own key.
std::string unit_name_key(std::string_view name);

/// The unit code of a dossier code of the national form `{unit code}-{yyMMdd}-{n}`
/// ("000.00.30.H55-230831-0001" → "000.00.30.H55"); empty when the code is not of that form.
std::string_view unit_code_prefix(std::string_view dossier_code) noexcept;

/// Gives each of the import's kept "unknown unit" rejections of `field` (from rejection
/// `first_rejection` on) a hint: the known code it differs from only by case or spaces ("the
/// known code '000.00.30.H55' differs only by case or spaces": codes are kept as given, so it is
/// not taken for the other), else the nearest known units by code, name or alias (at most three,
/// each within a third of the text's length in edits, diacritics and "Ủy ban nhân dân"/"UBND"
/// aside). Nothing when the registry is empty. Bounded: the first kMaxHintedValues values.
void hint_unknown_units(const UnitRegistry& units, std::string_view origin, std::string_view field,
                        std::size_t first_rejection, ImportReport& report);
inline constexpr std::size_t kMaxHintedValues = 20;

/// The key nearest names are compared by: NFC, case folded, diacritics and đ dropped, without
/// spaces, and "ủy ban nhân dân" written "ubnd" ("Ủy ban nhân dân xã Quế Thọ" → "ubndxaquetho").
std::string unit_likeness_key(std::string_view text);

/// Levenshtein distance of two byte strings, or `limit + 1` once it must exceed `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// Units by name and by alias (Unit::aliases), for the units of a registry when it was built.
class UnitNames {
 public:
  enum class Match : std::uint8_t { none, name, alias, ambiguous };
  struct Found {
    Match match = Match::none;
    UnitId unit = 0;
  };

  void build(const UnitRegistry& units);
  /// The one unit whose name (else alias) has this key; `ambiguous` when several have it.
  Found find(std::string_view text) const;

 private:
  struct Entry {
    UnitId unit = 0;
    bool ambiguous = false;
  };
  static void put(std::unordered_map<std::string, Entry>& map, std::string key, UnitId unit);
  std::unordered_map<std::string, Entry> names_, aliases_;
};

}  // namespace parmetrics::detail
