#include "bundled_data.hpp"

#include <system_error>

#ifndef PARMETRICS_SOURCE_DATA_DIR
#define PARMETRICS_SOURCE_DATA_DIR ""
#endif
#ifndef PARMETRICS_INSTALL_DATA_DIR
#define PARMETRICS_INSTALL_DATA_DIR ""
#endif

namespace parmetrics::cli {

namespace fs = std::filesystem;

std::string_view installed_data_dir() noexcept {
  return PARMETRICS_INSTALL_DATA_DIR;
}

std::string_view source_data_dir() noexcept {
  return PARMETRICS_SOURCE_DATA_DIR;
}

fs::path bundled_data_dir(std::string_view relative) {
  const auto holds = [&](const fs::path& data) {
    std::error_code ec;
    return !data.empty() && fs::is_regular_file(data / relative, ec);
  };
  const fs::path install = PARMETRICS_INSTALL_DATA_DIR;
  const fs::path source = PARMETRICS_SOURCE_DATA_DIR;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && !install.empty()) {
    const fs::path prefix = install.parent_path().parent_path();
    if (exe.parent_path().parent_path() == prefix && holds(install)) return install;
  }
  if (holds(source)) return source;
  if (!ec) {
    const fs::path relocated = exe.parent_path().parent_path() / "share" / "parmetrics";
    if (holds(relocated)) return relocated;
  }
  if (holds(install)) return install;
  return {};
}

}  // namespace parmetrics::cli
