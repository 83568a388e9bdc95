#pragma once
// A catalogue message with its placeholders filled: say("summary.late_rate", lang,
// fmt::arg("rate", "16,94"), …). Internal: fmt stays out of the public headers.

#include <fmt/format.h>

#include <string>
#include <string_view>

#include <parmetrics/error.hpp>
#include <parmetrics/text/messages.hpp>

namespace parmetrics::detail {

template <class... Args>
std::string say(std::string_view key, Language language, const Args&... args) {
  const std::string_view text = message(key, language);
  try {
    return fmt::format(fmt::runtime(text), args...);
  } catch (const fmt::format_error& e) {
    // The catalogue's placeholders and the code's arguments disagree: a bug, said as an Error.
    throw Error(fmt::format("message \"{}\" ({}): {}", key, to_string(language), e.what()));
  }
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

/// A unit level as the language names it: "xã" for "commune" in Vietnamese (the catalogue's
/// level.* messages), the level itself otherwise.
inline std::string level_name(const std::string& level, Language language) {
  const std::string key = "level." + level;
  if (language == Language::vi && MessageCatalogue::builtin().contains(key)) {
    return std::string(message(key, language));
  }
  return level;
}

}  // namespace parmetrics::detail
