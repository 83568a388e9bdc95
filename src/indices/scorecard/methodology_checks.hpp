#pragma once
// The checks a methodology must pass, shared by the JSON parser (which runs them as it reads,
// naming the file's JSON path) and validate() for methodologies built in code.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/indices/scorecard/methodology.hpp>

namespace parmetrics::scorecard::detail {

/// Maxima, minima, thresholds and step points enter exact arithmetic: at most this many decimals.
inline constexpr int kValueDecimals = 6;

/// "14.5", "100", "0.25": the shortest text of a double, as a file would write it.
std::string number_text(double x);

/// `value` in millionths, exactly; throws DataError(origin, path, field, "… has more than 6
/// decimals or is too large").
std::int64_t micro_units(double value, const std::string& origin, const std::string& path,
                         std::string_view field);

/// The maxima of `list` added in millionths; throws DataError (at `path`) when the sum overflows.
std::int64_t sum_of_maxima(const std::vector<Criterion>& list, const std::string& origin,
                           const std::string& path);

/// A leaf's max and min: max ≥ 0 with at most 6 decimals, min ≤ 0.
void check_leaf_range(const Criterion& c, const std::string& origin);

/// A rule's own values against its criterion: the threshold in (0, 100], steps (on percent or
/// count) that repeat no threshold and give points within [min, max], choices likewise. Steps
/// are checked in the order given (the field names "steps[i]" point into the file).
void check_rule(const Rule& rule, const Criterion& c, const std::string& origin);

/// A node's declared max against the sum of its children's maxima.
void check_node_sum(const Criterion& c, std::int64_t declared_micro, const std::string& origin);

/// The declared total against the top-level maxima, the decimals, and the grades against the
/// index's range.
void check_top(const Methodology& m, std::optional<double> declared_total);

}  // namespace parmetrics::scorecard::detail
