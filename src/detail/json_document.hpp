#pragma once
// Reading the library's JSON data files (calendars, methodologies, counts) with nlohmann/json,
// under one error contract: whatever is wrong with the text, the caller gets a DataError naming
// the file, the line and column, and the reason — never a nlohmann exception, never a crash.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace parmetrics::detail {

/// How deep arrays and objects may nest. Our documents nest a dozen levels at most (a PAR
/// criterion tree five levels deep is ten); the bound keeps the recursive readers and
/// nlohmann's recursive dump() far from the end of the stack.
inline constexpr std::size_t kMaxJsonDepth = 128;

/// Parses a whole document. Throws DataError(origin, "line L, column C", "", "not valid JSON:
/// …") for a syntax error, a number out of a double's range (1e400) or nesting deeper than
/// kMaxJsonDepth.
nlohmann::json parse_json_document(std::string_view text, std::string_view origin);

/// A value described for an error message: "the string \"…\"", "the number 1.5", "an object",
/// … with the value cut to a few dozen characters, so that a message never dumps a document.
std::string describe_json(const nlohmann::json& value);

}  // namespace parmetrics::detail
