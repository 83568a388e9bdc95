// PLACEHOLDER, to be replaced before any commit.
#include <ostream>

#include "cli.hpp"
#include "commands.hpp"

namespace parmetrics::cli {
int run_par(std::span<const std::string_view>, std::ostream&, std::ostream& err) {
  err << "parmetrics par: not built yet\n";
  return kExitFailure;
}
}  // namespace parmetrics::cli
