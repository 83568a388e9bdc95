#include "options.hpp"
#include <charconv>

#include <algorithm>

#include <fmt/format.h>

#include <parmetrics/calendar/iso_format.hpp>

namespace parmetrics::cli {

ParsedOptions::ParsedOptions(std::span<const std::string_view> args,
                             std::span<const FlagSpec> flags) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (!arg.starts_with("--")) {
      positional_.emplace_back(arg);
      continue;
    }
    std::string_view name = arg.substr(2);
    std::optional<std::string_view> inline_value;
    if (const auto eq = name.find('='); eq != std::string_view::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const auto spec =
        std::find_if(flags.begin(), flags.end(), [&](const FlagSpec& f) { return f.name == name; });
    if (spec == flags.end()) throw UsageError("unknown option --" + std::string(name));
    auto& slot = values_[std::string(name)];
    if (!slot.empty() && !spec->repeatable) {
      throw UsageError("option --" + std::string(name) + " given more than once");
    }
    if (!spec->takes_value) {
      if (inline_value) throw UsageError("option --" + std::string(name) + " takes no value");
      slot.emplace_back();
      continue;
    }
    if (inline_value) {
      slot.emplace_back(*inline_value);
    } else if (i + 1 < args.size() && !args[i + 1].starts_with("--")) {
      slot.emplace_back(args[++i]);
    } else {
      throw UsageError("option --" + std::string(name) + " needs a value");
    }
  }
}

std::string options_help(std::span<const FlagSpec> flags) {
  std::size_t width = 0;
  const auto head = [](const FlagSpec& f) {
    std::string h = fmt::format("--{}", f.name);
    if (f.takes_value) h += fmt::format(" {}", f.value.empty() ? "VALUE" : f.value);
    if (f.repeatable) h += " ...";
    return h;
  };
  for (const FlagSpec& f : flags) width = std::max(width, head(f).size());
  width = std::min<std::size_t>(width, 34);
  std::string out;
  for (const FlagSpec& f : flags) {
    const std::string h = head(f);
    if (h.size() > width) {
      out += fmt::format("  {}\n  {:<{}}  {}\n", h, "", width, f.help);
    } else {
      out += fmt::format("  {:<{}}  {}\n", h, width, f.help);
    }
  }
  return out;
}

std::optional<std::string> ParsedOptions::value(std::string_view flag) const {
  const auto it = values_.find(flag);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedOptions::values(std::string_view flag) const {
  const auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string ParsedOptions::required(std::string_view flag) const {
  auto v = value(flag);
  if (!v) throw UsageError("missing option --" + std::string(flag));
  return *v;
}

OutputFormat output_format(const ParsedOptions& o) {
  const std::string f = o.value("format").value_or("table");
  if (f == "table") return OutputFormat::table;
  if (f == "csv") return OutputFormat::csv;
  if (f == "json") return OutputFormat::json;
  throw UsageError(fmt::format("--format {} is not one of table, csv, json", f));
}

DayNumber date_value(std::string_view flag, std::string_view text) {
  const auto day = parse_iso_date(text);
  if (!day) throw UsageError(fmt::format("--{}: '{}' is not a date YYYY-MM-DD", flag, text));
  if (*day < kFirstSupportedDay || *day > kLastSupportedDay) {
    throw UsageError(fmt::format("--{}: {} is outside 1900-01-01..2199-12-31", flag, text));
  }
  return *day;
}

DayNumber date_option(const ParsedOptions& o, std::string_view flag) {
  return date_value(flag, o.required(flag));
}

long number_arg(std::string_view flag, std::string_view text, long min, long max) {
  long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw UsageError(fmt::format("--{}: '{}' is not a whole number", flag, text));
  }
  if (v < min || v > max) {
    throw UsageError(fmt::format("--{}: {} is outside {}..{}", flag, text, min, max));
  }
  return v;
}

Language language_arg(const ParsedOptions& o) {
  const auto v = o.value("lang");
  if (!v) return Language::vi;
  const auto l = parse_language(*v);
  if (!l) throw UsageError(fmt::format("--lang: '{}' is not vi or en", *v));
  return *l;
}

}  // namespace parmetrics::cli
