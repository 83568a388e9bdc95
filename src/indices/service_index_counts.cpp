#include <parmetrics/indices/service_index_counts.hpp>

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include <parmetrics/error.hpp>

#include "indices/scorecard/json_reader.hpp"
#include "io/mapped_file.hpp"

namespace parmetrics {

namespace {

using detail::JsonReader;
using json = nlohmann::json;

ItemCounts parse_pair(const JsonReader& r, const json& v, const std::string& path,
                      const std::string& code) {
  if (!v.is_array() || v.size() != 2) {
    r.fail(path, code,
           fmt::format("expected [numerator, denominator], got {}", JsonReader::kind(v)));
  }
  ItemCounts c;
  c.numerator = r.count(v[0], path, code, kMaxItemCount);
  c.denominator = r.count(v[1], path, code, kMaxItemCount);
  if (c.numerator > c.denominator) {
    r.fail(
        path, code,
        fmt::format("numerator {} is larger than the denominator {}", c.numerator, c.denominator));
  }
  return c;
}

}  // namespace

ServiceIndexCountsDocument parse_service_index_counts(std::string_view text,
                                                      std::string_view origin,
                                                      const ServiceIndexMethodology& methodology) {
  const JsonReader r(origin);
  const json doc = r.parse(text);
  const std::string root = "$";
  if (!doc.is_object()) {
    r.fail(root, "", fmt::format("the document must be a JSON object, got {}", r.kind(doc)));
  }
  r.only_keys(doc, root, {"units", "source", "retrieved", "period", "note", "methodology"});
  ServiceIndexCountsDocument out;
  out.source = r.string(doc, root, "source", false, false);
  out.period = r.string(doc, root, "period", false, false);
  (void)r.string(doc, root, "retrieved", false, false);
  (void)r.string(doc, root, "note", false, false);
  (void)r.string(doc, root, "methodology", false, false);
  const json& units = r.required(doc, root, "units");
  if (!units.is_array()) {
    r.fail(root, "units", fmt::format("expected an array, got {}", r.kind(units)));
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::string upath = JsonReader::index("$.units", u);
    const json& node = units[u];
    r.expect_object(node, upath, "");
    r.only_keys(node, upath, {"unit", "name", "level", "items", "published", "note", "source"});
    UnitCounts c;
    c.unit = r.string(node, upath, "unit", true, true);
    if (!seen.insert(c.unit).second) {
      r.fail(upath, "unit", fmt::format("duplicate unit code \"{}\"", c.unit));
    }
    c.name = r.string(node, upath, "name", false, false);
    c.level = r.string(node, upath, "level", false, false);
    (void)r.string(node, upath, "note", false, false);
    (void)r.string(node, upath, "source", false, false);
    const json& items = r.required(node, upath, "items");
    const std::string ipath = JsonReader::key(upath, "items");
    if (!items.is_object()) {
      r.fail(upath, "items", fmt::format("expected an object, got {}", r.kind(items)));
    }
    for (const auto& entry : items.items()) {
      if (methodology.find_item(entry.key()) == nullptr) {
        r.fail(ipath, entry.key(),
               fmt::format("is not an item of the methodology \"{}\"", methodology.name));
      }
      c.items.emplace(entry.key(), parse_pair(r, entry.value(), ipath, entry.key()));
    }
    if (const json* published = r.find(node, "published")) {
      const std::string ppath = JsonReader::key(upath, "published");
      if (!published->is_object()) {
        r.fail(upath, "published", fmt::format("expected an object, got {}", r.kind(*published)));
      }
      PublishedScores p;
      p.unit = c.unit;
      for (const auto& entry : published->items()) {
        const std::string& key = entry.key();
        bool known = key == "total" || methodology.find_item(key) != nullptr;
        for (const auto& group : methodology.groups) known = known || group.code == key;
        if (!known) {
          r.fail(ppath, key, "is neither \"total\" nor a group or item of the methodology");
        }
        p.scores.emplace(key, r.number(entry.value(), ppath, key));
      }
      out.published.push_back(std::move(p));
    }
    out.units.push_back(std::move(c));
  }
  return out;
}

ServiceIndexCountsDocument load_service_index_counts(const std::filesystem::path& file,
                                                     const ServiceIndexMethodology& methodology) {
  return parse_service_index_counts(detail::read_file_text(file), file.string(), methodology);
}

}  // namespace parmetrics
