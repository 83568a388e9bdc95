#pragma once
// The subcommands of the parmetrics CLI; each lives in its own file.

#include <iosfwd>
#include <span>
#include <string_view>

#include "options.hpp"

namespace parmetrics::cli {

using CommandFn = int (*)(std::span<const std::string_view> args, std::ostream& out,
                          std::ostream& err);

struct Command {
  std::string_view name;
  std::string_view usage;    ///< the synopsis line, after "parmetrics "
  std::string_view summary;  ///< one line for --help
  std::span<const FlagSpec> flags;
  CommandFn run;
};

std::span<const Command> commands() noexcept;

int run_calendar(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_lunar(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_due(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_report(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_generate(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_index766(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_par(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_score(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_sipas(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_form(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_dossiers(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_serve(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_targets(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_units(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);

}  // namespace parmetrics::cli
