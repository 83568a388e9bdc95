#include <parmetrics/indices/scorecard/appraisals.hpp>

#include <fmt/format.h>

#include <stdexcept>

#include <parmetrics/error.hpp>

#include "indices/csv_table.hpp"

namespace parmetrics::scorecard {

namespace {

std::string key_of(std::string_view unit, std::string_view criterion) {
  std::string key;
  key.reserve(unit.size() + criterion.size() + 1);
  key.append(unit).append(1, '\x1f').append(criterion);
  return key;
}

}  // namespace

Appraisals Appraisals::parse_csv(std::string_view text, std::string_view origin) {
  const detail::small_csv::CsvTable csv(text, std::string(origin));
  const std::size_t c_unit = csv.require("unit");
  const std::size_t c_criterion = csv.require("criterion");
  const std::size_t c_points = csv.require("points");
  const std::optional<std::size_t> c_note = csv.find("note");
  if (const auto extra = csv.unknown_columns({"unit", "criterion", "points", "note"});
      !extra.empty()) {
    throw DataError(csv.origin(), "line 1", extra.front(),
                    "unknown column (expected unit, criterion, points, note)");
  }
  Appraisals appraisals(csv.origin());
  for (const detail::small_csv::Row& r : csv.records()) {
    const std::string where = fmt::format("line {}", r.line);
    Appraisal s;
    s.line = r.line;
    s.unit = r.fields[c_unit];
    s.criterion = r.fields[c_criterion];
    if (s.unit.empty()) throw DataError(csv.origin(), where, "unit", "empty unit");
    if (s.criterion.empty()) throw DataError(csv.origin(), where, "criterion", "empty criterion");
    const std::string& p = r.fields[c_points];
    if (p == "n/a" || p == "N/A") {
      s.points = std::nullopt;
    } else if (const auto x = detail::small_csv::parse_number(p)) {
      s.points = *x;
    } else {
      throw DataError(csv.origin(), where, "points",
                      fmt::format("'{}' is not a number (or n/a)", p));
    }
    if (c_note) s.note = r.fields[*c_note];
    if (const Appraisal* first = appraisals.find(s.unit, s.criterion)) {
      throw DataError(csv.origin(), where, "criterion",
                      fmt::format("a second score of '{}' for unit '{}' (first on line {})",
                                  s.criterion, s.unit, first->line));
    }
    appraisals.add(std::move(s));
  }
  return appraisals;
}

Appraisals Appraisals::load_csv(const std::filesystem::path& file) {
  return parse_csv(detail::small_csv::read_text_file(file), file.string());
}

void Appraisals::add(Appraisal appraisal) {
  if (find(appraisal.unit, appraisal.criterion)) {
    throw ArgumentError("Appraisals::add", fmt::format("a second score of '{}' for unit '{}'",
                                                       appraisal.criterion, appraisal.unit));
  }
  index_.emplace(key_of(appraisal.unit, appraisal.criterion), appraisals_.size());
  appraisals_.push_back(std::move(appraisal));
}

const Appraisal* Appraisals::find(std::string_view unit, std::string_view criterion) const {
  const auto it = index_.find(key_of(unit, criterion));
  return it == index_.end() ? nullptr : &appraisals_[it->second];
}

}  // namespace parmetrics::scorecard
