#pragma once
// The parmetrics command line, callable in-process so that tests need no shell.

#include <iosfwd>
#include <span>
#include <string_view>

namespace parmetrics::cli {

/// Exit statuses, the same for every command: 0 everything loaded and the output written; 1 bad
/// data that stops the command (nothing loaded, a bad methodology, a rejection under --strict);
/// 2 the command line was wrong; 3 the output was written but records were rejected.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRejected = 3;

/// Runs the command line `args` (without the program name).
int run(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);

}  // namespace parmetrics::cli
