#pragma once
// The methodology of the QĐ 766 real-time service index (Bộ chỉ số chỉ đạo, điều hành và đánh giá
// chất lượng phục vụ người dân, doanh nghiệp, QĐ 766/QĐ-TTg of 23/6/2022) as data: groups (nhóm
// chỉ số thành phần), items with stable codes, their maxima and scoring rules, what a zero
// denominator earns, rounding and optional grade bands. The national portal's profile ships as
// data/methodologies/qd766-portal-2025.json and is built in; a province loads its own version.
// docs/index766.md describes the file format.
//
// Thread-safety: a methodology is a value; parsing and loading share nothing.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/indices/scorecard/methodology.hpp>

namespace parmetrics {

/// How an item turns its ratio into points.
enum class ItemRule : std::uint8_t {
  linear,  ///< max × ratio
  capped,  ///< min(max, max × ratio / threshold): full points from the threshold up
};

/// What an item earns when its denominator is zero (nothing to count).
enum class ZeroDenominator : std::uint8_t {
  zero,  ///< no points (the default)
  full,  ///< full points: e.g. no feedback received means none was handled late
};

/// How group scores and the total are added up.
enum class TotalsRule : std::uint8_t {
  /// From the unrounded item scores, rounded once (the default).
  unrounded,
  /// From the item scores as shown (rounded), as the national portal's reporting does: its
  /// published group scores are the sums of its published item scores.
  rounded_items,
};

struct ServiceIndexItem {
  std::string code;  ///< stable code, e.g. "PROGRESS_ON_TIME"
  std::string name;  ///< the Vietnamese name (tên chỉ số)
  std::string description;
  std::string numerator;    ///< what is counted, in words
  std::string denominator;  ///< out of what, in words
  double max = 0;           ///< points at a ratio of 100 % (or at the threshold)
  ItemRule rule = ItemRule::linear;
  double threshold = 1;  ///< capped items: the ratio (0 < t <= 1) that earns full points
  ZeroDenominator zero_denominator = ZeroDenominator::zero;
};

struct ServiceIndexGroup {
  std::string code;  ///< e.g. "transparency"; the CSV column
  std::string name;  ///< e.g. "Công khai, minh bạch"
  double max = 0;    ///< equals the sum of its items' maxima
  std::vector<ServiceIndexItem> items;
};

/// A grade (xếp loại) for totals at or above `min`.
struct GradeBand {
  std::string name;
  double min = 0;
};

struct ServiceIndexMethodology {
  std::string name;
  std::string version;
  std::string source;  ///< where the rules come from
  /// Decimal places of ratios and scores as shown (0–6), rounded half away from zero.
  int decimals = 2;
  TotalsRule totals = TotalsRule::unrounded;
  double total = 100;  ///< equals the sum of the groups' maxima
  std::vector<ServiceIndexGroup> groups;
  /// Bands by descending `min`; empty = no grades (the default: QĐ 766's text gives none that
  /// the portal shows).
  std::vector<GradeBand> grades;

  /// The item with this code, or nullptr.
  PARMETRICS_API const ServiceIndexItem* find_item(std::string_view code) const noexcept;
  PARMETRICS_API std::size_t item_count() const noexcept;
};

/// Parses a methodology document (JSON). Throws DataError naming `origin`, the JSON path of the
/// offending object as location, the field and the reason: syntax errors (with line and column),
/// missing or unknown keys, wrong types, bad values, duplicate codes, maxima that do not add up.
PARMETRICS_API ServiceIndexMethodology parse_service_index_methodology(std::string_view json,
                                                                       std::string_view origin);
/// Reads and parses a methodology file; DataError when it cannot be read.
PARMETRICS_API ServiceIndexMethodology
load_service_index_methodology(const std::filesystem::path& file);

/// Checks a methodology built in code by the rules the parser applies; throws DataError (origin
/// `origin`, location the JSON path the value would have in a file).
PARMETRICS_API void validate_service_index_methodology(const ServiceIndexMethodology& m,
                                                       std::string_view origin = "methodology");

/// The methodology as the scorecard engine reads it: groups are the top-level criteria, items
/// their leaves (rule linear or capped on the metric named by the item's code, the threshold in
/// percent, zero_denominator as when_empty), ranked and graded on the points, an item without
/// counts leaving its group and the total without a score.
PARMETRICS_API scorecard::Methodology to_scorecard(const ServiceIndexMethodology& m,
                                                   std::string_view origin = "methodology");

/// The national portal's profile for 2025–26 (data/methodologies/qd766-portal-2025.json, built
/// into the library so that it works with no data files installed).
PARMETRICS_API const ServiceIndexMethodology& qd766_portal_methodology();
/// The same profile as JSON text.
PARMETRICS_API std::string_view qd766_portal_methodology_json() noexcept;

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of an ItemRule: "linear", …
PARMETRICS_API std::string_view to_string(ItemRule value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, ItemRule value);
/// The name of a ZeroDenominator: "zero", …
PARMETRICS_API std::string_view to_string(ZeroDenominator value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, ZeroDenominator value);
/// The name of a TotalsRule: "unrounded", …
PARMETRICS_API std::string_view to_string(TotalsRule value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, TotalsRule value);

}  // namespace parmetrics
