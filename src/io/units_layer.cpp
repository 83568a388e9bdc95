// Units layers (include/parmetrics/io/units_layer.hpp): the dvhcvn/20250701 mapping's two JSON
// shapes and our CSV of links, read into links, and the links laid over a registry.

#include <parmetrics/io/units_layer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>

#include "detail/json_document.hpp"
#include "indices/csv_table.hpp"
#include "io/csv_common.hpp"
#include "io/text_checks.hpp"

namespace parmetrics {

namespace {

using nlohmann::json;

// Reads the dvhcvn records of one file, naming the record of any error ("data[3].level2s[5]").
class DvhcvnReader {
 public:
  DvhcvnReader(std::string_view origin, DayNumber effective)
      : origin_(origin), effective_(effective) {}

  ReformMapping read(const json& document) {
    const json& data = member(document, "data", "the document");
    if (!data.is_array()) fail("data", "", "not an array");
    for (std::size_t i = 0; i < data.size(); ++i) {
      const std::string where = fmt::format("data[{}]", i);
      const json& province = data[i];
      if (!province.is_object()) fail(where, "", "not an object");
      if (province.contains("merges")) {
        read_merges(province, where);
      } else if (province.contains("splits")) {
        read_splits(province, where);
      } else {
        fail(where, "", "neither merges (merges.json) nor splits (splits.json)");
      }
    }
    return std::move(mapping_);
  }

 private:
  [[noreturn]] void fail(const std::string& where, std::string field, std::string reason) const {
    throw DataError(std::string(origin_), where, std::move(field), std::move(reason));
  }
  const json& member(const json& object, const char* key, const std::string& where) const {
    const auto it = object.find(key);
    if (it == object.end()) fail(where, key, "missing");
    return *it;
  }
  std::string text(const json& object, const char* key, const std::string& where) const {
    const json& v = member(object, key, where);
    if (!v.is_string()) fail(where, key, fmt::format("not a string: {}", detail::describe_json(v)));
    return v.get<std::string>();
  }
  std::string code(const json& object, const char* key, const std::string& where) const {
    std::string c = text(object, key, where);
    if (c.empty() || c.size() > 5 || c.find_first_not_of("0123456789") != std::string::npos) {
      fail(where, key, fmt::format("'{}' is not a GSO code (1 to 5 digits)", c));
    }
    return c;
  }
  const json& array(const json& object, const char* key, const std::string& where) const {
    const json& v = member(object, key, where);
    if (!v.is_array()) fail(where, key, "not an array");
    return v;
  }
  void add(std::string old_code, std::string old_name, std::string new_code, std::string new_name,
           const char* level, std::string parent) {
    ReformLink l;
    l.old_code = std::move(old_code);
    // Names in NFC, as every importer keeps them: the data set writes some decomposed.
    l.old_name = detail::to_nfc(old_name);
    l.new_code = std::move(new_code);
    l.new_name = detail::to_nfc(new_name);
    l.new_level = level;
    l.new_parent = std::move(parent);
    l.effective = effective_;
    l.source = "dvhcvn/20250701";
    mapping_.links.push_back(std::move(l));
  }
  // A new province (merges.json): its old provinces, then its new communes' old units.
  void read_merges(const json& province, const std::string& where) {
    const std::string code = this->code(province, "level1_id", where);
    const std::string name = text(province, "name", where);
    const json& merges = array(province, "merges", where);
    for (std::size_t k = 0; k < merges.size(); ++k) {
      const std::string w = fmt::format("{}.merges[{}]", where, k);
      add(this->code(merges[k], "old_id", w), text(merges[k], "name", w), code, name, "province",
          "");
    }
    if (!province.contains("level2s")) return;
    const json& communes = array(province, "level2s", where);
    for (std::size_t c = 0; c < communes.size(); ++c) {
      const std::string wc = fmt::format("{}.level2s[{}]", where, c);
      const std::string commune = this->code(communes[c], "level2_id", wc);
      const std::string commune_name = text(communes[c], "name", wc);
      const json& olds = array(communes[c], "merges", wc);
      for (std::size_t k = 0; k < olds.size(); ++k) {
        const std::string w = fmt::format("{}.merges[{}]", wc, k);
        add(this->code(olds[k], "old_id", w), text(olds[k], "name", w), commune, commune_name,
            "commune", code);
      }
    }
  }
  // An old province (splits.json): its new province, then its old communes' and island
  // districts' new units (under its new province).
  void read_splits(const json& province, const std::string& where) {
    const std::string code = this->code(province, "level1_id", where);
    const std::string name = text(province, "name", where);
    const json& splits = array(province, "splits", where);
    std::string new_province;
    for (std::size_t k = 0; k < splits.size(); ++k) {
      const std::string w = fmt::format("{}.splits[{}]", where, k);
      const std::string to = this->code(splits[k], "new_id", w);
      if (new_province.empty()) new_province = to;
      add(code, name, to, text(splits[k], "name", w), "province", "");
    }
    for (const char* level : {"level2s", "level3s"}) {
      if (!province.contains(level)) continue;
      const json& olds = array(province, level, where);
      const char* id = level[5] == '2' ? "level2_id" : "level3_id";
      for (std::size_t c = 0; c < olds.size(); ++c) {
        const std::string wc = fmt::format("{}.{}[{}]", where, level, c);
        const std::string old = this->code(olds[c], id, wc);
        const std::string old_name = text(olds[c], "name", wc);
        const json& to = array(olds[c], "splits", wc);
        for (std::size_t k = 0; k < to.size(); ++k) {
          const std::string w = fmt::format("{}.splits[{}]", wc, k);
          add(old, old_name, this->code(to[k], "new_id", w), text(to[k], "name", w), "commune",
              new_province);
        }
      }
    }
  }

  std::string_view origin_;
  DayNumber effective_;
  ReformMapping mapping_;
};

}  // namespace

ReformMapping read_dvhcvn_mapping(std::string_view json_text, std::string_view origin,
                                  DayNumber effective) {
  const json document = detail::parse_json_document(json_text, origin);
  if (!document.is_object()) {
    throw DataError(std::string(origin), "", "", "not a JSON object with a data array");
  }
  return DvhcvnReader(origin, effective).read(document);
}

ReformMapping read_reform_csv(std::string_view text, std::string_view origin) {
  const detail::small_csv::CsvTable table(text, std::string(origin));
  const std::size_t old_code = table.require("old_gso_code");
  const std::size_t new_code = table.require("new_gso_code");
  const std::size_t level = table.require("new_level");
  const std::size_t effective = table.require("effective");
  const auto optional = [&](std::string_view column, const detail::small_csv::Row& row) {
    const auto i = table.find(column);
    return i ? row.fields[*i] : std::string();
  };
  ReformMapping mapping;
  for (const detail::small_csv::Row& row : table.records()) {
    const std::string where = fmt::format("line {}", row.line);
    const auto fail = [&](const char* field, std::string reason) {
      throw DataError(std::string(origin), where, field, std::move(reason));
    };
    ReformLink l;
    l.old_code = row.fields[old_code];
    l.new_code = row.fields[new_code];
    for (const auto& [field, value] :
         {std::pair{"old_gso_code", &l.old_code}, std::pair{"new_gso_code", &l.new_code}}) {
      if (value->empty() || value->size() > 5 ||
          value->find_first_not_of("0123456789") != std::string::npos) {
        fail(field, fmt::format("'{}' is not a GSO code (1 to 5 digits)", *value));
      }
    }
    l.new_level = row.fields[level];
    if (l.new_level.empty()) fail("new_level", "missing");
    const auto day = parse_iso_date(row.fields[effective]);
    if (!day)
      fail("effective", fmt::format("'{}' is not a date YYYY-MM-DD", row.fields[effective]));
    l.effective = *day;
    l.old_name = detail::to_nfc(optional("old_name", row));
    l.new_name = detail::to_nfc(optional("new_name", row));
    l.new_parent = optional("new_parent_gso_code", row);
    l.source = optional("source", row);
    if (const std::string share = optional("share", row); !share.empty()) {
      const auto s = detail::parse_share(share);
      if (!s) fail("share", fmt::format("'{}' is not a share 0..1 (at most 4 decimals)", share));
      l.share = *s;
    }
    mapping.links.push_back(std::move(l));
  }
  return mapping;
}

ReformMapping read_units_layer(const std::filesystem::path& file, DayNumber effective) {
  const std::string text = detail::small_csv::read_text_file(file);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') {
    return read_dvhcvn_mapping(text, file.string(), effective);
  }
  return read_reform_csv(text, file.string());
}

}  // namespace parmetrics
