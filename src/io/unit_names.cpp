#include "io/unit_names.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "io/text_checks.hpp"

namespace parmetrics::detail {

namespace {

// The text mapped by utf8proc with `options`; text that is not UTF-8 comes back as it is.
std::string utf8proc_mapped(std::string_view text, int options) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                          static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                          static_cast<utf8proc_option_t>(options));
  std::string out =
      n < 0 ? std::string(text)
            : std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  std::free(mapped);
  return out;
}

}  // namespace

std::string to_nfc(std::string_view text) {
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(text);
  }
  return utf8proc_mapped(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string unit_name_key(std::string_view name) {
  const std::string key =
      utf8proc_mapped(name, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  std::string out;
  out.reserve(key.size());
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '\xC2' && i + 1 < key.size() && key[i + 1] == '\xA0') {  // U+00A0
      ++i;
      continue;
    }
    out += c;
  }
  return out;
}

std::string_view unit_code_prefix(std::string_view code) noexcept {
  const auto digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  const std::size_t last = code.rfind('-');
  if (last == std::string_view::npos || last < 8 || !digits(code.substr(last + 1))) return {};
  const std::size_t date = last - 7;
  if (code[date] != '-' || !digits(code.substr(date + 1, 6))) return {};
  return code.substr(0, date);
}

void name_codes_that_differ_by_case(const UnitRegistry& units, std::string_view origin,
                                    std::string_view field, std::size_t first_rejection,
                                    ImportReport& report) {
  std::unordered_map<std::string, UnitId> by_key;
  std::unordered_map<std::string, bool> said;
  std::vector<std::string> warnings;
  const auto& kept = report.rejections();
  for (std::size_t i = first_rejection; i < kept.size(); ++i) {
    const Rejection& r = kept[i];
    if (r.file != origin || r.field != field || r.reason != "unknown unit") continue;
    if (!said.emplace(r.value, true).second) continue;
    if (by_key.empty()) {
      for (UnitId id = 0; id < units.size(); ++id)
        by_key.emplace(unit_name_key(units[id].code), id);
    }
    const auto it = by_key.find(unit_name_key(r.value));
    if (it == by_key.end()) continue;
    warnings.push_back(fmt::format(
        "{}:{}{}: unit '{}' is not known; the known code '{}' differs only by case, spaces or "
        "Unicode normalisation",
        r.file, r.record_number ? "record " : "", r.line, r.value, units[it->second].code));
  }
  for (std::string& w : warnings) report.warn(std::move(w));
}

void UnitNames::put(std::unordered_map<std::string, Entry>& map, std::string key, UnitId unit) {
  if (key.empty()) return;
  const auto [it, added] = map.try_emplace(std::move(key), Entry{unit, false});
  if (!added && it->second.unit != unit) it->second.ambiguous = true;
}

void UnitNames::build(const UnitRegistry& units) {
  names_.clear();
  aliases_.clear();
  for (UnitId id = 0; id < units.size(); ++id) {
    put(names_, unit_name_key(units[id].name), id);
    for (const std::string& a : units[id].aliases) put(aliases_, unit_name_key(a), id);
  }
}

UnitNames::Found UnitNames::find(std::string_view text) const {
  const std::string key = unit_name_key(text);
  for (const auto* map : {&names_, &aliases_}) {
    const auto it = map->find(key);
    if (it == map->end()) continue;
    if (it->second.ambiguous) return {Match::ambiguous, 0};
    return {map == &names_ ? Match::name : Match::alias, it->second.unit};
  }
  return {};
}

}  // namespace parmetrics::detail
