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

/// Warns, once per value, about each of the import's kept "unknown unit" rejections of `field`
/// whose code differs from a known unit's code only by case, spaces or Unicode normalisation
/// ("'000.00.30.h55' is not known; the known code '000.00.30.H55' differs only by case or Unicode
/// normalisation"): such a code is not taken for the other (codes are kept verbatim), but named.
void name_codes_that_differ_by_case(const UnitRegistry& units, std::string_view origin,
                                    std::string_view field, std::size_t first_rejection,
                                    ImportReport& report);

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
