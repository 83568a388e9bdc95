// PLACEHOLDER, to be replaced by the metrics work before any commit.
#include <ostream>

#include "cli.hpp"
#include "commands.hpp"

namespace parmetrics::cli {
int run_report(std::span<const std::string_view>, std::ostream&, std::ostream& err) {
  err << "parmetrics report: not built yet\n";
  return kExitFailure;
}
}  // namespace parmetrics::cli
