#pragma once
// The parmetrics command line, callable in-process so that tests need no shell.

#include <iosfwd>
#include <span>
#include <string_view>

namespace parmetrics::cli {

/// Exit codes: 0 success, 1 the work failed (bad data, an import with rejections under --strict),
/// 2 the command line was wrong.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// Runs the command line `args` (without the program name).
int run(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);

}  // namespace parmetrics::cli
