#pragma once
// Comparisons that a district's report makes in words: each unit against its parent's and the
// province's rate ("online rate not below the province average"), units with no online dossier,
// the best and worst units by a rate.
//
// Thread-safety: pure functions of a const Report; safe to call concurrently.

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>

namespace parmetrics {

/// -1 below, 0 equal, +1 above; nullopt when either rate is undefined or there is no such unit.
using Standing = std::optional<int>;

struct UnitComparison {
  std::size_t row = 0;
  Rate own;     ///< of the unit's subtree
  Rate parent;  ///< of the parent's subtree (undefined for a root)
  Rate root;    ///< of the root's subtree (the province)
  Standing vs_parent;
  Standing vs_root;
};

/// One entry per unit row of a GroupBy::unit report (others give an empty list), in row order.
/// Rates are those of the subtrees, whether or not the rows are rolled up.
PARMETRICS_API std::vector<UnitComparison> compare_units(const Report& report, RateId rate);

/// Unit rows whose subtree received dossiers in the period, none of them online.
PARMETRICS_API std::vector<std::size_t> units_without_online(const Report& report);

enum class RankOrder { highest, lowest };

/// The `n` rows with the highest (or lowest) defined rate, ties broken by key; rows with an
/// undefined rate are left out. With `level`, only unit rows of that level compete (communes
/// against communes).
PARMETRICS_API std::vector<std::size_t> rank_rows(const Report& report, RateId rate, std::size_t n,
                                                  RankOrder order,
                                                  std::optional<std::string_view> level = {});

/// The lowest and the highest of a ranking, never naming a unit at both ends: k = min(top, n / 2)
/// at each end, n the units ranked (fewer than two: both empty).
struct RankedEnds {
  std::vector<std::size_t> lowest, highest;
};
PARMETRICS_API RankedEnds rank_ends(const Report& report, RateId rate, std::size_t top,
                                    std::optional<std::string_view> level = {});

/// The one root unit row with dossiers in scope (the province every unit is compared with), or
/// nullopt when there are none or several.
PARMETRICS_API std::optional<std::size_t> province_row(const Report& report);

/// The level with the most unit rows (the first such in row order): the natural peers to rank.
PARMETRICS_API std::optional<std::string> most_common_level(const Report& report);

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of a RankOrder: "highest", …
PARMETRICS_API std::string_view to_string(RankOrder value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, RankOrder value);

}  // namespace parmetrics
