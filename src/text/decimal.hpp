#pragma once
// The one writer of scaled integers as decimal text, for machines (CSV, JSON: "-20.89") and for
// people (grouped, in a language: "1.234,56"). Internal; the public face is format_decimal.

#include <cstdint>
#include <string>

namespace parmetrics::detail {

/// scaled / 10^decimals with `decimals` digits after `point`, thousands grouped by `group` (0:
/// none). ArgumentError for decimals outside 0..18 (10^19 does not fit 64 bits).
std::string decimal_text(std::int64_t scaled, int decimals, char point, char group);

}  // namespace parmetrics::detail
