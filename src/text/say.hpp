#pragma once
// A catalogue message with its placeholders filled: say("summary.late_rate", lang,
// fmt::arg("rate", "16,94"), …). Internal: fmt stays out of the public headers.

#include <fmt/format.h>

#include <string>
#include <string_view>

#include <parmetrics/error.hpp>
#include <parmetrics/text/messages.hpp>

namespace parmetrics::detail {

/// The catalogue message with fmt::arg values written as fmt writes them: the one filler is
/// message(key, language, {{name, value}…}) (messages.hpp); this only formats the values.
template <class... Args>
std::string say(std::string_view key, Language language, const Args&... args) {
  return message(key, language, {MessageArg{args.name, fmt::format("{}", args.value)}...});
}

/// "Tỷ lệ…" → "tỷ lệ…", "Đơn vị" → "đơn vị": a label inside a sentence (an ASCII first letter
/// or Đ; the catalogue's labels start with no other capital).
inline std::string lowercase_first(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') {
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  } else if (out.starts_with("\u0110")) {
    out.replace(0, 2, "\u0111");
  }
  return out;
}

/// "chỉ tiêu" → "Chỉ tiêu", "điểm" → "Điểm": a label at the head of a column (an ASCII first
/// letter or đ).
inline std::string uppercase_first(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  } else if (out.starts_with("\u0111")) {
    out.replace(0, 2, "\u0110");
  }
  return out;
}

/// The units of a level as the language names them: "xã", "communes" (the catalogue's level.*
/// messages); a level the catalogue does not know, as the data write it.
inline std::string level_name(const std::string& level, Language language) {
  const std::string key = "level." + level;
  if (MessageCatalogue::builtin().contains(key)) return std::string(message(key, language));
  return level;
}

/// One unit's level beside its name, "Xã A (xã)", "Commune A (commune)" (the catalogue's
/// level.one.* messages); a level the catalogue does not know, as the data write it.
inline std::string level_of_one(const std::string& level, Language language) {
  const std::string key = "level.one." + level;
  if (MessageCatalogue::builtin().contains(key)) return std::string(message(key, language));
  return level;
}

}  // namespace parmetrics::detail
