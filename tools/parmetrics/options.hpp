#pragma once
// A small option parser: the subcommands declare their flags, anything else is a usage error.

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics::cli {

/// A command-line mistake: reported on one line with the usage, exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FlagSpec {
  std::string_view name;  ///< without the leading "--"
  bool takes_value = true;
  bool repeatable = false;
  std::string_view value;  ///< what the value is, for --help: "FILE", "vi|en"
  std::string_view help;   ///< one line for --help
};

/// The options of a command, one line each: "  --from DATE   first day of the period".
std::string options_help(std::span<const FlagSpec> flags);

class ParsedOptions {
 public:
  ParsedOptions(std::span<const std::string_view> args, std::span<const FlagSpec> flags);

  bool has(std::string_view flag) const { return values_.count(std::string(flag)) != 0; }
  std::optional<std::string> value(std::string_view flag) const;
  std::vector<std::string> values(std::string_view flag) const;
  std::string required(std::string_view flag) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> positional_;
};

/// --format of the commands that print a table, CSV or JSON (default: table).
enum class OutputFormat { table, csv, json };
OutputFormat output_format(const ParsedOptions& o);

/// --lang of the formats for people: vi (the default) or en.
Language language_arg(const ParsedOptions& o);

/// `text`, the value of --`flag`, as a day of the calendar's range (1900-01-01..2199-12-31); a
/// UsageError naming the flag otherwise.
DayNumber date_value(std::string_view flag, std::string_view text);
/// `text`, the value of --`flag`, as a whole number in [min, max]; a UsageError otherwise.
long number_arg(std::string_view flag, std::string_view text, long min, long max);
/// The same for a flag that must be given.
DayNumber date_option(const ParsedOptions& o, std::string_view flag);

}  // namespace parmetrics::cli
