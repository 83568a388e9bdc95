#pragma once
// Helpers shared by the SIPAS sources.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace parmetrics::detail {

/// Reads a whole file; throws DataError naming it when it cannot be read.
std::string read_sipas_file(const std::filesystem::path& file);

/// Ids of items and elements: non-empty, ASCII letters, digits, '_', '-', '.', so that they make
/// clean metric names ("sipas.A") and CSV cells.
bool is_sipas_id(std::string_view s) noexcept;

/// "line 12"
std::string line_location(std::uint64_t line);

}  // namespace parmetrics::detail
