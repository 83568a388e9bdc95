#include "detail/embedded_data.hpp"

namespace parmetrics::detail {

std::string_view embedded_file(std::string_view path) noexcept {
  for (const auto& file : embedded_files()) {
    if (file.path == path) return file.content;
  }
  return {};
}

}  // namespace parmetrics::detail
