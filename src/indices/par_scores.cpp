#include <parmetrics/indices/par_scores.hpp>

#include <fmt/format.h>

#include <stdexcept>

#include <parmetrics/error.hpp>

#include "indices/par_csv.hpp"

namespace parmetrics {

namespace {

std::string key_of(std::string_view unit, std::string_view criterion) {
  std::string key;
  key.reserve(unit.size() + criterion.size() + 1);
  key.append(unit).append(1, '\x1f').append(criterion);
  return key;
}

}  // namespace

ParScores ParScores::parse_csv(std::string_view text, std::string_view origin) {
  const detail::par::CsvTable csv(text, std::string(origin));
  const std::size_t c_unit = csv.require("unit");
  const std::size_t c_criterion = csv.require("criterion");
  const std::size_t c_points = csv.require("points");
  const std::optional<std::size_t> c_note = csv.find("note");
  if (const auto extra = csv.unknown_columns({"unit", "criterion", "points", "note"});
      !extra.empty()) {
    throw DataError(csv.origin(), "line 1", extra.front(),
                    "unknown column (expected unit, criterion, points, note)");
  }
  ParScores scores(csv.origin());
  for (const detail::par::Row& r : csv.records()) {
    const std::string where = fmt::format("line {}", r.line);
    ParScore s;
    s.line = r.line;
    s.unit = r.fields[c_unit];
    s.criterion = r.fields[c_criterion];
    if (s.unit.empty()) throw DataError(csv.origin(), where, "unit", "empty unit");
    if (s.criterion.empty()) throw DataError(csv.origin(), where, "criterion", "empty criterion");
    const std::string& p = r.fields[c_points];
    if (p == "n/a" || p == "N/A") {
      s.points = std::nullopt;
    } else if (const auto x = detail::par::parse_number(p)) {
      s.points = *x;
    } else {
      throw DataError(csv.origin(), where, "points",
                      fmt::format("'{}' is not a number (or n/a)", p));
    }
    if (c_note) s.note = r.fields[*c_note];
    if (const ParScore* first = scores.find(s.unit, s.criterion)) {
      throw DataError(csv.origin(), where, "criterion",
                      fmt::format("a second score of '{}' for unit '{}' (first on line {})",
                                  s.criterion, s.unit, first->line));
    }
    scores.add(std::move(s));
  }
  return scores;
}

ParScores ParScores::load_csv(const std::filesystem::path& file) {
  return parse_csv(detail::par::read_text_file(file), file.string());
}

void ParScores::add(ParScore score) {
  if (find(score.unit, score.criterion)) {
    throw std::invalid_argument(fmt::format("ParScores::add: a second score of '{}' for unit '{}'",
                                            score.criterion, score.unit));
  }
  index_.emplace(key_of(score.unit, score.criterion), scores_.size());
  scores_.push_back(std::move(score));
}

const ParScore* ParScores::find(std::string_view unit, std::string_view criterion) const {
  const auto it = index_.find(key_of(unit, criterion));
  return it == index_.end() ? nullptr : &scores_[it->second];
}

}  // namespace parmetrics
