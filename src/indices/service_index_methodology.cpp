#include <parmetrics/indices/service_index_methodology.hpp>

#include <fmt/format.h>

#include <charconv>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <parmetrics/error.hpp>

#include "indices/scorecard/exact.hpp"
#include "indices/scorecard/json_reader.hpp"
#include "io/mapped_file.hpp"

namespace parmetrics {

namespace {

using detail::ExactDecimal;
using detail::JsonReader;
using json = nlohmann::json;

constexpr std::string_view kFormat = "parmetrics-index766-methodology";
constexpr int kFormatVersion = 1;
// Maxima and thresholds enter exact arithmetic: a few decimals and a bounded size keep every
// product inside 128 bits (src/indices/service_index_exact.hpp).
constexpr int kMaxValueDecimals = 6;
constexpr double kMaxPoints = 1000;
constexpr std::int64_t kMicro = 1'000'000;

// Stable codes travel into CSV headers and JSON keys: letters, digits, '_' and '-'.
bool valid_code(std::string_view code) {
  if (code.empty()) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// A value in millionths, exactly, or a DataError.
std::int64_t micro_units(const JsonReader& r, double value, const std::string& path,
                         std::string_view field) {
  const auto d = detail::exact_decimal(value, kMaxValueDecimals);
  if (!d) {
    r.fail(path, field,
           fmt::format("{} has more than {} decimals or is too large", value, kMaxValueDecimals));
  }
  std::int64_t units = d->units;
  for (int s = d->scale; s < kMaxValueDecimals; ++s) units *= 10;
  return units;
}

// "18" or "2.5" from millionths.
std::string trimmed_points(std::int64_t micro) {
  std::string s = detail::format_scaled(micro, kMaxValueDecimals);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

void check(const ServiceIndexMethodology& m, const JsonReader& r) {
  const std::string root = "$";
  if (m.name.empty()) r.fail(root, "name", "must not be empty");
  if (m.version.empty()) r.fail(root, "version", "must not be empty");
  if (m.decimals < 0 || m.decimals > kMaxValueDecimals) {
    r.fail(root, "decimals", fmt::format("{} is not between 0 and 6", m.decimals));
  }
  if (m.groups.empty()) r.fail(root, "groups", "must list at least one group");
  std::set<std::string, std::less<>> group_codes, item_codes;
  std::int64_t groups_sum = 0;
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const ServiceIndexGroup& group = m.groups[g];
    const std::string gpath = JsonReader::index("$.groups", g);
    if (!valid_code(group.code)) {
      r.fail(gpath, "code",
             fmt::format("\"{}\" is not a code (letters, digits, '_' and '-', not empty)",
                         group.code));
    }
    if (!group_codes.insert(group.code).second) {
      r.fail(gpath, "code", fmt::format("duplicate group code \"{}\"", group.code));
    }
    if (group.name.empty()) r.fail(gpath, "name", "must not be empty");
    if (group.items.empty()) r.fail(gpath, "items", "must list at least one item");
    std::int64_t items_sum = 0;
    for (std::size_t i = 0; i < group.items.size(); ++i) {
      const ServiceIndexItem& item = group.items[i];
      const std::string ipath = JsonReader::index(gpath + ".items", i);
      if (!valid_code(item.code)) {
        r.fail(ipath, "code",
               fmt::format("\"{}\" is not a code (letters, digits, '_' and '-', not empty)",
                           item.code));
      }
      if (!item_codes.insert(item.code).second) {
        r.fail(ipath, "code", fmt::format("duplicate item code \"{}\"", item.code));
      }
      if (item.name.empty()) r.fail(ipath, "name", "must not be empty");
      if (!(item.max > 0) || item.max > kMaxPoints) {
        r.fail(ipath, "max", fmt::format("{} is not in (0, {}]", item.max, kMaxPoints));
      }
      items_sum += micro_units(r, item.max, ipath, "max");
      if (item.rule == ItemRule::capped) {
        if (!(item.threshold > 0) || item.threshold > 1) {
          r.fail(ipath, "threshold",
                 fmt::format("{} is not a ratio in (0, 1] (write 80 % as 0.8)", item.threshold));
        }
        micro_units(r, item.threshold, ipath, "threshold");
      } else if (item.threshold != 1) {
        r.fail(ipath, "threshold", "only capped items have a threshold");
      }
    }
    if (!(group.max > 0)) r.fail(gpath, "max", fmt::format("{} is not positive", group.max));
    const std::int64_t group_max = micro_units(r, group.max, gpath, "max");
    if (group_max != items_sum) {
      r.fail(gpath, "max",
             fmt::format("{} is not the sum of the items' maxima ({})", trimmed_points(group_max),
                         trimmed_points(items_sum)));
    }
    groups_sum += group_max;
  }
  for (const auto& code : item_codes) {
    if (group_codes.count(code) != 0) {
      r.fail(root, "groups", fmt::format("\"{}\" is both a group and an item", code));
    }
  }
  const std::int64_t total = micro_units(r, m.total, root, "total");
  if (total != groups_sum) {
    r.fail(root, "total",
           fmt::format("{} is not the sum of the groups' maxima ({})", trimmed_points(total),
                       trimmed_points(groups_sum)));
  }
  std::set<std::string, std::less<>> grade_names;
  for (std::size_t b = 0; b < m.grades.size(); ++b) {
    const GradeBand& band = m.grades[b];
    const std::string bpath = JsonReader::index("$.grades", b);
    if (band.name.empty()) r.fail(bpath, "name", "must not be empty");
    if (!grade_names.insert(band.name).second) {
      r.fail(bpath, "name", fmt::format("duplicate grade \"{}\"", band.name));
    }
    if (!(band.min >= 0) || band.min > m.total) {
      r.fail(bpath, "min", fmt::format("{} is not between 0 and the total {}", band.min, m.total));
    }
    micro_units(r, band.min, bpath, "min");
    if (b > 0 && !(band.min < m.grades[b - 1].min)) {
      r.fail(bpath, "min",
             fmt::format("{} is not below the previous grade's minimum {} (list grades from the "
                         "best down)",
                         band.min, m.grades[b - 1].min));
    }
  }
}

ServiceIndexItem parse_item(const JsonReader& r, const json& node, const std::string& path) {
  r.expect_object(node, path, "");
  r.only_keys(node, path,
              {"code", "name", "description", "numerator", "denominator", "note", "max", "rule",
               "threshold", "zero_denominator"});
  ServiceIndexItem item;
  item.code = r.string(node, path, "code", true, true);
  item.name = r.string(node, path, "name", true, true);
  item.description = r.string(node, path, "description", false, false);
  item.numerator = r.string(node, path, "numerator", false, false);
  item.denominator = r.string(node, path, "denominator", false, false);
  (void)r.string(node, path, "note", false, false);
  item.max = r.number(r.required(node, path, "max"), path, "max");
  const std::string rule = r.string(node, path, "rule", true, true);
  if (rule == "linear") {
    item.rule = ItemRule::linear;
    if (r.find(node, "threshold") != nullptr) {
      r.fail(path, "threshold", "only capped items have a threshold (this one is linear)");
    }
  } else if (rule == "capped") {
    item.rule = ItemRule::capped;
    const json* t = r.find(node, "threshold");
    if (t == nullptr) r.fail(path, "threshold", "is missing (a capped item needs one)");
    item.threshold = r.number(*t, path, "threshold");
  } else {
    r.fail(path, "rule", fmt::format("\"{}\" is not a rule (linear or capped)", rule));
  }
  if (r.find(node, "zero_denominator") != nullptr) {
    const std::string zero = r.string(node, path, "zero_denominator", true, false);
    if (zero == "zero") {
      item.zero_denominator = ZeroDenominator::zero;
    } else if (zero == "full") {
      item.zero_denominator = ZeroDenominator::full;
    } else {
      r.fail(path, "zero_denominator", fmt::format("\"{}\" is not zero or full", zero));
    }
  }
  return item;
}

ServiceIndexMethodology parse(std::string_view text, std::string_view origin) {
  const JsonReader r(origin);
  const json doc = r.parse(text);
  const std::string root = "$";
  if (!doc.is_object()) {
    r.fail(root, "", fmt::format("the document must be a JSON object, got {}", r.kind(doc)));
  }
  r.only_keys(doc, root,
              {"format", "format_version", "name", "version", "source", "note", "decimals",
               "rounding", "totals", "total", "groups", "grades"});
  const std::string format = r.string(doc, root, "format", true, false);
  if (format != kFormat) r.fail(root, "format", fmt::format("expected \"{}\"", kFormat));
  const json& version = r.required(doc, root, "format_version");
  if (!version.is_number_integer() || version.get<std::int64_t>() != kFormatVersion) {
    r.fail(root, "format_version",
           fmt::format("expected {}, got {}", kFormatVersion, JsonReader::kind(version)));
  }
  ServiceIndexMethodology m;
  m.name = r.string(doc, root, "name", true, true);
  m.version = r.string(doc, root, "version", true, true);
  m.source = r.string(doc, root, "source", false, false);
  (void)r.string(doc, root, "note", false, false);
  if (const json* d = r.find(doc, "decimals")) {
    if (!d->is_number_integer()) {
      r.fail(root, "decimals", fmt::format("expected a whole number, got {}", r.kind(*d)));
    }
    const auto n = d->get<std::int64_t>();
    if (n < 0 || n > kMaxValueDecimals) {
      r.fail(root, "decimals", fmt::format("{} is not between 0 and 6", n));
    }
    m.decimals = static_cast<int>(n);
  }
  const std::string rounding = r.string(doc, root, "rounding", false, false);
  if (r.find(doc, "rounding") != nullptr && rounding != "half_away_from_zero") {
    r.fail(root, "rounding",
           fmt::format("\"{}\" is not supported (only half_away_from_zero)", rounding));
  }
  if (r.find(doc, "totals") != nullptr) {
    const std::string totals = r.string(doc, root, "totals", true, false);
    if (totals == "unrounded") {
      m.totals = TotalsRule::unrounded;
    } else if (totals == "rounded_items") {
      m.totals = TotalsRule::rounded_items;
    } else {
      r.fail(root, "totals", fmt::format("\"{}\" is not unrounded or rounded_items", totals));
    }
  }
  const json& groups = r.required(doc, root, "groups");
  if (!groups.is_array()) {
    r.fail(root, "groups", fmt::format("expected an array, got {}", r.kind(groups)));
  }
  std::int64_t groups_sum = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string gpath = JsonReader::index("$.groups", g);
    const json& node = groups[g];
    r.expect_object(node, gpath, "");
    r.only_keys(node, gpath, {"code", "name", "description", "note", "max", "items"});
    ServiceIndexGroup group;
    group.code = r.string(node, gpath, "code", true, true);
    group.name = r.string(node, gpath, "name", true, true);
    (void)r.string(node, gpath, "description", false, false);
    (void)r.string(node, gpath, "note", false, false);
    const json& items = r.required(node, gpath, "items");
    if (!items.is_array()) {
      r.fail(gpath, "items", fmt::format("expected an array, got {}", r.kind(items)));
    }
    std::int64_t items_sum = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string ipath = JsonReader::index(gpath + ".items", i);
      group.items.push_back(parse_item(r, items[i], ipath));
      const ServiceIndexItem& item = group.items.back();
      if (item.max > 0 && item.max <= kMaxPoints) {
        items_sum += micro_units(r, item.max, ipath, "max");
      }
    }
    // The group's maximum may be left out: it is the sum of its items'.
    if (const json* max = r.find(node, "max")) {
      group.max = r.number(*max, gpath, "max");
    } else {
      group.max = static_cast<double>(items_sum) / kMicro;
    }
    if (group.max > 0 && group.max <= kMaxPoints * 100) {
      groups_sum += micro_units(r, group.max, gpath, "max");
    }
    m.groups.push_back(std::move(group));
  }
  if (const json* total = r.find(doc, "total")) {
    m.total = r.number(*total, root, "total");
  } else {
    m.total = static_cast<double>(groups_sum) / kMicro;
  }
  if (const json* grades = r.find(doc, "grades")) {
    if (!grades->is_array()) {
      r.fail(root, "grades", fmt::format("expected an array, got {}", r.kind(*grades)));
    }
    for (std::size_t b = 0; b < grades->size(); ++b) {
      const std::string bpath = JsonReader::index("$.grades", b);
      const json& node = (*grades)[b];
      r.expect_object(node, bpath, "");
      r.only_keys(node, bpath, {"name", "min", "note"});
      GradeBand band;
      band.name = r.string(node, bpath, "name", true, true);
      band.min = r.number(r.required(node, bpath, "min"), bpath, "min");
      m.grades.push_back(std::move(band));
    }
  }
  check(m, r);
  return m;
}

// A ratio threshold (0.8) as the scorecard's percent (80), exactly: 0.57 × 100 in binary is
// 56.99999999999999.
double percent_of_ratio(double ratio) {
  const auto d = detail::exact_decimal(ratio, kMaxValueDecimals);
  if (!d) return ratio * 100;  // not a methodology's value (validated ones always are)
  // std::from_chars, not strtod: the host process's locale must not change what is read.
  const std::string text = detail::format_scaled(d->units * 100, d->scale);
  double percent = 0;
  std::from_chars(text.data(), text.data() + text.size(), percent);
  return percent;
}

scorecard::Criterion item_criterion(const ServiceIndexItem& item, const std::string& group_path,
                                    std::size_t i) {
  scorecard::Criterion c;
  c.id = item.code;
  c.name = item.name;
  c.description = item.description;
  c.max = item.max;
  c.path = JsonReader::index(group_path + ".items", i);
  scorecard::Rule rule;
  rule.kind =
      item.rule == ItemRule::capped ? scorecard::RuleKind::capped : scorecard::RuleKind::linear;
  rule.metric = item.code;
  if (item.rule == ItemRule::capped) rule.threshold_percent = percent_of_ratio(item.threshold);
  rule.when_empty = item.zero_denominator == ZeroDenominator::full ? scorecard::WhenEmpty::full
                                                                   : scorecard::WhenEmpty::zero;
  c.rule = rule;
  return c;
}

}  // namespace

const ServiceIndexItem* ServiceIndexMethodology::find_item(std::string_view code) const noexcept {
  for (const auto& g : groups) {
    for (const auto& i : g.items) {
      if (i.code == code) return &i;
    }
  }
  return nullptr;
}

std::size_t ServiceIndexMethodology::item_count() const noexcept {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.items.size();
  return n;
}

ServiceIndexMethodology parse_service_index_methodology(std::string_view json_text,
                                                        std::string_view origin) {
  return parse(json_text, origin);
}

ServiceIndexMethodology load_service_index_methodology(const std::filesystem::path& file) {
  return parse(detail::read_file_text(file), file.string());
}

void validate_service_index_methodology(const ServiceIndexMethodology& m, std::string_view origin) {
  check(m, JsonReader(origin));
}

scorecard::Methodology to_scorecard(const ServiceIndexMethodology& m, std::string_view origin) {
  scorecard::Methodology out;
  out.origin = origin;
  out.name = m.name;
  out.version = m.version;
  out.description = m.source;
  out.decimals = out.index_decimals = m.decimals;
  out.totals = m.totals == TotalsRule::rounded_items ? scorecard::Totals::rounded_items
                                                     : scorecard::Totals::unrounded;
  // The portal ranks and grades on the 100-point total; a unit whose counts leave an item out
  // has no total (issue 12).
  out.basis = scorecard::Basis::points;
  out.when_missing = scorecard::WhenMissing::no_score;
  for (const GradeBand& band : m.grades) out.grades.push_back({band.min, band.name});
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const ServiceIndexGroup& group = m.groups[g];
    scorecard::Criterion node;
    node.id = group.code;
    node.name = group.name;
    node.max = group.max;
    node.path = JsonReader::index("$.groups", g);
    for (std::size_t i = 0; i < group.items.size(); ++i) {
      node.children.push_back(item_criterion(group.items[i], node.path, i));
    }
    out.criteria.push_back(std::move(node));
  }
  return out;
}

}  // namespace parmetrics
