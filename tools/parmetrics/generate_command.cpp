// PLACEHOLDER, to be replaced by the generator work before any commit.
#include <ostream>

#include "cli.hpp"
#include "commands.hpp"

namespace parmetrics::cli {
int run_generate(std::span<const std::string_view>, std::ostream&, std::ostream& err) {
  err << "parmetrics generate: not built yet\n";
  return kExitFailure;
}
}  // namespace parmetrics::cli
