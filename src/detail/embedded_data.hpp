#pragma once
// Data files compiled into the library (see PARMETRICS_EMBEDDED_DATA in CMakeLists.txt).

#include <span>
#include <string_view>

namespace parmetrics::detail {

struct EmbeddedFile {
  std::string_view path;  ///< relative to data/, e.g. "calendar/vn-official.json"
  std::string_view content;
};

std::span<const EmbeddedFile> embedded_files() noexcept;

/// The content of an embedded file, or an empty view when there is none by that path.
std::string_view embedded_file(std::string_view path) noexcept;

}  // namespace parmetrics::detail
