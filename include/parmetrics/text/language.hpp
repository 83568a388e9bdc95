#pragma once
// The language of text meant for people (tables, Markdown, HTML, xlsx): Vietnamese as officials
// write it, or English. CSV and JSON keep stable English keys whatever the language.
//
// Thread-safety: an enum and pure functions; safe from any thread.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

#include <parmetrics/export.hpp>

namespace parmetrics {

enum class Language : std::uint8_t {
  vi,  ///< tiếng Việt: labels from the message catalogue, 1.234,56 numbers, dd/mm/yyyy dates
  en,  ///< English: 1,234.56 numbers, ISO 8601 dates
};

/// "vi" or "en".
PARMETRICS_API std::string_view to_string(Language language) noexcept;
PARMETRICS_API std::optional<Language> parse_language(std::string_view name) noexcept;
/// Writes to_string(language).
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Language language);

}  // namespace parmetrics
