#pragma once
// JSON text for the commands that write JSON by hand (sipas, units): a string literal.

#include <string>
#include <string_view>

namespace parmetrics::cli {

/// `s` as a JSON string literal, quotes included (control characters escaped; UTF-8 kept).
std::string json_string(std::string_view s);

}  // namespace parmetrics::cli
