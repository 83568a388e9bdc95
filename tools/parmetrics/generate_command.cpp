// parmetrics generate: a deterministic synthetic data set in the native CSV formats.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <charconv>
#include <ostream>
#include <stdexcept>
#include <string>

#include "generator.hpp"

#include "cli.hpp"
#include "commands.hpp"
#include "flags.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

std::uint64_t count_option(std::string_view flag, std::string_view text, std::uint64_t max) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw UsageError(fmt::format("--{}: '{}' is not a whole number", flag, text));
  }
  if (value > max) throw UsageError(fmt::format("--{}: {} is larger than {}", flag, text, max));
  return value;
}

}  // namespace

int run_generate(std::span<const std::string_view> args, std::ostream& out, std::ostream&) {
  const ParsedOptions o(args, flags::generate);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const std::string dir = o.required("out");
  if (dir.empty()) throw UsageError("--out: empty folder name");

  generator::Options options;
  if (const auto p = o.value("profile")) {
    const auto profile = generator::parse_profile(*p);
    if (!profile) throw UsageError("--profile: '" + *p + "' is not sample or bench");
    options.profile = *profile;
  }
  if (const auto s = o.value("seed")) {
    options.seed = count_option("seed", *s, std::numeric_limits<std::uint64_t>::max());
  }
  if (const auto n = o.value("dossiers")) {
    options.dossiers = count_option("dossiers", *n, std::numeric_limits<std::uint32_t>::max());
  }
  if (const auto n = o.value("units")) {
    if (options.profile == generator::Profile::sample) {
      throw UsageError("--units applies to --profile bench (the sample is one district)");
    }
    options.units = static_cast<std::uint32_t>(
        count_option("units", *n, std::numeric_limits<std::uint32_t>::max()));
  }

  // Impossible sizes are the command line's fault; failing to write is the work's.
  std::optional<generator::DataSet> data;
  try {
    data.emplace(options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const generator::Written w = generator::write_csv(*data, dir);
  fmt::print(out, "{}: {} units\n", w.units.path.string(), w.units.records);
  fmt::print(out, "{}: {} procedures\n", w.procedures.path.string(), w.procedures.records);
  fmt::print(out, "{}: {} dossiers\n", w.dossiers.path.string(), w.dossiers.records);
  fmt::print(out, "{}: {} events\n", w.events.path.string(), w.events.records);
  return kExitOk;
}

}  // namespace parmetrics::cli
