#include "io/unit_names.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "io/csv_common.hpp"
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

// The text without ASCII blanks and no-break spaces (U+00A0); with `plain_d`, đ (which has no
// mark to strip) written d.
std::string squeezed(std::string_view text, bool plain_d) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '\xC2' && next == '\xA0') {
      ++i;
      continue;
    }
    if (plain_d && c == '\xC4' && next == '\x91') {
      ++i;
      out += 'd';
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string to_nfc(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  return utf8proc_mapped(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string_view nfc_view(std::string_view text, std::deque<std::string>& owned) {
  if (is_ascii(text)) return text;
  std::string nfc = to_nfc(text);
  if (nfc == text) return text;
  return owned.emplace_back(std::move(nfc));
}

std::string unit_name_key(std::string_view name) {
  return squeezed(utf8proc_mapped(name, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD),
                  false);
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

std::string unit_likeness_key(std::string_view text) {
  std::string out = squeezed(utf8proc_mapped(text, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                                       UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD),
                             true);
  // The long form of the people's committee, as the senders write it, is its usual short form.
  constexpr std::string_view kLong = "uybannhandan";
  for (std::size_t at; (at = out.find(kLong)) != std::string::npos;)
    out.replace(at, kLong.size(), "ubnd");
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diagonal = row[0], best = row[0] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
  }
  return row[a.size()];
}

namespace {

// The units nearest to a value, best first, as "code (name)".
std::string nearest_units(const UnitRegistry& units,
                          const std::vector<std::vector<std::string>>& keys,
                          std::string_view value) {
  const std::string key = unit_likeness_key(value);
  if (key.empty()) return {};
  const std::size_t limit = key.size() / 3;
  std::vector<std::pair<std::size_t, UnitId>> near;
  for (UnitId id = 0; id < units.size(); ++id) {
    std::size_t best = limit + 1;
    for (const std::string& k : keys[id]) {
      // A name written in part ("Quế Thọ" for "UBND xã Quế Thọ") is near too.
      const bool part = std::min(k.size(), key.size()) >= 4 &&
                        (k.find(key) != std::string::npos || key.find(k) != std::string::npos);
      const std::size_t d = edit_distance(key, k, limit);
      best = std::min(best, part ? std::min(d, limit) : d);
    }
    if (best <= limit) near.emplace_back(best, id);
  }
  std::stable_sort(near.begin(), near.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  if (near.size() > 3) near.resize(3);
  std::string out;
  for (const auto& [d, id] : near) {
    fmt::format_to(std::back_inserter(out), "{}{} ({})", out.empty() ? "" : ", ", units[id].code,
                   units[id].name);
  }
  return out;
}

}  // namespace

void hint_unknown_units(const UnitRegistry& units, std::string_view origin, std::string_view field,
                        std::size_t first_rejection, ImportReport& report) {
  if (units.size() == 0) return;
  std::unordered_map<std::string, UnitId> by_code_key;
  std::vector<std::vector<std::string>> keys;
  std::unordered_map<std::string, std::string> hints;  // by value
  const auto& kept = report.rejections();
  for (std::size_t i = first_rejection; i < kept.size(); ++i) {
    const Rejection& r = kept[i];
    if (r.file != origin || r.field != field || r.reason != reason_text(Reason::unknown_unit)) {
      continue;
    }
    auto it = hints.find(r.value);
    if (it == hints.end()) {
      if (hints.size() == kMaxHintedValues) continue;
      if (keys.empty()) {
        keys.resize(units.size());
        for (UnitId id = 0; id < units.size(); ++id) {
          const Unit& u = units[id];
          by_code_key.emplace(unit_name_key(u.code), id);
          keys[id].push_back(unit_likeness_key(u.code));
          keys[id].push_back(unit_likeness_key(u.name));
          for (const std::string& a : u.aliases) keys[id].push_back(unit_likeness_key(a));
        }
      }
      std::string hint;
      if (const auto same = by_code_key.find(unit_name_key(r.value)); same != by_code_key.end()) {
        hint = fmt::format("the known code '{}' differs only by case or spaces",
                           units[same->second].code);
      } else if (std::string near = nearest_units(units, keys, r.value); !near.empty()) {
        hint = "nearest known units: " + near;
      }
      it = hints.emplace(r.value, std::move(hint)).first;
    }
    if (!it->second.empty()) report.set_hint(i, it->second);
  }
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
